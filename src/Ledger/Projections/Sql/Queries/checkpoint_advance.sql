UPDATE projections.checkpoints SET position = $2, updated_at = now() WHERE name = $1
