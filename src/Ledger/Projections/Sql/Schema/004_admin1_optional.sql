-- An incident whose source names no governorate ("the eastern desert") has no admin1: it counts in its
-- country and in no governorate, never silently in one.
ALTER TABLE projections.incidents ALTER COLUMN admin1 DROP NOT NULL;
ALTER TABLE projections.tally_contributions ALTER COLUMN admin1 DROP NOT NULL;
