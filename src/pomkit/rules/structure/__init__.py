"""POM1xx: structure — the file against the model contract (keys, types, values, ids)."""
