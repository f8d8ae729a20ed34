"""Read ECB+ documents: the text rebuilt from tokens, and the event chains of each sentence.

ECB+ (Cybulska and Vossen, LREC 2014) keeps one XML file per news article, named
``<topic>_<n>ecb.xml`` (the original EventCorefBank articles) or ``<topic>_<n>ecbplus.xml``
(articles added for ECB+ about a second event of the same kind). Each file holds tokens with
their sentence number, ``Markables`` (mentions anchored to tokens, plus unanchored instance
markables that name a chain with an ``instance_id``) and ``Relations``: a
``CROSS_DOC_COREF`` relation links mentions (sources) to an instance (target) that is shared
by every document of the topic that mentions it.

Every file of one topic and one kind reports the same seminal event, so we treat the pair
(topic, kind) as one story ("subtopic").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

_NAME = re.compile(r"(\d+)_(\d+)(ecbplus|ecb)\.xml$")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One sentence of a document: its character range in the rebuilt text and its chains."""

    index: int  # the sentence number in the XML
    start: int
    end: int
    chains: frozenset[str]  # instance ids of the event chains its action mentions belong to


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One ECB+ article, rebuilt: tokens joined by spaces, one sentence per line."""

    name: str  # file name, e.g. "3_1ecb.xml"
    topic: int
    kind: str  # "ecb" or "ecbplus"
    text: str
    sentences: tuple[GoldSentence, ...]

    @property
    def story(self) -> str:
        """Return the subtopic this article belongs to, e.g. "3ecb"."""
        return f"{self.topic}{self.kind}"

    def chains(self) -> frozenset[str]:
        """Return every event chain the article mentions."""
        return frozenset().union(*(s.chains for s in self.sentences))

    def sentence_at(self, offset: int) -> GoldSentence | None:
        """Return the sentence whose range holds a character offset."""
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None


def is_event(tag: str) -> bool:
    """Tell whether a markable tag is an event (action) mention rather than a participant."""
    return tag.startswith(("ACTION_", "NEG_ACTION_"))


def parse_document(name: str, xml: bytes | str) -> GoldDoc | None:
    """Return the article of one ECB+ file, or None when the name or XML is not ECB+."""
    found = _NAME.search(name)
    if found is None:
        return None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return None
    words: dict[int, list[tuple[str, str]]] = defaultdict(list)  # sentence -> (t_id, word)
    for tok in root.iter("token"):
        sentence = tok.get("sentence")
        if sentence is not None and sentence.isdigit():
            words[int(sentence)].append((tok.get("t_id") or "", (tok.text or "").strip()))
    token_chains = _event_chains_by_token(root)
    lines, sentences, offset = [], [], 0
    for number in sorted(words):
        line = " ".join(w for _, w in words[number] if w)
        if not line:
            continue
        chains = frozenset(c for t_id, _ in words[number] for c in token_chains.get(t_id, ()))
        sentences.append(GoldSentence(number, offset, offset + len(line), chains))
        lines.append(line)
        offset += len(line) + 1
    if not lines:
        return None
    return GoldDoc(
        found.group(0), int(found.group(1)), found.group(3), "\n".join(lines), tuple(sentences)
    )


def _event_chains_by_token(root: ET.Element) -> dict[str, set[str]]:
    """Map each token id to the cross-document event chains of the mentions it anchors."""
    anchors: dict[str, tuple[str, list[str]]] = {}  # m_id -> (tag, token ids)
    instances: dict[str, str] = {}  # m_id of an unanchored instance markable -> instance id
    markables = root.find("Markables")
    for mark in markables if markables is not None else ():
        m_id = mark.get("m_id") or ""
        tokens = [a.get("t_id") or "" for a in mark.findall("token_anchor")]
        if tokens:
            anchors[m_id] = (mark.tag, tokens)
        elif mark.get("instance_id"):
            instances[m_id] = mark.get("instance_id") or ""
    out: dict[str, set[str]] = defaultdict(set)
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        target = rel.find("target")
        if rel.tag != "CROSS_DOC_COREF" or target is None:
            continue
        chain = instances.get(target.get("m_id") or "") or rel.get("note")
        for source in rel.findall("source"):
            tag, tokens = anchors.get(source.get("m_id") or "", ("", []))
            if chain and is_event(tag):
                for t_id in tokens:
                    out[t_id].add(chain)
    return out


def read_corpus(folder: Path) -> list[GoldDoc]:
    """Read every ECB+ file under a folder (topic subfolders), skipping unreadable ones."""
    docs = []
    for path in sorted(folder.rglob("*.xml")):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        doc = parse_document(path.name, data)
        if doc is not None:
            docs.append(doc)
    return docs


def stories(docs: list[GoldDoc]) -> dict[str, list[GoldDoc]]:
    """Group articles by subtopic, in a stable order."""
    grouped: dict[str, list[GoldDoc]] = defaultdict(list)
    for doc in docs:
        grouped[doc.story].append(doc)
    ordered = sorted(grouped.values(), key=lambda ds: (ds[0].topic, ds[0].kind))
    return {ds[0].story: sorted(ds, key=lambda d: d.name) for ds in ordered}
