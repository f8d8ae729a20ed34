"""Remove web boilerplate (share rows, comment forms, captions, ...) from plain-text pages."""

# People paste or save web pages as text, so the page's chrome arrives as lines of its own.
# Every rule matches a whole line (never a substring) and is bounded in length, because the one
# thing this module must not do is drop a sentence of the article: when in doubt, a line stays.

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Removal

__all__ = ["REASONS", "strip_boilerplate"]

REASONS = (
    "share-buttons", "comment-prompt", "related-posts", "counter", "byline-counter",
    "image-caption", "image-credit", "image-notice", "newsletter", "cookie-notice",
    "navigation", "advert", "forum-meta", "footer", "credit",
)  # fmt: skip

# Longer lines are prose (or a paragraph that merely mentions these words): never touch them.
_MAX_LEN = 500
# A related-posts header eats at most this many title lines, so a misread header costs little.
_MAX_RELATED_ITEMS = 12
# Zero-width characters that pasted pages carry and that would defeat whole-line matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _rx(*alternatives: str) -> re.Pattern[str]:
    """Compile alternatives into one case-insensitive pattern meant for `fullmatch`."""
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


_NETWORK = (
    r"(?:facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|tumblr|pocket"
    r"|flipboard|messenger|threads|bluesky|mastodon|e-?mail|sms|print)"
)
# Tokens never overlap (no token is another followed by a token), which keeps matching linear.
_SHARE_TOKEN = "|".join(
    (
        _NETWORK,
        rf"share(?: this(?: (?:post|article|story|page))?| link| (?:on|via|to) {_NETWORK})?:?",
        rf"click to (?:share on {_NETWORK}|email a link to a friend|email|print|share)",
        r"\(opens in new window\)|tweet(?: this)?|pin(?: it)?|like(?: this:?)?",
        r"loading(?:\.\.\.|…)?|copy(?: the)? link|more",
    )
)
_SHARE_ROW = _rx(rf"(?:{_SHARE_TOKEN})(?:(?:\s*[|,·•/]\s*|\s+)(?:{_SHARE_TOKEN}))*")

_COMMENT = _rx(
    r"leave a (?:comment|reply)(?: cancel reply)?|cancel reply",
    r"(?:\d[\d,]*|no|one) (?:comments?|responses?|replies)",
    r"(?:\d[\d,]*|one) thoughts? on [“\"'\u2018].{1,150}[”\"'\u2019]",
    r"be the first to (?:comment|reply|respond)(?: on this (?:article|post|story))?[.!]?",
    r"your email address will not be published\.?(?: required fields are marked \*?\.?)?",
    r"required fields are marked \*?\.?",
    r"(?:comment|name|email|website)\s*\*?",
    r"(?:post|submit|add)(?: a| your)? (?:comment|reply)|reply|log in to reply|reply with quote",
    r"quote|report(?: post| comment)?",
    r"save my name, email, and website in this browser for the next time i comment\.?",
    r"notify me of (?:follow-up comments|new posts|new comments) (?:by|via) email\.?",
    r"this site uses akismet to reduce spam\. learn how your comment data is processed\.?",
    r"comments (?:are|is) closed\.?|you must be logged in to post a comment\.?",
    r"(?:view|show|hide|load|read) (?:all )?(?:\d+ )?comments?",
    r"comments?(?: \(\d+\)|\s*:\s*\d+)?|join the (?:discussion|conversation)",
    r"(?:you must )?log in or register to reply here\.?",
)

# A number never ends in "," or ".", and separators are unambiguous: no exponential backtracking.
_NUM = r"\d(?:[\d,.]*\d)?(?:\s?[km])?\+?"
_UNIT = (
    r"(?:views?|shares?|likes?|reads?|reactions?|hits|plays|visits|upvotes?|votes?|claps"
    r"|retweets|reposts)"
)
_ICON = r"(?:👁️?|👀|👍|❤️?|♥|💬|🔥|⭐|🔁)"
_COUNT = (
    rf"(?:{_NUM} {_UNIT}|{_ICON}\s*{_NUM}"
    rf"|(?:total |page ?)?{_UNIT}\s*:\s*{_NUM}|(?:posts|messages|reaction score)\s*:\s*{_NUM})"
)
_COUNTER = _rx(rf"{_COUNT}(?:(?:\s*[|·•]\s*|,\s+|\s+){_COUNT})*")

