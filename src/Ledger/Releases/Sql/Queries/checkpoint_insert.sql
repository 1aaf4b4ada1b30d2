-- Two nodes may sign the same position: the first one kept is as good as the other.
INSERT INTO ledger.checkpoints (position, signed_at, checkpoint)
VALUES (@position, @signed_at, @checkpoint::jsonb)
ON CONFLICT (position) DO NOTHING
