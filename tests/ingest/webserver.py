"""A tiny HTTP server on a loopback address for fetch tests; never the internet."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Site:
    """The routes a test server serves, and the requests it saw."""

    routes: dict[str, Route]
    seen: list[tuple[str, str]] = field(default_factory=list)  # (path, user agent)
    base: str = ""


@contextmanager
def serve(routes: dict[str, Route], host: str = "127.0.0.1") -> Iterator[Site]:
    """Serve `routes` on `host` (a free port) for the duration of the block."""
    site = Site(routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.seen.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path, Route(b"not found", 404, "text/plain"))
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for key, value in route.headers.items():
                self.send_header(key, value.replace("{base}", site.base))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            """Stay quiet: tests read `site.seen` instead."""

    server = ThreadingHTTPServer((host, 0), Handler)
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def article_html(title: str, sentences: int = 6, date: str | None = None) -> bytes:
    """Return a realistic news page whose article has enough words to be kept."""
    body = "".join(
        f"<p>{title} paragraph {i}: officials in the town of Brookfield said on Monday that "
        f"the new bridge over the Elm river would open to traffic in {2025 + i}.</p>"
        for i in range(sentences)
    )
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright 2024 Brookfield Courier</footer></body></html>"
    ).encode()
