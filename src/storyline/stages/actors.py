"""Code an actor phrase by country (ISO 3166-1 alpha-3) and sector, as event data does.

Country names come from pycountry (the ISO list); demonyms are derived from those names by
English suffix rules ("Romania" -> "Romanian", "Israel" -> "Israeli"), with a short list of
irregular ones ("French", "Dutch"). Capitals, seats of government ("the Kremlin") and
international bodies (IGO / NGO) are short lists of our own.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from storyline.model import Actor, Doc, Span

#: Names the ISO list spells otherwise ("Russian Federation", "Türkiye").
_ALIASES = {
    "us": "USA", "u.s.": "USA", "u.s.a.": "USA", "usa": "USA", "america": "USA",
    "united states of america": "USA", "uk": "GBR", "u.k.": "GBR", "britain": "GBR",
    "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "russia": "RUS", "soviet union": "RUS", "ussr": "RUS", "turkey": "TUR",
    "ivory coast": "CIV", "cote d'ivoire": "CIV", "bosnia": "BIH", "herzegovina": "BIH",
    "czech republic": "CZE", "holland": "NLD", "burma": "MMR", "east timor": "TLS",
    "macedonia": "MKD", "congo": "COD", "drc": "COD", "democratic republic of congo": "COD",
    "zaire": "COD", "palestine": "PSE", "west bank": "PSE", "gaza": "PSE", "gaza strip": "PSE",
    "yugoslavia": "SRB", "swaziland": "SWZ", "cape verde": "CPV", "vatican": "VAT",
    "prc": "CHN", "south korea": "KOR", "north korea": "PRK", "iran": "IRN", "syria": "SYR",
    "laos": "LAO",
}  # fmt: skip
_IRREGULAR = {
    "american": "USA", "french": "FRA", "british": "GBR", "english": "GBR", "scottish": "GBR",
    "welsh": "GBR", "german": "DEU", "dutch": "NLD", "swiss": "CHE", "spanish": "ESP",
    "portuguese": "PRT", "chinese": "CHN", "greek": "GRC", "turkish": "TUR", "polish": "POL",
    "swedish": "SWE", "danish": "DNK", "finnish": "FIN", "irish": "IRL", "icelandic": "ISL",
    "norwegian": "NOR", "afghan": "AFG", "saudi": "SAU", "filipino": "PHL", "thai": "THA",
    "burmese": "MMR", "lao": "LAO", "laotian": "LAO", "kyrgyz": "KGZ", "uzbek": "UZB",
    "tajik": "TJK", "turkmen": "TKM", "kazakh": "KAZ", "azeri": "AZE", "serb": "SRB",
    "croat": "HRV", "czech": "CZE", "slovak": "SVK", "somali": "SOM", "ghanaian": "GHA",
    "canadian": "CAN", "maltese": "MLT", "mozambican": "MOZ", "peruvian": "PER",
    "malagasy": "MDG", "montenegrin": "MNE", "cypriot": "CYP", "argentine": "ARG",
    "congolese": "COD", "togolese": "TGO", "ivorian": "CIV", "palestinian": "PSE",
    "emirati": "ARE", "soviet": "RUS", "panamanian": "PAN", "salvadoran": "SLV",
    "nepalese": "NPL", "bahraini": "BHR", "belarusian": "BLR", "monegasque": "MCO",
    "chilean": "CHL", "zimbabwean": "ZWE", "ukrainian": "UKR", "yugoslav": "SRB",
    "sierra leonean": "SLE", "new zealander": "NZL", "south african": "ZAF", "luxembourgish": "LUX",
}  # fmt: skip
_CAPITALS = {
    "moscow": "RUS", "washington": "USA", "london": "GBR", "paris": "FRA", "berlin": "DEU",
    "beijing": "CHN", "tokyo": "JPN", "baghdad": "IRQ", "tehran": "IRN", "damascus": "SYR",
    "beirut": "LBN", "cairo": "EGY", "jerusalem": "ISR", "tel aviv": "ISR", "ankara": "TUR",
    "kabul": "AFG", "islamabad": "PAK", "new delhi": "IND", "belgrade": "SRB",
    "sarajevo": "BIH", "zagreb": "HRV", "tirana": "ALB", "skopje": "MKD", "athens": "GRC",
    "rome": "ITA", "madrid": "ESP", "lisbon": "PRT", "brussels": "BEL", "the hague": "NLD",
    "vienna": "AUT", "warsaw": "POL", "prague": "CZE", "budapest": "HUN", "bucharest": "ROU",
    "sofia": "BGR", "kiev": "UKR", "kyiv": "UKR", "minsk": "BLR", "tbilisi": "GEO",
    "yerevan": "ARM", "baku": "AZE", "riyadh": "SAU", "amman": "JOR", "sanaa": "YEM",
    "doha": "QAT", "abu dhabi": "ARE", "muscat": "OMN", "khartoum": "SDN", "tripoli": "LBY",
    "tunis": "TUN", "algiers": "DZA", "rabat": "MAR", "nairobi": "KEN", "kampala": "UGA",
    "kigali": "RWA", "addis ababa": "ETH", "mogadishu": "SOM", "abuja": "NGA", "accra": "GHA",
    "dakar": "SEN", "monrovia": "LBR", "freetown": "SLE", "kinshasa": "COD", "luanda": "AGO",
    "harare": "ZWE", "lusaka": "ZMB", "maputo": "MOZ", "pretoria": "ZAF", "havana": "CUB",
    "port-au-prince": "HTI", "mexico city": "MEX", "caracas": "VEN", "bogota": "COL",
    "lima": "PER", "santiago": "CHL", "buenos aires": "ARG", "brasilia": "BRA",
    "ottawa": "CAN", "canberra": "AUS", "seoul": "KOR", "pyongyang": "PRK", "manila": "PHL",
    "jakarta": "IDN", "hanoi": "VNM", "bangkok": "THA", "phnom penh": "KHM", "yangon": "MMR",
    "rangoon": "MMR", "colombo": "LKA", "kathmandu": "NPL", "dhaka": "BGD",
    "kuala lumpur": "MYS", "bishkek": "KGZ", "tashkent": "UZB", "dushanbe": "TJK",
    "stockholm": "SWE", "oslo": "NOR", "copenhagen": "DNK", "helsinki": "FIN",
    "dublin": "IRL", "bern": "CHE", "nicosia": "CYP", "ramallah": "PSE",
}  # fmt: skip
#: Seats of government that stand for it: "the Kremlin said".
_SEATS = {
    "white house": ("USA", "GOV"), "pentagon": ("USA", "MIL"), "kremlin": ("RUS", "GOV"),
    "downing street": ("GBR", "GOV"), "elysee": ("FRA", "GOV"), "state department": ("USA", "GOV"),
}  # fmt: skip
_INTERNATIONAL = {
    "IGO": (
        "united nations", "un", "u.n.", "european union", "eu", "european community", "ec",
        "european commission", "nato", "osce", "iaea", "apec", "asean", "african union",
        "arab league", "opec", "imf", "international monetary fund", "world bank", "wto",
        "who", "world health organization", "unhcr", "unicef", "unesco", "interpol",
        "security council", "ecowas", "oas", "organization of american states", "g7", "g8",
        "g20", "council of europe", "world food programme", "wfp", "international atomic "
        "energy agency", "asia-pacific economic cooperation", "commonwealth", "icc",
        "international criminal court", "gulf cooperation council",
    ),
    "NGO": (
        "red cross", "icrc", "red crescent", "amnesty international", "amnesty",
        "human rights watch", "doctors without borders", "medecins sans frontieres", "msf",
        "oxfam", "greenpeace", "save the children", "reporters without borders",
        "transparency international",
    ),
}  # fmt: skip
#: The noun that says which part of a society an actor belongs to.
_SECTOR_WORDS = {
    "GOV": "government minister ministry president premier chancellor official authority "
    "administration cabinet embassy ambassador diplomat envoy consul secretary king queen "
    "prince emir sultan monarch governor mayor regime delegation negotiator spokesman "
    "spokeswoman spokesperson junta leader",
    "MIL": "army military troop soldier force navy marine warship jet warplane tank battalion "
    "brigade commander general militiaman artillery paratrooper peacekeeper airforce "
    "aircraft helicopter gunship bomber",
    "REB": "rebel insurgent guerrilla militant separatist fighter jihadist extremist terrorist",
    "COP": "police policeman policemen gendarme gendarmerie",
    "LEG": "parliament legislature lawmaker senate senator congress congressman mp deputy "
    "assembly legislator",
    "JUD": "court judge prosecutor tribunal magistrate judiciary",
    "OPP": "opposition dissident",
    "PTY": "party",
    "REF": "refugee",
    "MED": "doctor nurse hospital medic",
    "EDU": "student university school teacher professor",
    "LAB": "union worker striker",
    "BUS": "company firm business corporation bank businessman investor industry",
    "JRN": "journalist reporter newspaper media press broadcaster",
    "REL": "church cleric priest imam bishop pope clergy mosque",
    "CRM": "gang criminal smuggler trafficker pirate",
    "CVL": "civilian resident villager people citizen protester demonstrator crowd "
    "inhabitant family",
    "SPY": "intelligence spy",
    "AGR": "farmer",
}
SECTORS = {word: sector for sector, words in _SECTOR_WORDS.items() for word in words.split()}
_SKIP_DEPS = frozenset({"relcl", "acl", "appos", "advcl"})
#: Prepositions that say whose an actor is: "troops of Serbia", "doctors from Iraq".
_OWN_PREPS = frozenset({"of", "from", "for", "in"})
#: Titles that the model tags as proper nouns ("President Obama") but that name a sector.
_TITLES = frozenset(
    "president minister king queen prince general senator governor mayor ambassador premier "
    "chancellor secretary emir sultan".split()
)


@lru_cache(maxsize=1)
def name_table() -> dict[str, tuple[str, str]]:
    """Map lower-case names to (code, kind): kind is country, demonym, capital, seat, IGO, NGO."""
    table: dict[str, tuple[str, str]] = {}
    for kind, names in _INTERNATIONAL.items():
        table.update({n: (kind, kind) for n in names})
    table.update({k: (code, "seat") for k, (code, _) in _SEATS.items()})
    table.update({k: (c, "capital") for k, c in _CAPITALS.items()})
    table.update({k: (c, "country") for k, c in _ALIASES.items()})
    for name, code in _iso_names():
        table.setdefault(name, (code, "country"))
    table.update({k: (c, "demonym") for k, c in _IRREGULAR.items()})
    for demonym, code in _derived_demonyms({k: v[0] for k, v in table.items()
                                            if v[1] == "country"}).items():  # fmt: skip
        table.setdefault(demonym, (code, "demonym"))
    return table


def _iso_names() -> list[tuple[str, str]]:
    """Return (name, alpha-3) for every ISO country's names, commas undone."""
    out: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_3
        for attr in ("common_name", "name", "official_name"):
            name = getattr(country, attr, None)
            if not name:
                continue
            low = name.lower()
            if ", " in low:
                head, tail = low.split(", ", 1)
                out.append((f"{tail} {head}".replace(" the ", " "), code))
                low = head
            out.append((low, code))
    return out


