"""Label printers: a label's layout in dots, TSPL and ESC/POS page-mode encoders, a PNG
render for previews and a simulated printer."""
