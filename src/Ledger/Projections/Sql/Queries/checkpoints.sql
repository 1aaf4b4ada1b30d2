SELECT name, position FROM projections.checkpoints