def _derived_demonyms(countries: dict[str, str]) -> dict[str, str]:
    """Return demonyms made by suffix rules; a form two countries would share is dropped."""
    ranked: dict[str, tuple[int, str]] = {}
    clash: set[str] = set()
    for name, code in countries.items():
        for rank, form in _demonym_forms(name):
            seen = ranked.get(form)
            if seen is None or rank < seen[0]:
                ranked[form] = (rank, code)
                clash.discard(form)
            elif rank == seen[0] and seen[1] != code:
                clash.add(form)
    return {form: code for form, (_, code) in ranked.items() if form not in clash}


def _demonym_forms(name: str) -> list[tuple[int, str]]:
    """Return (rank, form): rank 0 rules are the regular English ones for that ending."""
    if name.endswith("ia"):
        return [(0, name + "n")]
    if name.endswith("a"):
        return [(0, name + "n"), (1, name[:-1] + "ian")]
    if name.endswith("y"):
        return [(0, name[:-1] + "ian"), (1, name + "an")]
    if name.endswith("e"):
        return [(0, name[:-1] + "ian"), (0, name + "an")]
    if name.endswith("o"):
        return [(0, name[:-1] + "an")]
    if name.endswith("on"):
        return [(0, name[:-2] + "ese"), (1, name + "ian")]
    if name.endswith(("i", "u")):
        return [(0, name + "an")]
    if name.endswith("an"):
        return [(0, name + "i"), (0, name + "ese"), (1, name + "ian")]
    return [(0, name + "i"), (1, name + "ian"), (1, name + "ese")]