_READING_TIME = _rx(
    r"(?:⏱️?\s*)?(?:estimated )?reading time\s*:?\s*(?:about |approx\.? )?\d+\s*"
    r"(?:min(?:ute)?s?|seconds?)\.?",
    r"(?:⏱️?\s*)?(?:about |approx\.? )?\d+\s*-?\s*min(?:ute)?s?\.? read(?:ing time)?",
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|{_MONTH} \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago)"
    rf"(?:,? (?:at )?\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)?(?: [a-z]{{2,4}})?)?"
)
# Byline pieces: only boilerplate next to a counter or reading time, never on their own.
_BYLINE_PART = _rx(
    r"(?:(?:posted|written|published|updated|last updated|edited)\s+)?by\s+\S.{0,70}",
    rf"(?:(?:posted|published|updated|last updated)(?: on)?\s*:?\s*)?{_DATE}(?: by \S.{{0,50}})?",
)
_NAME = re.compile(
    r"[A-Z][\w'\u2019.-]*(?: (?:[A-Z][\w'\u2019.-]*|de|van|von|der|da|del|la|le|al|bin)){0,3}"
)

_AGENCY = _rx(
    r"getty(?: images)?|afp|ap(?: photo)?|associated press|reuters|epa(?:-efe)?|shutterstock",
    r"alamy|pa(?: media| wire)?|bloomberg|unsplash|istock(?:photo)?|pexels|xinhua|anadolu|dpa",
    r"sipa|corbis|rex(?: features)?|nurphoto|sopa images|lightrocket|wikimedia commons|handout",
    r"supplied|file|pool|bbc",
)

