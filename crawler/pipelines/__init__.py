"""Item pipelines, one job each: validation, then the store."""
