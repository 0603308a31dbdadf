"""Test tooling for the sync tests: a fault-injecting proxy, the cloud server and headless
terminals as real processes, throwaway PostgreSQL databases. Standard library (plus the
project's own dependencies); never imported by the app itself, never imports Qt."""