#: A caption line that opens with the picture agency's name (`Reuters North Korean leader Kim
#: Jong Un celebrates ...`, `GETTY Bitcoin has lost ...`): a photo page's credit run into its
#: caption. Only agencies whose name never opens a sentence of news about them this way; `EPA`
#: and `PA` also name an agency and a news agency that do (`EPA Administrator Scott Pruitt`).
_CREDITED_CAPTION = re.compile(
    r"(?:Reuters|REUTERS|GETTY|Getty Images|GETTY IMAGES|AFP|AFP/Getty Images)\s+"
    # ... but not the agency's own units and staff (`Reuters Institute research found ...`)
    r"(?!(?:Institute|Breakingviews|Foundation|Eikon|News|Television|TV|Chief|Editor|Editors"
    r"|Correspondent|Reporter|Reporters|Staff|Bureau|Images\b|Photographer)\b)"
    r"(?P<rest>[A-Z\u201c\"'][^\n]{2,400})"
)
_PICTURE_AGENCY = (
    r"(?:Getty(?: Images)?|AP(?: Photo)?|Reuters|AFP|PA(?: Wire)?|EPA|Rex(?: Features)?"
    r"|Shutterstock)"
)
#: Captions that say they are captions without a colon: the BBC's `Image copyright Getty
#: Images Image caption ...`, the `AP:Associated Press ...` of picture pages, and a line that
#: ends with its picture credit in brackets: the agency alone after words with no final stop
#: (`Carl Edwards Jr celebrates ... (Getty)`), or a photographer and agency (`... the
#: halftime show. (Patrick Smith/Getty Images)`). A paragraph of news that ends `... said.
#: (Reuters)` is kept.
_LABELLED_CAPTION = re.compile(
    r"(?:Image copyright .{1,60}? )?Image caption [A-Z\u201c\"'].{2,400}"
    r"|(?:AP|Getty Images|Reuters|AFP):(?:Associated Press|Getty Images|Reuters|AFP) \S.{2,400}"
    rf"|[A-Z].{{10,400}}[^.!?\"\u201d ] \({_PICTURE_AGENCY}\)"
    rf"|[A-Z].{{10,400}} \((?:[^()/]{{1,40}}/)+{_PICTURE_AGENCY}(?:/[^()]{{0,40}})?\)"
    rf"|[A-Z].{{10,400}} \({_PICTURE_AGENCY}/[^()]{{1,40}}\)"
)
#: A slide of a photo gallery inside an article (`1 of 26 Full Screen Autoplay Close Skip Ad`,
#: `Hide Caption 18 of 25 Photos: ...`), and a photo with its share buttons (`Facebook Twitter
#: Pinterest A fan reacts ... Photograph: Charlie Riedel/AP`). A page that is all gallery
#: (`Photos: North Korea launches rocket <caption> Hide Caption 3 of 8`, slide after slide)
#: keeps its captions: they are its text.
_GALLERY_SLIDE = re.compile(
    r"(?:\S+(?: \S+){0,2} )?\d{1,3} of \d{1,3} (?:Full Screen|Skip|Photos?|Images?|Embed)\b.{0,600}"
    r"|(?:Hide|Show) Caption \d{1,3} of \d{1,3}\b.{0,600}"
    r"|(?:Facebook Twitter Pinterest|Facebook Twitter) .{2,600}\bPhotograph: .{2,120}"
)
#: The same with a bare `12/34` counter, which only counts when two lines of the page number
#: slides of one gallery of five or more (so `9/11 changed everything` stays, as do `1/2`
#: and `4/4` numbering a thread of posts, whose words are the poster's).
_NUMBERED_SLIDE = re.compile(r"(?P<slide>\d{1,3})/(?P<slides>\d{1,3}) \S.{2,600}")
_MIN_SLIDES = 5
_IMAGE_CREDIT = _rx(
    r"\(?(?:(?:photo(?:graph)?|image|picture|video|header image|featured image)\s+"
    r"(?:credits?|source|courtesy)|credits?|courtesy)\s*:\s*[^()\[\]]{1,150}\)?",
    r"\(?(?:image|photo|picture|media) source\s*,\s*[^()\[\]]{1,150}\)?",
    r"photograph\s*:\s*.{1,150}",
    r"(?:photo|image|picture)s? (?:by|courtesy(?: of)?) [^.!?]{1,120}",
)
_CAPTION = re.compile(
    r"(?:(?:image|photo|picture|pic|caption|pictured|file photo|illustration|main image"
    r"|top image|featured image|photo caption|image caption|media caption)\s*:"
    r"|(?:image|media) caption\s*,)\s*(?P<rest>\S.{0,400})"
    r"|\[(?:image|photo|picture|video|embedded image)(?:\s*:\s*(?P<bracketed>[^\]]{0,300}))?\]"
    r"|\((?:image|photo|picture|pictured)\s*:\s*(?P<paren>[^)]{1,300})\)",
    re.IGNORECASE,
)
_IMAGE_NOTICE = _rx(
    r"(?:click|tap)(?: on)?(?: the)?(?: (?:image|photo|picture|here))? to (?:enlarge|expand"
    r"|zoom(?: in)?|view (?:larger|full[- ]size|full ?screen|gallery))\.?",
    r"(?:this )?(?:image|photo|picture|video|media)(?: is)? (?:no longer available|not available"
    r"|unavailable|currently unavailable|cannot be displayed)\.?",
    r"enlarge(?: this)? (?:image|photo)|expand image|view (?:image )?in full ?screen",
    r"(?:view|open) (?:image )?gallery|(?:show|hide|toggle) caption|play video",
    r"(?:image|photo|picture|slide) \d+ (?:of|/) \d+|image|photo|picture|video|gallery",
)

