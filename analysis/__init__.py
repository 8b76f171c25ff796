"""Reading socsim traces (see trace.py for the schema)."""
