SELECT state FROM projections.regions