_NEWSLETTER = _rx(
    r"(?:subscribe|sign up|signup|register)(?: now| today| for free| here)?[.!]?",
    # "our" marks the site's own list; "the ..." is only dropped when it says newsletter, because
    # an article may well tell readers to sign up for, say, the council's flood alerts.
    r"(?:subscribe|sign up|join)(?: now| today| for free)? (?:to|for) (?:our|my) [^.!?]{0,80}"
    r"(?:newsletters?|updates|inbox|alerts|emails?|digest|briefing)[^.!?]{0,80}[.!]?",
    r"(?:subscribe|sign up)(?: now| today| for free)? (?:to|for) (?:the|a) [^.!?]{0,60}"
    r"newsletters?(?: [^.!?]{0,60})?[.!]?",
    r"(?:(?:our|free|daily|weekly) )?newsletters?",
    r"enter your email(?: address)?[^.!?]{0,60}[.!]?|(?:your )?email address\s*\*?:?",
    r"join \d[\d,]* other (?:subscribers|followers)\.?",
    r"(?:get|receive) [^.!?]{0,60} (?:delivered |sent )?(?:to|in|straight to) your inbox"
    r"[^.!?]{0,60}[.!]?",
    r"thanks? (?:you )?for (?:signing up|subscribing)[.!]?",
    r"by (?:subscribing|signing up|clicking)[^.]{0,120}(?:privacy policy|terms)[^|]{0,120}",
    r"you (?:can|may) unsubscribe at any time\.?",
    r"sign up you agree to receive [^|]{0,300}",
    r"view all [^.!?]{0,60} newsletters\.?",
)
_COOKIE = _rx(
    r"(?:we|this (?:web)?site|our (?:web)?site)(?: and (?:our|its|selected) (?:partners"
    r"|third part(?:y|ies)(?: \w+)?))? uses? cookies\b.{0,400}",
    r"by (?:continuing to (?:use|browse)|using) (?:this|our|the) (?:web)?site,? you (?:agree"
    r"|consent|accept)[^|]{0,200}",
    r"(?:accept|reject|allow|decline)(?: all)?(?: cookies)?|i (?:accept|agree)",
    r"(?:ok(?:ay)?,? )?got it",
    r"(?:manage|customi[sz]e) (?:cookie )?(?:settings|preferences|choices)",
    r"cookie (?:policy|settings|preferences|notice|consent)|we value your privacy",
)
_ADVERT = _rx(
    r"advertisements?|advert|ads?|sponsored(?: content| post| links?)?|partner content",
    r"paid (?:content|post|partnership)|promoted(?: content| stories)?",
    r"advertisement\s*[-\u2013—:]?\s*scroll to continue(?: with content)?",
    r"(?:story|article|content) continues below(?: (?:this )?(?:advertisement|advert|ad))?",
    r"continue reading (?:the main story|below)|scroll to continue(?: with content)?",
    r"ads? by \w+|report (?:this )?ad",
)

