"""Score storyline's entity merging on cross-document coreference of named entities.

Three datasets, one scorer. MEANTIME (`coref/meantime`): the same news articles in English,
Spanish, Italian and Dutch, entity chains shared across the four languages. ECB+
(`coref/ecbplus`): news articles grouped by topic, XML with markables and coreference
relations. NewsWCL50 (`coref/newswcl50`): five outlets' articles on each of 10 events, one
CoNLL file whose chains are concepts; only its person chains (`*_ACTOR`) are entities in
our sense (its country chains hold the government, the capital and agencies too). Topics 0
to 4 are its development half, 5 to 9 held out. All are scored with gold mentions: every
gold mention of a named entity becomes a `Mention` (text and gold type), `resolve_entities`
clusters each topic's mentions across its documents, and the clusters are compared with the
gold chains by MUC, B3 and CEAF-e; CoNLL F1 is their mean. A mention is "named" when its
head is a proper noun (MEANTIME's `mention_head_pos`) or, in ECB+ and NewsWCL50, when it is
capitalised beyond a sentence start.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evals import DatasetError, Metrics
from evals.newswcl import NEWSWCL_FILE, read_tokens

LANGUAGES = ("en", "es", "it", "nl")
#: Gold entity types as spaCy labels (the resolver only uses them to vote on a type).
_MEANTIME_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "PRO": "PRODUCT", "FIN": "ORG"}
_ECB_TYPES = {"HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "GPE",
              "LOC_GEO": "GPE", "LOC_FAC": "FAC", "NON_HUMAN_PART": "PRODUCT"}  # fmt: skip
_ECB_ENTITY = re.compile(r"^(HUMAN_PART|LOC|NON_HUMAN_PART)")
_SMALL = frozenset({"of", "the", "and", "de", "for", "in", "on", "a", "'s", "&", "-"})


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold mention: where it is, what it says, its type and its gold chain."""

    id: str
    topic: str
    doc: str
    text: str
    label: str
    chain: str


def load_meantime(folder: Path, languages: Sequence[str] = LANGUAGES) -> list[GoldMention]:
    """Read MEANTIME's named entity mentions for the given languages."""
    out = []
    for lang in languages:
        path = folder / lang / "entities_mentions.json"
        if not path.is_file():
            raise DatasetError(f"missing {path} (MEANTIME layout: <lang>/entities_mentions.json)")
        for m in json.loads(path.read_text(encoding="utf-8")):
            if m.get("mention_head_pos") != "PROPN":
                continue
            chain = re.sub(r"^(cross_)?(intra_)?", "", str(m["coref_chain"]))
            out.append(
                GoldMention(
                    id=f"{lang}:{m['mention_id']}",
                    topic=str(m["topic"]),
                    doc=f"{lang}:{m['doc_id']}",
                    text=str(m["tokens_str"]),
                    label=_MEANTIME_TYPES.get(str(m["mention_type"]), "ORG"),
                    chain=chain,
                )
            )
    return out


def load_ecbplus(folder: Path) -> list[GoldMention]:
    """Read ECB+ entity mentions that are names, with their cross-document chains."""
    files = sorted(folder.glob("*/*.xml"))
    if not files:
        raise DatasetError(f"no ECB+ XML files under {folder} (layout: <topic>/<doc>.xml)")
    raw = [m for path in files for m in _ecb_doc(path)]
    lower = {w for *_, words, _ in raw for w in words if w.islower()}
    return [m for m, words, first in raw if _is_name(words, first, lower)]


def _ecb_doc(path: Path) -> list[tuple[GoldMention, list[str], bool]]:
    root = ET.parse(path).getroot()
    tokens = {t.get("t_id"): t for t in root.iter("token")}
    chain_of: dict[str, str] = {}
    for rel in root.find("Relations") or []:
        target = rel.find("target")
        note = rel.get("note") or f"{path.name}:{target.get('m_id') if target is not None else ''}"
        for src in rel.findall("source"):
            chain_of[src.get("m_id") or ""] = note
    out = []
    for mk in root.find("Markables") or []:
        anchors = [a.get("t_id") for a in mk.findall("token_anchor")]
        if not anchors or not _ECB_ENTITY.match(mk.tag):
            continue
        toks = [tokens[a] for a in anchors if a in tokens]
        words = [t.text or "" for t in toks]
        mid = mk.get("m_id") or ""
        mention = GoldMention(
            id=f"{path.name}:{mid}",
            topic=path.parent.name,
            doc=path.name,
            text=" ".join(words),
            label=_ECB_TYPES.get(mk.tag, "ORG"),
            chain=chain_of.get(mid, f"{path.name}:{mid}:singleton"),
        )
        out.append((mention, words, toks[0].get("number") == "0"))
    return out


