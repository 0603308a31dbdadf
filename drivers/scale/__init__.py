"""Serial retail scale (Toledo 8217-style demand protocol)."""
