"""The web app: read-only pages and a JSON API over a store (`storyline serve --db FILE`)."""

from storyline.web.app import create_app
from storyline.web.reader import StoreReader
from storyline.web.serve import make_server, serve_store

__all__ = ["StoreReader", "create_app", "make_server", "serve_store"]
