INSERT INTO projections.regions (region_id, name, country, level, parent_id, aliases, members, version, state)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (region_id) DO UPDATE SET
    name = excluded.name, country = excluded.country, level = excluded.level, parent_id = excluded.parent_id,
    aliases = excluded.aliases, members = excluded.members, version = excluded.version, state = excluded.state
