"""Sync between tills and the cloud: the terminal's client and the server (the protocol they
speak is ``contract.protocol``)."""

import sys

# httpx's __init__ tries to import its command-line client (click, pygments, rich); without
# rich that import fails halfway and leaves click and pygments loaded: 4.5 MB resident in
# the till for nothing. A None entry makes the attempt fail at once, which httpx expects.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]  # typeshed: no None here