_TERM = r"[\w&'\u2019-]+(?: [\w&'\u2019-]+){0,3}"
_NAVIGATION = _rx(
    r"skip to (?:the )?(?:main )?(?:content|navigation|search|footer)",
    r"jump to (?:navigation|content|search|latest)",
    r"(?:main |toggle |open |close )?(?:menu|navigation)",
    r"search(?: for)?:?|home|back to top|go to top|scroll to top|load more|show more|close",
    r"(?:sign|log) ?(?:in|out)|login|my account",
    r"[«\u2039←<]?\s*(?:previous|prev|next|older|newer)(?: (?:post|article|story|entry|page)s?)?"
    r"\s*[»\u203a→>]?",
    r"(?:read more|continue reading|read the full (?:story|article))\s*(?:[»\u203a→>]|\.\.\.|…)",
    r"home\s*[»\u203a>/→]\s*[^.!?]{1,150}",
    rf"{_TERM}(?:\s*[»\u203a]\s*{_TERM}){{2,}}",  # breadcrumbs: prose never uses these arrows
    rf"(?:tags?|tagged(?: with)?|filed under|categor(?:y|ies)|topics?)\s*:\s*{_TERM}"
    rf"(?:\s*[,|·•]\s*{_TERM})*",
    rf"(?:posted in|tagged|filed under) {_TERM}(?:\s*,\s*{_TERM})*",
    r"page \d+ of \d+|privacy policy|terms (?:of (?:use|service)|and conditions)|sitemap",
    r"contact(?: us)?|about(?: us)?",
)
_FORUM = _rx(
    rf"joined\s*:\s*\S[^.!?]{{0,30}}|joined (?:{_DATE})|member since\s*:?\s*\S[^.!?]{{0,30}}",
    r"(?:(?:new|senior|junior|active|registered|well-known|full|verified) )?(?:member|user)",
    r"moderator|administrator|staff member|guest",
    rf"thread starter\s*:?\s*\S{{1,40}}|start date\s*:?\s*{_DATE}",
    r"location\s*:\s*\S[^.!?]{0,40}",
    r"click to (?:expand|shrink)(?:\.\.\.|…)?|#\d{1,6}",
    r"sort by (?:date|votes)(?: sort by (?:date|votes))?",
    rf"(?:last )?edited(?: by [^.!?;]{{1,40}})?(?:[;:,]?\s*{_DATE})?\.?",
    rf"(?:posted|replied) {_DATE}",
)
_FOOTER = _rx(
    r"(?:copyright\s*)?©\s*(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?)?[^|]{0,100}",
    r"copyright \d{4}(?:\s*[-\u2013]\s*\d{4})?[^|]{0,100}",
    # wire footers run long: "Copyright 2018 The AP. All rights reserved. This material may not ..."
    r"(?:copyright \d{4}|©)[^|]{0,120}all rights reserved\.[^|]{0,200}",
    r"all rights reserved\.?",
    r"this material may not be published, broadcast, rewritten,? or redistributed\.?",
)
# Wire and syndication credits: who wrote, edited or first ran the story, not the story itself.
_CREDIT = _rx(
    r"this (?:story|article|report|post) (?:was )?(?:originally |first )?"
    r"(?:distributed|published|appeared|posted|syndicated)(?: on| by| in| via)? [^.!?]{1,80}\.?",
    r"(?:originally )?(?:distributed|published) by [^.!?]{1,60}\.?",
    r"\(?(?:writing|reporting|additional reporting|editing|compiled|graphics) by "
    r"[^()]{1,160}\)?\.?",
    r"[^.!?]{1,160} contributed (?:to this report|reporting|to this story)\.?",
    r"story highlights",
    # a social-media embed's footer names a weekday: "Posted by X on Sunday, 31 December 2017"
    r"posted by [^.!?]{1,60} on \w+day,? (?:\d{1,2} \w+|\w+ \d{1,2}),? \d{4}",
)

_RELATED_HEADS = (
    r"(?:related(?: posts?| articles?| stories| news| content| reading| coverage| links| topics)?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
    r"|recommended(?: for you| reading| stories| articles| posts)?"
    r"|read more|also read|read also|see also|read next|read this next|up next"
    r"|what to read next|more stories|more on this (?:story|topic)|more like this"
    r"|more from [^.!?:|]{1,60}|most (?:read|popular|viewed)|popular (?:posts|stories|articles)"
    r"|trending(?: now| stories)?|top stories|similar posts|don'?t miss|keep reading)"
)
_RELATED_HEADER = _rx(rf"{_RELATED_HEADS}\s*:?")
_RELATED_INLINE = re.compile(rf"{_RELATED_HEADS}\s*[:|\u2013—-]\s*(?P<title>.+)", re.IGNORECASE)
_BULLET = re.compile(r"(?:[-*•·▪►]|\d{1,2}[.)])\s+")
_SEGMENT_SEP = re.compile(r"\s+[|·•—\u2013-]\s+|\s*[|·•]\s*")
_HEADLINE_END = tuple(".!?;:,…")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")

# Order matters where patterns overlap: "12 comments" is a comment prompt before it is a counter.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("share-buttons", _SHARE_ROW),
    ("comment-prompt", _COMMENT),
    ("byline-counter", _READING_TIME),
    ("counter", _COUNTER),
    ("image-credit", _IMAGE_CREDIT),
    ("image-notice", _IMAGE_NOTICE),
    ("newsletter", _NEWSLETTER),
    ("cookie-notice", _COOKIE),
    ("advert", _ADVERT),
    ("navigation", _NAVIGATION),
    ("forum-meta", _FORUM),
    ("credit", _CREDIT),
)