#: Person chains; `*_ACTOR-I` chains gather several people of one side, so they are left out.
_NEWSWCL_PERSON = re.compile(r"_ACTOR$")
#: Topics whose output was read while working on the resolver; 5 to 9 are held out.
NEWSWCL_DEV_TOPICS = frozenset({"0", "1", "2", "3", "4"})
_BRACKET = re.compile(r"(\()?([^()]+?)(\))?")


def load_newswcl(folder: Path) -> list[GoldMention]:
    """Read NewsWCL50's named mentions of people, with their cross-document chains."""
    words: dict[str, list[str]] = defaultdict(list)
    starts: dict[str, set[int]] = defaultdict(set)  # token positions that open a sentence
    opened: dict[tuple[str, str], list[int]] = defaultdict(list)
    raw: list[tuple[str, str, int, int]] = []  # doc, chain, first token, last token
    for tok in read_tokens(folder):
        doc = tok.doc
        at = len(words[doc])
        words[doc].append(tok.word)
        if tok.number == 0:
            starts[doc].add(at)
        for part in tok.brackets.split("|"):
            match = _BRACKET.fullmatch(part.strip())
            if part.strip() in {"", "-"} or match is None:
                continue
            opens, chain, closes = match.groups()
            if opens:
                opened[doc, chain].append(at)
            if closes:
                first = opened[doc, chain].pop() if opened[doc, chain] else at
                raw.append((doc, chain, first, at))
    lower = {w for ws in words.values() for w in ws if w.islower()}
    out = []
    for doc, chain, first, last in raw:
        # "Kim Jong - un" as written, Kim Jong-un, before telling whether it is a name
        text = re.sub(r" - ", "-", " ".join(words[doc][first : last + 1]))
        if not _NEWSWCL_PERSON.search(chain) or not _is_name(
            text.split(), first in starts[doc], lower
        ):
            continue
        topic = doc.split("/")[0]
        out.append(GoldMention(f"{doc}:{first}:{last}:{chain}", topic, doc, text, "PERSON", chain))
    return out


def _is_name(words: list[str], first: bool, lower: set[str]) -> bool:
    """Tell a name from a description: capitalised words that are not just a sentence start."""
    content = [w for w in words if w.lower() not in _SMALL and w[:1].isalpha()]
    if not content or not all(w[:1].isupper() for w in content):
        return False
    return not (first and len(content) == 1 and content[0].lower() in lower)


def predict(mentions: Sequence[GoldMention]) -> dict[str, str]:
    """Cluster one topic's mentions with `resolve_entities`; return mention id -> entity id."""
    from storyline.model import Article, Doc, Mention, Span
    from storyline.stories.resolve import resolve_entities

    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    docs, where = [], {}
    for name, ms in by_doc.items():
        text = " ; ".join(m.text for m in ms)
        aid = f"a{len(docs)}"
        at, found = 0, []
        for m in ms:
            span = Span(aid, at, at + len(m.text))
            found.append(Mention(span, m.text, m.label))
            where[span] = m.id
            at += len(m.text) + 3
        docs.append(Doc(article=Article(id=aid, text=text, title=name), mentions=tuple(found)))
    # The resolver may trim a mention (quotation marks, a possessive): find the gold
    # mention whose span holds what it returns.
    holding = {(s.article_id, at): mid for s, mid in where.items() for at in range(s.start, s.end)}
    out = {}
    for ent in resolve_entities(docs):
        for span in ent.mentions:
            out[holding[span.article_id, span.start]] = ent.id
    # A mention whose text has no name key (only a title) is its own entity.
    return {m.id: out.get(m.id, f"alone:{m.id}") for m in mentions}


