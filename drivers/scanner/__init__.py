"""Barcode scanners: keyboard-wedge burst detection (+ its Qt filter) and serial scanners."""
