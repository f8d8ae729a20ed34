"""Claims: one per clause, with subject, negation, modality, hedges and who asserts it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

TEXT = (
    "The Suez Canal Authority said it had suspended traffic through the waterway. "
    "The canal is expected to reopen on Monday, officials said. "
    "According to the ministry, 369 ships were waiting and no one was hurt. "
    "The Ever Given is 400 metres long and can carry about 20,000 containers. "
    "The ship reportedly lost power near Suez. "
    "Keep checking back for more Ever Given news. "
    "Why does this keep happening in Egypt? "
    "I think the Egyptian government acted too slowly. "
    "Suez Canal blocked, Ever Given news, Ever Given stuck, Suez Canal latest.\n"
    "[What did the Suez Canal Authority say about the Ever Given?]"
)


@pytest.fixture(scope="module")
def doc(analyse):  # type: ignore[no-untyped-def]
    return analyse(TEXT, published="2021-03-24")


def clause(doc, words: str):  # type: ignore[no-untyped-def]
    [found] = [
        c
        for c in doc.claims
        if c.clause and words in doc.article.text[c.clause.start : c.clause.end]
    ]
    return found


def test_reported_speech_is_attributed_to_the_speaker(doc) -> None:  # type: ignore[no-untyped-def]
    claim = clause(doc, "suspended traffic")
    assert claim.attribution == "The Suez Canal Authority"
    assert claim.predicate == "suspend"


def test_expectation_is_not_a_report(doc) -> None:  # type: ignore[no-untyped-def]
    claim = clause(doc, "reopen on Monday")
    assert claim.modality == "expected"
    assert claim.subject == "The canal"
    assert claim.attribution == "officials"


def test_according_to_and_two_clauses(doc) -> None:  # type: ignore[no-untyped-def]
    ships = clause(doc, "369 ships were waiting")
    hurt = clause(doc, "no one was hurt")
    assert ships.attribution == hurt.attribution == "the ministry"
    assert [f.value for f in ships.figures] == [369]
    assert hurt.negated and not ships.negated


def test_what_a_denial_reports_is_negated(analyse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Evergreen Marine denied that the Ever Given had ignored warnings from the canal. "
        "Evergreen Marine did not deny that the Ever Given had ignored orders from the canal. "
        "The Suez Canal Authority said that the Ever Given had ignored signals from the canal."
    )
    doc = analyse(text, published="2021-03-24")
    denied, not_denied, said = (
        clause(doc, f"ignored {w}") for w in ("warnings", "orders", "signals")
    )
    assert denied.negated and denied.attribution == "Evergreen Marine"
    assert not not_denied.negated and not said.negated


def test_coordinated_verbs_are_separate_claims_sharing_the_subject(doc) -> None:  # type: ignore[no-untyped-def]
    length = clause(doc, "400 metres long")
    capacity = clause(doc, "carry about 20,000 containers")
    assert length.id != capacity.id
    assert capacity.subject == "The Ever Given"


def test_hedge(doc) -> None:  # type: ignore[no-untyped-def]
    assert clause(doc, "lost power").hedged


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        ("Keep checking back", "call-to-action"),
        ("Why does this", "question"),
        ("[What did", "question"),
        ("I think", "opinion"),
        ("Suez Canal blocked,", "keyword-list"),
    ],
)
def test_uncheckable_sentences_are_skipped_with_a_reason(doc, start: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    text = doc.article.text
    [skip] = [s for s in doc.skipped if text[s.span.start : s.span.end].startswith(start)]
    assert skip.reason == reason
    assert not [c for c in doc.claims if c.span == skip.span]


def test_clauses_are_kept_per_parse_not_per_text(doc) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from storyline.stages.clauses import _clauses, children_of, clauses_of

    kids = children_of(doc)
    sent = doc.sentences[2]
    first = clauses_of(doc, sent, kids)
    assert first and clauses_of(doc, sent, kids) == first == _clauses(doc, sent, kids)
    # Another parse of the same text (a new tokens tuple) is not served the kept clauses.
    other = replace(doc, tokens=tuple(replace(t, dep="dep") for t in doc.tokens))
    assert clauses_of(other, sent, children_of(other)) != first


def test_a_negation_with_a_typographic_apostrophe_counts(analyse) -> None:  # type: ignore[no-untyped-def]
    # the model hangs a curly `n't` on the auxiliary as punctuation, a straight one on the verb
    for mark in ("\u2019", "'"):
        doc = analyse(
            "The Metropolitan Transportation Authority says two work trains collided in "
            f"Manhattan on Wednesday morning but didn{mark}t derail.",
            published="2021-03-24",
        )
        [derail] = [c for c in doc.claims if c.predicate == "derail"]
        assert derail.negated, mark


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the `No.` of a rank is no negation
        (
            "No. 1 Duke lost to the Tar Heels on Sunday. No one was hurt in the blast on Monday.",
            {"lose": False, "hurt": True},
        ),
        # a negation inside a clause of the subject is that clause's own
        (
            "The new planets in the Milky Way, which no one will ever see, range in size from "
            "the Moon to Jupiter. No one in Paris was hurt in the blast.",
            {"range": False, "hurt": True},
        ),
        # a cry of `No, no!` is no negation; `no` before a noun is
        (
            'Her husband in Chicago screamed "No, no, no" and ran to the car. '
            "No shots were fired at the car.",
            {"scream": False, "run": False, "fire": True},
        ),
    ],
)
def test_which_claims_a_negating_word_denies(analyse, text: str, expected: dict[str, bool]) -> None:  # type: ignore[no-untyped-def]
    negated = {c.predicate: c.negated for c in analyse(text).claims}
    assert negated == expected


def test_a_clause_stated_in_passing_is_a_claim_of_its_own(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Traffic resumed in Egypt after the Ever Given was refloated by tugboats. "
        "Officials in Egypt said ships began moving because the canal had reopened. "
        "If the Ever Given is not freed, prices will rise in Europe. "
        "Ships waited in Egypt before the Ever Given was refloated by tugboats.",
        published="2021-03-29",
    )
    by_predicate = {c.predicate: c for c in doc.claims}
    refloated = [c for c in doc.claims if c.predicate == "refloat"]
    assert len(refloated) == 1  # "after" states the refloating, "before" does not
    assert refloated[0].subject == "the Ever Given" and not refloated[0].negated
    assert doc.article.text[refloated[0].clause.start : refloated[0].clause.end] == (
        "the Ever Given was refloated by tugboats"
    )
    assert by_predicate["resume"].clause.end > refloated[0].clause.start  # main claim unchanged
    assert by_predicate["reopen"].attribution == "Officials in Egypt"
    assert "free" not in by_predicate  # "if" states nothing


def test_a_headline_without_its_auxiliary_is_a_claim_and_a_caption_a_fragment(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Gorilla Killed To Save Boy At Cincinnati Zoo\n"
        "Photos: Mass shooting at Las Vegas music festival in Nevada\n"
        "North Korean soldiers participating in a contest in Pyongyang on Friday."
    )
    assert [c.predicate for c in doc.claims] == ["kill"]
    assert [s.reason for s in doc.skipped] == ["fragment", "fragment"]


def test_a_sentence_naming_nothing_is_a_claim_only_when_it_reports_an_event(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Crowds on the bank cheered as the ship moved.\n"
        "Tugboats were sent to push the hull back into the channel.\n"
        "The lesson is that efficiency and resilience are different things.\n"
        "She survived the attack on the convoy.\n"
        "None of this is free for the shipping companies."
    )
    text = doc.article.text
    claimed = {text[c.span.start : c.span.end].split()[0] for c in doc.claims}
    assert claimed == {"Crowds", "Tugboats"}
    skipped = [(text[s.span.start : s.span.end].split()[0], s.reason) for s in doc.skipped]
    assert skipped == [("The", "no-content"), ("She", "no-content"), ("None", "no-content")]


def test_a_claim_keeps_its_subjects_head_word(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "No captive Boko Haram fighters were released in exchange on Thursday. "
        "They were freed in Nigeria on Thursday."
    )
    heads = {c.predicate: c.subject_head for c in doc.claims}
    assert heads == {"release": "fighters", "free": None}
