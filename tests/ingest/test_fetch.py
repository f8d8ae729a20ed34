"""The fetcher: polite (robots.txt, User-Agent, limits), never fatal, and no SSRF hole."""

from __future__ import annotations

import pytest

from storyline.ingest import fetch
from storyline.ingest.fetch import Fetcher, FetchPolicy, refused_address
from tests.ingest.webserver import Route, article_html, serve

LOCAL = FetchPolicy(allow_private=True, per_host_delay=0.0, timeout=5.0)


@pytest.mark.parametrize(
    ("ip", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),  # the cloud metadata address
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4 smuggled in IPv6
        ("fe80::1", "link-local"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
    ],
)
def test_refused_address_names_the_kind(ip: str, kind: str) -> None:
    why = refused_address(ip)
    assert why is not None and why.startswith(kind)


@pytest.mark.parametrize("ip", ["93.184.215.14", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_are_allowed(ip: str) -> None:
    assert refused_address(ip) is None


def test_loopback_is_refused_by_default() -> None:
    with serve({"/a": Route(article_html("A"))}) as site, Fetcher(FetchPolicy()) as fetcher:
        got = fetcher.fetch(f"{site.base}/a")
    assert got.body is None
    assert got.error is not None and "blocked" in got.error and "loopback" in got.error
    assert site.seen == []  # not even robots.txt was asked for


def test_localhost_name_is_refused_too() -> None:
    with serve({"/a": Route(article_html("A"))}) as site, Fetcher(FetchPolicy()) as fetcher:
        got = fetcher.fetch(site.base.replace("127.0.0.1", "localhost") + "/a")
    assert got.error is not None and "blocked" in got.error


def test_redirect_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend 127.0.0.1 is public so the first hop is allowed; the hop to 127.0.0.2 is not.
    real = fetch.refused_address
    monkeypatch.setattr(
        fetch, "refused_address", lambda ip: None if ip == "127.0.0.1" else real(ip)
    )
    with serve({"/secret": Route(b"internal")}, host="127.0.0.2") as inner:
        hop = Route(b"", 302, headers={"Location": f"{inner.base}/secret"})
        with serve({"/go": hop}) as outer, Fetcher(FetchPolicy(per_host_delay=0)) as fetcher:
            got = fetcher.fetch(f"{outer.base}/go")
    assert got.error is not None and "blocked" in got.error
    assert ("/secret", fetch.USER_AGENT) not in inner.seen


def test_fetch_sends_user_agent_and_follows_redirects() -> None:
    routes = {
        "/old": Route(b"", 301, headers={"Location": "/new"}),
        "/new": Route(article_html("New")),
    }
    with serve(routes) as site, Fetcher(LOCAL) as fetcher:
        got = fetcher.fetch(f"{site.base}/old")
    assert got.error is None and got.body and b"New" in got.body
    assert got.final_url == f"{site.base}/new"
    assert all(agent == fetch.USER_AGENT for _, agent in site.seen)


def test_robots_txt_is_obeyed() -> None:
    robots = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    routes = {"/robots.txt": robots, "/private/a": Route(article_html("P"))}
    with serve(routes) as site, Fetcher(LOCAL) as fetcher:
        got = fetcher.fetch(f"{site.base}/private/a")
    assert got.error == "not fetched: disallowed by robots.txt"
    assert [p for p, _ in site.seen] == ["/robots.txt"]


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (Route(b"x" * 5000), "too large"),
        (Route(b"gone", 410), "HTTP 410"),
    ],
)
def test_failures_are_recorded_not_raised(route: Route, error: str) -> None:
    policy = FetchPolicy(allow_private=True, per_host_delay=0, max_bytes=1000)
    with serve({"/p": route}) as site, Fetcher(policy) as fetcher:
        got = fetcher.fetch(f"{site.base}/p")
    assert got.body is None and got.error is not None and error in got.error


def test_unreachable_host_and_bad_scheme_are_recorded() -> None:
    with serve({}) as site:
        dead = site.base  # the server is gone after the block
    with Fetcher(LOCAL) as fetcher:
        down = fetcher.fetch(f"{dead}/a")
        ftp = fetcher.fetch("ftp://example.org/a")
    assert down.error is not None and down.body is None
    assert ftp.error is not None and "only http and https" in ftp.error


def test_fetch_many_keeps_order_under_a_concurrency_limit() -> None:
    routes = {f"/{i}": Route(article_html(f"Page {i}")) for i in range(12)}
    policy = FetchPolicy(allow_private=True, per_host_delay=0, concurrency=3)
    with serve(routes) as site, Fetcher(policy) as fetcher:
        urls = [f"{site.base}/{i}" for i in range(12)]
        got = list(fetcher.fetch_many(urls))
    assert [g.url for g in got] == urls
    assert all(g.error is None for g in got)
