"""Run the web app with waitress, a pure-Python production WSGI server, with bounded requests."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from storyline.store.connect import StoreError
from storyline.web.app import create_app

#: Limits on what a client may send; the app only answers small GET requests.
SERVER_LIMITS = {
    "max_request_body_size": 1024,
    "max_request_header_size": 16 * 1024,
    "channel_timeout": 30,
    "connection_limit": 200,
}


def make_server(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, threads: int = 4):  # type: ignore[no-untyped-def]
    """Return a waitress server for store `db` (not yet running); port 0 picks a free one."""
    from waitress.server import create_server

    # A queue of requests under load is expected, not worth a warning line per request.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    path = Path(db)
    if not path.is_file():
        raise StoreError(
            f"no store at {path}: create one with 'storyline ingest PATHS --db {path}'"
        )
    app = create_app(path)
    return create_server(
        app, host=host, port=port, threads=threads, ident="storyline", **SERVER_LIMITS
    )


def serve_store(
    db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, threads: int = 4
) -> None:
    """Serve store `db` until interrupted."""
    server = make_server(db, host=host, port=port, threads=threads)
    click.echo(f"serving {db} at http://{host}:{server.effective_port}/  (Ctrl-C stops)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