def _clusters(assign: dict[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for mention, cluster in assign.items():
        groups[cluster].add(mention)
    return list(groups.values())


def muc(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    """Return MUC (numerator, denominator) of recall for key against response."""
    where = {m: i for i, c in enumerate(response) for m in c}
    num = sum(len(k) - len({where.get(m, ("alone", m)) for m in k}) for k in key)
    return num, sum(len(k) - 1 for k in key)


def b_cubed(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    """Return B3 (numerator, denominator) of recall for key against response."""
    where = {m: c for c in response for m in c}
    num = sum(len(k & where.get(m, {m})) / len(k) for k in key for m in k)
    return num, sum(len(k) for k in key)


def ceaf_e(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    """Return CEAF-e (aligned similarity, |key|, |response|)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return 0.0, len(key), len(response)
    sim = np.zeros((len(key), len(response)))
    where = {m: j for j, c in enumerate(response) for m in c}
    for i, k in enumerate(key):
        for m in k:
            if m in where:
                j = where[m]
                sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    return float(sim[rows, cols].sum()), len(key), len(response)


def score(pairs: Iterable[tuple[dict[str, str], dict[str, str]]]) -> Metrics:
    """Score (gold, predicted) assignments, summing counts over topics."""
    sums = defaultdict(float)
    for gold, pred in pairs:
        key, resp = _clusters(gold), _clusters(pred)
        for name, fn in (("muc", muc), ("b3", b_cubed)):
            rn, rd = fn(key, resp)
            pn, pd = fn(resp, key)
            sums[f"{name}_rn"] += rn
            sums[f"{name}_rd"] += rd
            sums[f"{name}_pn"] += pn
            sums[f"{name}_pd"] += pd
        aligned, nk, nr = ceaf_e(key, resp)
        sums["ceafe_rn"] += aligned
        sums["ceafe_rd"] += nk
        sums["ceafe_pn"] += aligned
        sums["ceafe_pd"] += nr
    metrics: Metrics = {}
    for name in ("muc", "b3", "ceafe"):
        r = sums[f"{name}_rn"] / sums[f"{name}_rd"] if sums[f"{name}_rd"] else 0.0
        p = sums[f"{name}_pn"] / sums[f"{name}_pd"] if sums[f"{name}_pd"] else 0.0
        metrics[f"{name}_precision"] = round(p, 4)
        metrics[f"{name}_recall"] = round(r, 4)
        metrics[f"{name}_f1"] = round(2 * p * r / (p + r) if p + r else 0.0, 4)
    metrics["conll_f1"] = round(
        sum(float(metrics[f"{n}_f1"]) for n in ("muc", "b3", "ceafe")) / 3, 4
    )
    return metrics


def evaluate(mentions: Sequence[GoldMention], *, by_topic: bool = True) -> Metrics:
    """Cluster and score mentions topic by topic (the usual gold-topic setting)."""
    topics: dict[str, list[GoldMention]] = defaultdict(list)
    for m in mentions:
        topics[m.topic if by_topic else ""].append(m)
    pairs = [({m.id: m.chain for m in ms}, predict(ms)) for ms in topics.values()]
    metrics = score(pairs)
    metrics["mentions"] = len(mentions)
    metrics["chains"] = len({m.chain for m in mentions})
    return metrics


def meantime_heldout(doc: str) -> bool:
    """Tell whether a MEANTIME document is in the held-out half (all its languages alike).

    Documents are split by a hash of their article number (`en:100911_Northrop_...`), so the
    four translations of an article fall in the same half. Work on the resolver since this
    split looks at the development half only.
    """
    number = doc.split(":", 1)[-1].split("_", 1)[0]
    return int(hashlib.sha256(f"meantime-{number}".encode()).hexdigest(), 16) % 2 == 1


def run(folder: Path) -> Metrics:
    """Score MEANTIME (English, then all four languages), NewsWCL50 or ECB+, by folder layout."""
    if (folder / "en").is_dir():
        english, every = load_meantime(folder, ("en",)), load_meantime(folder)
        metrics = evaluate(english)
        cross = evaluate(every)
        metrics.update({f"crosslingual_{k}": v for k, v in cross.items()})
        for half, held in (("dev", False), ("heldout", True)):
            for name, mentions in (("", english), ("crosslingual_", every)):
                part = [m for m in mentions if meantime_heldout(m.doc) is held]
                metrics[f"{half}_{name}conll_f1"] = evaluate(part)["conll_f1"]
        return metrics
    if (folder / NEWSWCL_FILE).is_file():
        people = load_newswcl(folder)
        dev = [m for m in people if m.topic in NEWSWCL_DEV_TOPICS]
        metrics = evaluate([m for m in people if m.topic not in NEWSWCL_DEV_TOPICS])
        metrics["dev_conll_f1"] = evaluate(dev)["conll_f1"]
        metrics["all_conll_f1"] = evaluate(people)["conll_f1"]
        return metrics
    return evaluate(load_ecbplus(folder))
