"""Synthetic but realistic news for the benchmarks: made here, deterministic, no data files.

Each story is an event with fixed facts (place, people, figures, days); each article about
it picks some facts and words them in its own way, with a quote, an attribution, a figure
and a weekday, the things the per-article stages look for. Pages wrap an article in the
boilerplate real sites have (navigation, share rows, related links, footer).
"""

from __future__ import annotations

import html
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

CITIES = ["Springfield", "Riverton", "Lakeside", "Brookfield", "Marlow", "Ashford", "Kingsport",
          "Fairview", "Greenville", "Oakdale", "Westbury", "Eastport"]  # fmt: skip
PEOPLE = ["Maria Lopez", "John Okafor", "Chen Wei", "Anna Kowalski", "David Smith",
          "Fatima Hassan", "Peter Novak", "Laura Bianchi", "Samuel Adeyemi",
          "Ingrid Berg"]  # fmt: skip
ROLES = ["mayor", "fire chief", "police spokesperson", "health minister", "union leader",
         "company spokesperson", "city engineer", "school principal"]  # fmt: skip
ORGS = ["the city council", "the regional health authority", "Northern Rail", "the port authority",
        "the national weather service", "Acme Foods", "the transport ministry"]  # fmt: skip
EVENTS = [
    ("flood", "Floodwater forced {n} families from their homes in {city} on {day}"),
    ("strike", "About {n} rail workers walked out in {city} on {day} over pay"),
    ("fire", "A fire destroyed a warehouse in {city} on {day}, injuring {n} people"),
    ("budget", "{org} approved a budget of ${n} million for {city} on {day}"),
    ("outbreak", "Health officials in {city} reported {n} new cases of measles on {day}"),
    ("crash", "A bus crash near {city} on {day} left {n} passengers in hospital"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Daily Courier", "Evening Post", "Metro Herald", "Valley News", "The Ledger",
           "Harbour Times", "Northern Star", "City Wire"]  # fmt: skip
FILLER = [
    "Residents said the situation had been building for weeks before {day}.",
    "Local businesses along the main road reported that trade fell sharply.",
    "{person}, the {role}, said more details would be released later this week.",
    "Officials from {org} met on {day} evening to discuss the next steps.",
    "The last time the area faced a similar problem was in {year}.",
    "Volunteers set up a help desk at the town hall, where about {n2} people came for advice.",
    "Critics argued that warnings had been ignored and called for an independent review.",
    "The {role} is expected to visit {city} again next week.",
]


@dataclass(frozen=True)
class Page:
    """One synthetic article and the web page that carries it."""

    url: str
    outlet: str
    title: str
    text: str
    published: date

    @property
    def words(self) -> int:
        return len(self.text.split()) + len(self.title.split())


def articles(count: int, seed: int = 7, days: int = 30, paragraphs: int = 6) -> Iterator[Page]:
    """Yield `count` articles about `count // 12` stories over `days` days."""
    rng = random.Random(seed)
    start = date(2021, 3, 1)
    stories = max(1, count // 12)
    for i in range(count):
        k = i % stories
        story = random.Random(seed * 1_000_003 + k)  # same facts for every article of a story
        yield _article(i, story, rng, start + timedelta(days=k * days // stories), paragraphs)


def _article(i: int, story: random.Random, rng: random.Random, day: date, paragraphs: int) -> Page:
    kind, lead = story.choice(EVENTS)
    facts = {
        "city": story.choice(CITIES),
        "org": story.choice(ORGS),
        "n": story.randint(3, 900),
        "day": DAYS[day.weekday() - 1],
        "person": story.choice(PEOPLE),
        "role": story.choice(ROLES),
        "year": story.randint(1990, 2019),
    }
    outlet = rng.choice(OUTLETS)
    first = lead.format(**facts) + "."
    quote = (
        f'"We are doing everything we can," {facts["person"]}, the {facts["role"]}, '
        f"told the {outlet} on {facts['day']}."
    )
    body = [first, quote]
    for _ in range(paragraphs - 2):
        line = rng.choice(FILLER).format(**facts, n2=rng.randint(20, 400))
        if rng.random() < 0.4:
            line += f" According to {facts['org']}, {rng.randint(2, 60)} more reports arrived."
        body.append(line)
    title = f"{kind.title()} in {facts['city']}: {first.split(' on ')[0][:70]}"
    slug = f"{kind}-{facts['city'].lower()}-{i}"
    url = f"https://{outlet.lower().replace(' ', '')}.example/{day.isoformat()}/{slug}"
    return Page(url, outlet, title, "\n\n".join(body), day)


def page_html(page: Page) -> bytes:
    """Return the article as a web page with realistic boilerplate around it."""
    esc = html.escape
    paras = "".join(f"<p>{esc(p)}</p>" for p in page.text.split("\n\n"))
    related = "".join(f'<li><a href="/r{k}">Related story number {k}</a></li>' for k in range(5))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{esc(page.title)} | "
        f"{esc(page.outlet)}</title><meta property='og:site_name' content='{esc(page.outlet)}'>"
        f"<meta property='article:published_time' content='{page.published.isoformat()}'>"
        f"<script>var analytics = {{id: 42}};</script></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<div class='share'>Share on Facebook | Share on X | Email</div>"
        f"<article><h1>{esc(page.title)}</h1><p class='byline'>By Staff Reporter</p>{paras}"
        f"</article><aside><h2>Related</h2><ul>{related}</ul></aside>"
        f"<footer>Copyright {page.published.year} {esc(page.outlet)}. All rights reserved."
        f"</footer></body></html>"
    ).encode()


def write_warc(path: Path, pages: int, seed: int = 7, junk_every: int = 10) -> dict[str, int]:
    """Write a WARC.gz of `pages` article pages plus the records a crawl also holds.

    Every `junk_every`-th page is followed by a record that is not an article (a 404, an
    image, a redirect, a page with no text), and every page has its request record.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    counts = {"articles": 0, "not_articles": 0, "requests": 0}
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def put(url: str, kind: str, body: bytes, status: str = "200 OK", ctype: str = "") -> None:
            http = None
            if kind == "response":
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            when = {"WARC-Date": "2021-03-31T12:00:00Z"}
            rec = writer.create_warc_record(
                url, kind, payload=io.BytesIO(body), length=len(body), http_headers=http,
                warc_headers_dict=when,
            )  # fmt: skip
            writer.write_record(rec)

        junk = [
            ("404 Not Found", "text/html", b"<html><body><h1>Not found</h1></body></html>"),
            ("200 OK", "image/jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 2000),
            ("301 Moved Permanently", "text/html", b""),
            ("200 OK", "text/html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        ]
        for i, page in enumerate(articles(pages, seed)):
            put(page.url, "request", f"GET / HTTP/1.1\r\nHost: {page.outlet}\r\n\r\n".encode())
            put(page.url, "response", page_html(page), ctype="text/html; charset=utf-8")
            counts["articles"] += 1
            counts["requests"] += 1
            if junk_every and i % junk_every == junk_every - 1:
                status, ctype, body = junk[(i // junk_every) % len(junk)]
                put(f"{page.url}/extra", "response", body, status, ctype)
                counts["not_articles"] += 1
    return counts