def phrase_tokens(doc: Doc, kids: list[list[int]], head: int) -> list[int]:
    """Return the tokens of a noun phrase without its relative clauses and appositions."""
    out, todo = [head], [head]
    while todo:
        i = todo.pop()
        for k in kids[i]:
            tok = doc.tokens[k]
            if tok.dep in _SKIP_DEPS or (tok.dep == "prep" and tok.lemma.lower() not in _OWN_PREPS):
                continue  # "the vessel under the flag of Panama" is not a Panamanian actor
            out.append(k)
            todo.append(k)
    return sorted(out)


def make_actor(doc: Doc, kids: list[list[int]], head: int, *, core: bool = True) -> Actor | None:
    """Return the actor a noun phrase names, coded; `core` marks subject or direct object."""
    toks = phrase_tokens(doc, kids, head)
    toks = _trim(doc, toks)
    if not toks:
        return None
    text = doc.article.text
    start, end = doc.tokens[toks[0]].start, doc.tokens[toks[-1]].end
    code, kind = _code(doc, toks)
    sector = _sector(doc, toks, head)
    if sector is None and kind == "capital" and core:
        sector = "GOV"  # "Moscow demanded": a capital as subject or object is its government
    label = doc.tokens[head].ent or None
    return Actor(Span(doc.article.id, start, end), text[start:end], code, sector, label)


