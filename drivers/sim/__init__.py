"""Simulators for every device, used by `make run`, `pos-sim` and the tests."""
