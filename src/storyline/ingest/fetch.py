"""Fetch web pages politely and safely: limits, robots.txt, a clear User-Agent, no SSRF.

Every URL ends as a `Fetched` with either a body or the reason it failed; nothing raises.
Addresses are checked when the socket is opened (for every redirect hop too), so a name that
resolves to a private, loopback, link-local, multicast or reserved address is refused unless
the policy allows private addresses. Checking at connect time also closes the DNS-rebinding
gap between "check the name" and "connect to the name".
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import typing
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import certifi
import httpcore
import httpx

USER_AGENT = "storyline/0.1 (news brief builder; +https://pypi.org/project/storyline/)"
MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how far the fetcher may go."""

    user_agent: str = USER_AGENT
    timeout: float = 15.0  # seconds, for connect, each read and each write
    max_bytes: int = 5 * 1024 * 1024  # a news page is rarely over 2 MiB
    concurrency: int = 4  # requests in flight at once, over all hosts
    per_host_delay: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False  # allow private, loopback and link-local addresses
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of fetching one URL: a body, or the reason there is none."""

    url: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    body: bytes | None = None
    error: str | None = None


class BlockedAddress(httpcore.ConnectError):
    """The name resolves to an address the policy does not allow."""


def refused_address(ip: str) -> str | None:
    """Return why an IP address may not be fetched from the public web, or None if it may."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(addr, f"is_{kind}"):
            return f"{kind.replace('_', '-')} address {addr}"
    if not addr.is_global:
        return f"non-public address {addr}"
    return None


class _GuardedBackend(httpcore.SyncBackend):
    """Open TCP connections only to addresses the policy allows."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        ips = resolve_allowed(host, port, self.allow_private)
        # Connect to the address just checked, not the name: a second lookup could differ.
        return super().connect_tcp(ips[0], port, timeout, local_address, socket_options)


def resolve_allowed(host: str, port: int, allow_private: bool) -> list[str]:
    """Return the addresses of `host`, or raise `BlockedAddress` if any is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise httpcore.ConnectError(f"cannot resolve {host}: {err}") from err
    ips = [str(info[4][0]) for info in infos]
    if not allow_private:
        for ip in ips:
            why = refused_address(ip)
            if why is not None:
                raise BlockedAddress(f"blocked: {host} resolves to a {why}")
    return ips


def _client(policy: FetchPolicy) -> httpx.Client:
    pool = httpcore.ConnectionPool(
        ssl_context=ssl.create_default_context(cafile=certifi.where()),
        max_connections=policy.concurrency * 2,
        network_backend=_GuardedBackend(policy.allow_private),
    )
    transport = httpx.HTTPTransport()
    transport._pool = pool  # the one seam httpx offers for a custom network backend
    return httpx.Client(
        transport=transport,
        headers={"User-Agent": policy.user_agent, "Accept": "text/html,application/xml;q=0.9"},
        timeout=policy.timeout,
        follow_redirects=False,  # redirects are followed by hand, each hop checked
        trust_env=False,  # a proxy from the environment would bypass the address check
    )


class Fetcher:
    """Fetch many URLs with a bounded number in flight, never raising for one URL's failure."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client = _client(self.policy)
        self._robots: dict[str, RobotFileParser | str] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last_hit: dict[str, float] = {}

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch_many(self, urls: Iterable[str]) -> Iterator[Fetched]:
        """Yield one `Fetched` per URL, in input order, with `concurrency` requests in flight."""
        width = max(1, self.policy.concurrency)
        with ThreadPoolExecutor(max_workers=width) as pool:
            pending = []
            for url in urls:
                pending.append(pool.submit(self.fetch, url))
                if len(pending) >= width * 2:  # keep the queue bounded for long URL lists
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()

    def fetch(self, url: str) -> Fetched:
        """Fetch one URL, following checked redirects; a failure becomes `Fetched.error`."""
        current = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                problem = self._check_url(current)
                if problem:
                    return Fetched(url, current, error=problem)
                got = self._get(url, current)
                if isinstance(got, Fetched):
                    return got
                current = got
            return Fetched(url, current, error=f"too many redirects (over {MAX_REDIRECTS})")
        except BlockedAddress as err:
            return Fetched(url, current, error=str(err))
        except httpx.ConnectError as err:  # httpx re-raises BlockedAddress as its own type
            return Fetched(url, current, error=str(err) or "network error: cannot connect")
        except httpx.TimeoutException:
            return Fetched(url, current, error=f"timed out after {self.policy.timeout:g} s")
        except (httpx.HTTPError, httpcore.ConnectError) as err:
            return Fetched(url, current, error=f"network error: {err or type(err).__name__}")

    def _check_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return f"not fetched: only http and https URLs are ({url[:80]})"
        if not self.policy.allow_private:
            # Checked here for a clear reason before any request (robots.txt included);
            # the connection itself is checked again when it opens.
            port = parts.port or (443 if parts.scheme == "https" else 80)
            resolve_allowed(parts.hostname, port, allow_private=False)
        if self.policy.respect_robots and not self._robots_allow(url):
            return "not fetched: disallowed by robots.txt"
        return None

    def _get(self, url: str, current: str) -> Fetched | str:
        """Return the final response, or the next URL to follow for a redirect."""
        self._wait_turn(current)
        with self._client.stream("GET", current) as resp:
            if resp.is_redirect and "location" in resp.headers:
                return urljoin(current, resp.headers["location"])
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower() or None
            if resp.status_code != 200:
                return Fetched(
                    url, current, resp.status_code, ctype, error=f"HTTP {resp.status_code}"
                )
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                return Fetched(url, current, 200, ctype, error=self._too_large())
            body = bytearray()
            # A server that drips bytes never trips the per-read timeout: bound the total too.
            deadline = time.monotonic() + 4 * self.policy.timeout
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) > self.policy.max_bytes:
                    return Fetched(url, current, 200, ctype, error=self._too_large())
                if time.monotonic() > deadline:
                    return Fetched(url, current, 200, ctype, error="timed out reading the body")
            return Fetched(url, current, 200, ctype, bytes(body))

    def _too_large(self) -> str:
        return f"too large: over {self.policy.max_bytes // 1024} KiB"

    def _wait_turn(self, url: str) -> None:
        """Keep `per_host_delay` between two requests to the same host."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last_hit.get(host, 0.0) + self.policy.per_host_delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_hit[host] = time.monotonic()

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            rules = self._robots.get(origin)
        if rules is None:
            rules = self._load_robots(origin)
            with self._lock:
                self._robots[origin] = rules
        if isinstance(rules, str):  # "allow" or "deny" for the whole site
            return rules == "allow"
        return rules.can_fetch(self.policy.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        """Read a site's robots.txt: missing (4xx) allows all; unreachable or 5xx denies all."""
        try:
            self._wait_turn(origin)
            resp = self._client.get(f"{origin}/robots.txt")
        except httpx.ConnectError as err:
            # a blocked address is reported by the page fetch; an unreachable site denies
            return "allow" if str(err).startswith("blocked") else "deny"
        except httpx.HTTPError:
            return "deny"
        if 400 <= resp.status_code < 500 or resp.is_redirect:
            return "allow"
        if resp.status_code != 200:
            return "deny"
        parser = RobotFileParser()
        parser.parse(resp.content[: 512 * 1024].decode("utf-8", "replace").splitlines())
        return parser
