"""Reading declarations (CSV/Parquet/JSON/JSONL), column mappings, normalisation and writers."""
