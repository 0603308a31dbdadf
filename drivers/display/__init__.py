"""Customer-facing displays: the CD5220 serial pole display (the window lives in pos_app.ui)."""
