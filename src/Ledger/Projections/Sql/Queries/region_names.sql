SELECT region_id, name FROM projections.regions WHERE region_id = ANY($1)
