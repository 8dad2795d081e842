"""The portable dataset format (shared/DATASET.md, version 1): load, dump, field rules."""
