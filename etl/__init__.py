"""The write side: read workbooks, detect their kind, parse, validate and load atomically."""
