"""Receipt printer and cash drawer: layout, ESC/POS encoding, raster, transports, worker."""
