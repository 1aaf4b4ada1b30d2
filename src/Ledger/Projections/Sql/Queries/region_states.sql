SELECT region_id, state FROM projections.regions WHERE region_id = ANY($1)