def strip_boilerplate(text: str) -> tuple[str, tuple[Removal, ...]]:
    """Return the text without boilerplate lines, and what was removed with why."""
    lines = text.splitlines()
    kept: list[str] = []
    removed: list[Removal] = []
    blank_pending = False
    for line, reason in zip(lines, _line_reasons(lines), strict=True):
        if not line.strip():
            blank_pending = bool(kept)
        elif reason is not None:
            removed.append(Removal(text=line.strip(), reason=reason))
        else:
            if blank_pending:
                kept.append("")
            kept.append(line)
            blank_pending = False
    return "\n".join(kept), tuple(removed)


def _line_reasons(lines: Sequence[str]) -> list[str | None]:
    """Return the removal reason of each line, or None for lines to keep."""
    reasons: list[str | None] = [None] * len(lines)
    for i in _numbered_slides(lines):
        reasons[i] = "image-caption"
    for i, line in enumerate(lines):
        if reasons[i] is not None or not line.strip():
            continue
        text = _normalise(line)
        reason = _classify_line(text)
        if reason is None and _RELATED_HEADER.fullmatch(text):
            reason = "related-posts"
            for j in _related_items(lines, i + 1):
                reasons[j] = "related-posts"
        reasons[i] = reason
    return reasons


def _normalise(line: str) -> str:
    """Collapse whitespace and drop invisible characters so whole-line patterns can match."""
    return " ".join(line.translate(_INVISIBLE).split())


def _classify_line(line: str) -> str | None:
    """Return why a single line is boilerplate on its own, or None to keep it."""
    text = _normalise(line)
    if not text or len(text) > _MAX_LEN:
        return None
    return _classify_whole(text) or _classify_segments(text)


def _classify_whole(text: str) -> str | None:
    """Return the reason a whole line (or one segment of it) matches, if any."""
    for reason, pattern in _RULES:
        if pattern.fullmatch(text):
            return reason
    if _is_credit(text):
        return "image-credit"
    caption = _caption_reason(text)
    if caption is not None:
        return caption
    credited = _CREDITED_CAPTION.fullmatch(text)
    if credited is not None and len(credited["rest"].split()) <= 40:
        return "image-caption"
    if _LABELLED_CAPTION.fullmatch(text) or _GALLERY_SLIDE.fullmatch(text):
        return "image-caption"
    inline = _RELATED_INLINE.fullmatch(text)
    if inline is not None and _is_headline(inline["title"]):
        return "related-posts"
    return "footer" if _FOOTER.fullmatch(text) else None


def _classify_segments(text: str) -> str | None:
    """Return a reason when every `|`/`·`-separated part of a line is boilerplate."""
    parts = [part for part in _SEGMENT_SEP.split(text) if part]
    if len(parts) < 2:
        return None
    kinds = [
        _classify_whole(part) or ("byline" if _is_byline_part(part) else None) for part in parts
    ]
    if None in kinds:
        return None
    reasons = [kind for kind in kinds if kind != "byline"]
    if not reasons:
        return None  # a plain byline ("By Jane Doe | 3 March 2024") is article metadata
    if len(reasons) < len(kinds) and {"counter", "byline-counter"} & set(reasons):
        return "byline-counter"
    return reasons[0]


def _is_byline_part(text: str) -> bool:
    """Tell whether a line segment is an author name, 'By X' or a date."""
    if len(text.split()) > 12:
        return False
    return bool(_BYLINE_PART.fullmatch(text) or _NAME.fullmatch(text))


