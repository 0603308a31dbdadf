"""Camera QR capture: OpenCV capture worker, QR decoder backends, repeat suppression."""
