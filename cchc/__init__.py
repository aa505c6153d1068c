"""The read side: domain vocabulary, the DuckDB connection, queries and chart builders."""
