"""MinHash LSH copy detection: signatures, the sliding index, site templates, copy groups."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.stories.copies import EXACT_LIMIT, find_copies
from storyline.stories.dedupe import (
    CopyDetector,
    CopyIndex,
    SiteTemplate,
    estimated_containment,
    fingerprint,
    signature,
)
from tests.conftest import make_article

WORDS = [
    "harbour",
    "ferry",
    "council",
    "vote",
    "commuters",
    "eastern",
    "shore",
    "route",
    "travel",
    "bus",
    "line",
    "cost",
    "million",
    "spring",
    "approval",
    "authority",
    "rainfall",
    "october",
    "record",
    "flooding",
    "roads",
    "valleys",
    "farmers",
    "harvest",
    "districts",
    "institute",
    "warned",
    "extremes",
    "drainage",
    "winter",
    "publisher",
    "prize",
    "novel",
    "family",
    "coast",
    "judges",
    "language",
    "portrait",
    "community",
    "author",
    "teacher",
    "mornings",
    "years",
    "station",
    "platform",
    "signal",
]


def text(seed: int, words: int = 160) -> str:
    """Return a reproducible pseudo-article of paragraphs of random words."""
    rng = np.random.default_rng(seed)
    picked = rng.choice(WORDS, words)
    paras = [" ".join(picked[i : i + 20]) + "." for i in range(0, words, 20)]
    return "\n".join(paras)


@settings(max_examples=30, deadline=None)
@given(st.integers(50, 400), st.integers(50, 400), st.integers(0, 50))
def test_signatures_estimate_jaccard(n: int, m: int, shared: int) -> None:
    rng = np.random.default_rng(n * 1000 + m)
    common = rng.integers(0, 2**32, shared, dtype=np.uint64)
    a = np.unique(np.concatenate([common, rng.integers(0, 2**32, n, dtype=np.uint64)]))
    b = np.unique(np.concatenate([common, rng.integers(0, 2**32, m, dtype=np.uint64)]))
    truth = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
    estimate = float(np.mean(signature(a) == signature(b)))
    assert abs(estimate - truth) < 0.15


def test_truncated_copy_is_found_and_unrelated_text_is_not() -> None:
    original = text(1)
    truncated = "\n".join(original.split("\n")[:5]) + "\nRead more on our website."
    index = CopyIndex()
    assert index.add(fingerprint("orig", original, 0.0)) == []
    assert index.add(fingerprint("other", text(2), 0.0)) == []
    [match] = index.add(fingerprint("copy", truncated, 1.0))
    assert match.other_id == "orig" and match.containment >= 0.5
    assert estimated_containment(fingerprint("a", original), fingerprint("b", text(3))) < 0.2


def test_index_forgets_articles_outside_its_window() -> None:
    index = CopyIndex(window_days=3.0)
    index.add(fingerprint("old", text(1), 0.0))
    index.add(fingerprint("new", text(2), 10.0))
    assert len(index) == 1
    assert index.add(fingerprint("copy-of-old", text(1), 10.0)) == []
    by_count = CopyIndex(window_articles=2)
    for i in range(5):
        by_count.add(fingerprint(f"a{i}", text(10 + i), None))
    assert len(by_count) == 2


def test_site_template_is_dropped_only_where_one_site_repeats_it() -> None:
    template = SiteTemplate(min_repeats=3)
    box = "Sign up for our newsletter to get the top stories every morning."
    for i in range(3):
        template.observe("site.example", f"Story {i} body text here.\n{box}")
    template.observe("other.example", f"Another story.\n{box}")
    assert box not in template.clean("site.example", f"New story.\n{box}")
    assert box in template.clean("other.example", f"New story.\n{box}")


def test_detector_groups_copies_under_the_earliest_article() -> None:
    detector = CopyDetector()
    base = text(5)
    detector.add("later", base + "\nDistributed by the wire.", "b.example", 3.0)
    detector.add("first", base, "a.example", 1.0)
    detector.add("unrelated", text(6), "c.example", 1.0)
    assert detector.links() == {"later": ("first", detector.links()["later"][1])}


def test_find_copies_above_the_exact_limit_uses_lsh_and_still_finds_copies() -> None:
    arts = [make_article(text(100 + i), published="2021-01-02") for i in range(EXACT_LIMIT + 5)]
    original = arts[7]
    copy = make_article(
        "\n".join(original.text.split("\n")[1:]) + "\nThis story was syndicated.",
        published="2021-01-03",
    )
    links = find_copies([*arts, copy])
    assert set(links) == {copy.id}
    assert links[copy.id].original_id == original.id
