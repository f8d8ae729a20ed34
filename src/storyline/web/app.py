"""The web app: server-rendered pages and a JSON API over a store, read-only.

Safety, since article text is untrusted: Jinja escapes everything (templates are `.html`, so
autoescape is on), a Content-Security-Policy allows only this app's own script and style, URL
ids must match a fixed pattern and are only ever SQL parameters, and static files are served
from a fixed in-memory table, so no URL part reaches the filesystem. Only GET and HEAD exist;
query sizes and query times are bounded (see `reader.QUERY_TIMEOUT`, `search.MAX_QUERY_CHARS`).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from storyline.store.connect import StoreError
from storyline.store.locks import StoreBusyError
from storyline.web.reader import QueryTimeoutError, StoreReader

READER_KEY = "storyline.reader"

_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_DIGITS = re.compile(r"[0-9]{1,9}")
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


class IdConverter(BaseConverter):
    """A content-hash id: a letter, then up to 79 letters, digits, '-' or '_'."""

    regex = r"[a-z][0-9a-z_-]{0,79}"


def create_app(db: str | Path, *, reader: StoreReader | None = None) -> Flask:
    """Return the web app serving store `db` (read-only)."""
    app = Flask(__name__, static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = 1024  # no route reads a body; refuse big ones early
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.url_map.converters["id"] = IdConverter
    app.extensions[READER_KEY] = reader or StoreReader(db)
    assets = _load_assets()

    from storyline.web.api import api
    from storyline.web.pages import pages

    app.register_blueprint(pages)
    app.register_blueprint(api)

    @app.get("/static/<name>")
    def static_file(name: str) -> Response:
        if name not in assets:
            return _error(404, "no such file")
        body, mimetype = assets[name]
        resp = Response(body, content_type=mimetype)
        resp.cache_control.max_age = 3600
        return resp

    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreBusyError, _busy)
    app.register_error_handler(QueryTimeoutError, _busy)
    app.register_error_handler(StoreError, _no_store)
    return app


def _load_assets() -> dict[str, tuple[bytes, str]]:
    """Read the packaged static files once; the URL only ever picks a key of this table."""
    folder = resources.files("storyline.web") / "static"
    out = {}
    for item in folder.iterdir():
        suffix = Path(item.name).suffix
        if item.is_file() and suffix in _TYPES:
            out[item.name] = (item.read_bytes(), _TYPES[suffix])
    return out


def _security_headers(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = _CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


def wants_json() -> bool:
    """Return True for API requests, which get JSON errors."""
    return request.path.startswith("/api/")


def _error(status: int, message: str, **headers: str) -> Response:
    if wants_json():
        resp = jsonify({"error": message, "status": status})
    else:
        resp = Response(render_template("error.html", status=status, message=message))
    resp.status_code = status
    resp.headers.update(headers)
    return resp


def _http_error(exc: HTTPException) -> Response:
    return _error(exc.code or 500, exc.description or exc.name)


def _busy(exc: Exception) -> Response:
    return _error(503, str(exc), **{"Retry-After": "2"})


def _no_store(exc: Exception) -> Response:
    return _error(503, str(exc))


def page_args(default_size: int = 50) -> tuple[int, int]:
    """Return (page, size) from the query string, bounded; 400 on nonsense."""
    page = _bounded_int("page", 1, 1, 100_000)
    size = _bounded_int("size", default_size, 1, 200)
    return page, size


def _bounded_int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        abort(400, f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def reader() -> StoreReader:
    """Return the app's store reader."""
    found: Any = current_app.extensions[READER_KEY]
    return found  # type: ignore[no-any-return]
