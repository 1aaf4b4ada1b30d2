-- Taken at the start of every projection transaction. The no-op update locks the checkpoint row (and
-- creates it the first time): a second runner of the same projection waits here, then sees that the
-- checkpoint moved and drops its batch.
INSERT INTO projections.checkpoints (name, position, updated_at) VALUES ($1, 0, now())
ON CONFLICT (name) DO UPDATE SET name = excluded.name
RETURNING position