def _trim(doc: Doc, toks: list[int]) -> list[int]:
    """Keep one contiguous run around the phrase, without punctuation at its edges."""
    if not toks:
        return toks
    run = [toks[0]]
    for i in toks[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    while run and doc.tokens[run[-1]].pos in {"PUNCT", "CCONJ"}:
        run.pop()
    while run and doc.tokens[run[0]].pos == "PUNCT":
        run.pop(0)
    return run


def _code(doc: Doc, toks: list[int]) -> tuple[str | None, str | None]:
    """Return the leftmost country or international body the phrase names, and its kind."""
    table = name_table()
    text = doc.article.text
    words = [text[doc.tokens[i].start : doc.tokens[i].end] for i in toks]
    for i, first in enumerate(words):
        if not first[:1].isupper():
            continue
        for n in (4, 3, 2, 1):
            key = " ".join(w.lower() for w in words[i : i + n])
            hit = table.get(key) or (table.get(key[:-1]) if key.endswith("s") and n == 1 else None)
            if hit is not None and len(words[i : i + n]) == n:
                return hit
    return None, None


def _sector(doc: Doc, toks: list[int], head: int) -> str | None:
    """Return the sector the phrase's head noun names, else one its modifiers name."""
    lemma = doc.tokens[head].lemma.lower()
    if lemma in SECTORS and _common(doc, head):
        return SECTORS[lemma]
    text = doc.article.text
    seat = _SEATS.get(" ".join(text[doc.tokens[i].start : doc.tokens[i].end].lower()
                               for i in toks if doc.tokens[i].lemma.lower() != "the"))  # fmt: skip
    if seat:
        return seat[1]
    for i in toks:
        word = doc.tokens[i].lemma.lower()
        if word in SECTORS and _common(doc, i):
            return SECTORS[word]
    return None


def _common(doc: Doc, i: int) -> bool:
    """Tell a sector word from a name: "marines" is military, "Evergreen Marine" a company."""
    tok = doc.tokens[i]
    return tok.pos == "NOUN" or (tok.pos == "PROPN" and tok.lemma.lower() in _TITLES)