def _is_credit(text: str) -> bool:
    """Tell whether a line is only a photo credit such as 'Jane Doe/Reuters' or '(AP Photo)'."""
    core = text.strip("()[] ")
    core = re.sub(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?", "", core, flags=re.IGNORECASE)
    parts = [part.strip() for part in re.split(r"\s*/\s*|\s+via\s+|,\s*", core) if part.strip()]
    if not parts or len(parts) > 4:
        return False
    agencies = [_AGENCY.fullmatch(part) is not None for part in parts]
    return any(agencies) and all(
        a or _NAME.fullmatch(p) for a, p in zip(agencies, parts, strict=True)
    )


def _numbered_slides(lines: Sequence[str]) -> list[int]:
    """Return the indexes of lines that are numbered slides of one gallery (`_NUMBERED_SLIDE`)."""
    galleries: dict[int, dict[int, int]] = {}
    for i, line in enumerate(lines):
        match = _NUMBERED_SLIDE.fullmatch(_normalise(line))
        if match is None:
            continue
        slide, slides = int(match["slide"]), int(match["slides"])
        if slides >= _MIN_SLIDES and 1 <= slide <= slides:
            galleries.setdefault(slides, {}).setdefault(slide, i)
    return sorted(i for found in galleries.values() if len(found) >= 2 for i in found.values())


def _caption_reason(text: str) -> str | None:
    """Return image-caption (or image-credit when it only credits) for labelled captions."""
    match = _CAPTION.fullmatch(text)
    if match is None:
        return None
    rest = match["rest"] or match["bracketed"] or match["paren"] or ""
    return "image-credit" if rest and _is_credit(rest) else "image-caption"


def _is_headline(text: str) -> bool:
    """Tell whether a line looks like a linked title: short, capitalised, no final stop."""
    bare = _BULLET.sub("", text.strip(), count=1)
    if not bare or len(bare) > 160 or len(bare.split()) > 20:
        return False
    if not (bare[0].isupper() or bare[0] in "0123456789\"'\u201c\u2018"):
        return False
    if bare.endswith(("?", "!")):
        # Titles do ask questions, but so does prose: accept only list items and Title Case.
        return bare != text.strip() or _is_title_case(bare)
    return not bare.endswith(_HEADLINE_END)


def _is_title_case(text: str) -> bool:
    """Tell whether every word of four or more letters starts with a capital."""
    words = [word for word in _WORD.findall(text) if len(word) >= 4]
    return bool(words) and all(word[0].isupper() for word in words)


def _related_items(lines: Sequence[str], start: int) -> list[int]:
    """Return the indexes of the title lines that follow a related-posts header at `start - 1`."""
    taken: list[int] = []
    i = start
    while len(taken) < _MAX_RELATED_ITEMS:
        group = _paragraph_at(lines, i)
        if not group:
            break
        titles = _title_prefix(lines, group)
        # Right under the header, titles may run straight into prose; after a blank line only a
        # short paragraph made entirely of titles continues the list (a subheading + its text
        # stays). `group` is cut at the item limit, so a longer paragraph never counts as titles.
        whole = len(titles) == len(group) <= _MAX_RELATED_ITEMS
        if group[0] == start or whole:
            taken.extend(titles)
        if len(titles) < len(group):
            break
        i = group[-1] + 1
    return taken[:_MAX_RELATED_ITEMS]


def _paragraph_at(lines: Sequence[str], i: int) -> list[int]:
    """Return the indexes of the next run of non-blank lines at or after `i`, cut past the limit."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    group: list[int] = []
    while i < len(lines) and lines[i].strip() and len(group) <= _MAX_RELATED_ITEMS:
        group.append(i)
        i += 1
    return group


def _title_prefix(lines: Sequence[str], group: Sequence[int]) -> list[int]:
    """Return the leading indexes of `group` whose lines look like linked titles."""
    titles: list[int] = []
    for pos, i in enumerate(group):
        text = _normalise(lines[i])
        if _classify_line(text) or _RELATED_HEADER.fullmatch(text) or not _is_headline(text):
            break  # boilerplate of another kind, or a new list that gets its own header
        following = lines[group[pos + 1]].strip() if pos + 1 < len(group) else ""
        if following[:1].islower():
            break  # the line continues a hard-wrapped sentence, so it is prose
        titles.append(i)
    return titles
