"""Tests for removing web boilerplate from plain-text pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.boilerplate import REASONS, strip_boilerplate
from storyline.model import Removal

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Page:
    """A saved page, the sentences of its article, and the boilerplate planted around them."""

    name: str
    body: tuple[str, ...]
    boilerplate: tuple[tuple[str, str], ...]  # (line, reason), in page order


WORDPRESS = Page(
    name="wordpress_blog.txt",
    body=(
        "The Riverside branch library reopened its reading room on Saturday, five weeks after "
        "floodwater reached the lower shelves.",
        "Staff cleared the last of the damaged furniture on Thursday.",
        "Staff said about 1,800 books had to be thrown away, most of them from the children's "
        "section.",
        "Photo editors at the Eastbank Gazette said the picture of the flooded reading room that "
        "circulated online was genuine.",
        "The council has promised to install a pump in the basement before next winter.",
        '"We were lucky the archive was upstairs," librarian Tom Okafor said.',
        "Email remains the easiest way to reserve a book while the online catalogue is being "
        "rebuilt.",
    ),
    boilerplate=(
        ("Skip to content", "navigation"),
        ("Menu", "navigation"),
        ("Home", "navigation"),
        ("About", "navigation"),
        ("Contact", "navigation"),
        ("Search for:", "navigation"),
        (
            "Photo: Volunteers stack sandbags outside the Riverside branch library in February",
            "image-caption",
        ),
        ("Share this:", "share-buttons"),
        ("Click to share on Twitter (Opens in new window)", "share-buttons"),
        ("Click to share on Facebook (Opens in new window)", "share-buttons"),
        ("Click to email a link to a friend (Opens in new window)", "share-buttons"),
        ("Click to print (Opens in new window)", "share-buttons"),
        ("Like this:", "share-buttons"),
        ("Like Loading...", "share-buttons"),
        ("Related", "related-posts"),
        ("Council approves new bike lanes on Mill Road", "related-posts"),
        ("February 12, 2024", "related-posts"),
        ('In "Local news"', "related-posts"),
        ("Volunteers wanted for the spring litter pick", "related-posts"),
        ("January 28, 2024", "related-posts"),
        ('In "Community"', "related-posts"),
        ("Posted in Community | Tagged flooding, library | Leave a comment", "navigation"),
        ("« Previous post", "navigation"),
        ("Next post »", "navigation"),
        ("Leave a Reply Cancel reply", "comment-prompt"),
        (
            "Your email address will not be published. Required fields are marked *",
            "comment-prompt",
        ),
        ("Comment *", "comment-prompt"),
        ("Name *", "comment-prompt"),
        ("Email *", "comment-prompt"),
        ("Website", "comment-prompt"),
        (
            "Save my name, email, and website in this browser for the next time I comment.",
            "comment-prompt",
        ),
        ("Post Comment", "comment-prompt"),
        (
            "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
            "comment-prompt",
        ),
        ("© 2024 Riverside Notes. All rights reserved.", "footer"),
    ),
)

CONTENT_FARM = Page(
    name="content_farm.txt",
    body=(
        "Shares in Evergreen Logistics fell 4% on Wednesday after the company cut its full-year "
        "forecast.",
        "The freight firm blamed weaker demand from retailers and higher fuel costs.",
        'Chief executive Dana Whitfield told analysts the slowdown would last "at least two '
        'quarters".',
        "A video of her remarks spread quickly on social media.",
        "The post got 1,200 views before it was deleted, police said.",
        "Evergreen employs about 6,500 people across 40 depots.",
        "Shares recovered slightly in after-hours trading.",
        "The company will publish its next results in July.",
    ),
    boilerplate=(
        ("Home » News » Business", "navigation"),
        ("By admin | 3 min read | 2,311 views", "byline-counter"),
        ("2.3K shares", "counter"),
        ("Share on Facebook", "share-buttons"),
        ("Tweet", "share-buttons"),
        ("Pin it", "share-buttons"),
        ("WhatsApp", "share-buttons"),
        ("Email", "share-buttons"),
        ("Advertisement", "advert"),
        ("Also read: 10 Ways to Cut Your Energy Bill This Winter", "related-posts"),
        ("Story continues below advertisement", "advert"),
        ("Read more:", "related-posts"),
        ("Why Freight Rates Are Falling Again", "related-posts"),
        ("Five Stocks Analysts Are Watching This Week", "related-posts"),
        ("👁 512", "counter"),
        ("You may also like", "related-posts"),
        ("Evergreen Logistics Opens New Depot in Leeds", "related-posts"),
        ("Is Now the Time to Buy Transport Stocks", "related-posts"),
        ("Subscribe to our newsletter", "newsletter"),
        ("Get the latest news delivered straight to your inbox every morning.", "newsletter"),
        ("Enter your email address", "newsletter"),
        ("Subscribe", "newsletter"),
        (
            "We use cookies to ensure that we give you the best experience on our website. "
            "By continuing to browse, you agree to our use of cookies.",
            "cookie-notice",
        ),
        ("Accept", "cookie-notice"),
        ("© 2024 TrendyNewsHub. All rights reserved.", "footer"),
    ),
)

NEWS_SITE = Page(
    name="news_site.txt",
    body=(
        "The fire on board the container ship Merrow Star has been brought under control, the "
        "harbour authority said on Thursday.",
        "No crew members were hurt, according to a statement from the ship's operator.",
        "About 40 containers were damaged, and investigators have not yet said what caused the "
        "blaze.",
        '"We expect the berth to reopen within days," harbour master Colin Reyes said.',
        "Photo editors said an image shared online as showing the fire was taken in 2019.",
        "Shipping firms have diverted 12 vessels to other ports while the berth is closed.",
    ),
    boilerplate=(
        ("Skip to main content", "navigation"),
        ("Advertisement", "advert"),
        ("Image source, Getty Images", "image-credit"),
        (
            "Image caption, Firefighters on tugs sprayed water on the burning containers through "
            "the night",
            "image-caption",
        ),
        ("Photograph: Tom Eaves/Reuters", "image-credit"),
        ("[Image: A map of the harbour showing the closed berths]", "image-caption"),
        ("Click to enlarge", "image-notice"),
        ("This image is no longer available", "image-notice"),
        ("(Image credit: Getty Images)", "image-credit"),
        ("Getty Images", "image-credit"),
        ("Credit: Harbour Authority", "image-credit"),
        ("Related Topics", "related-posts"),
        ("Shipping", "related-posts"),
        ("Fire", "related-posts"),
        ("More on this story", "related-posts"),
        ("Port strike ends after pay deal", "related-posts"),
        ("Shipping insurers warn of rising claims", "related-posts"),
        ("Sign up for our morning briefing newsletter", "newsletter"),
    ),
)

FORUM = Page(
    name="forum_thread.txt",
    body=(
        "Anyone else noticed the water pressure drop in Eastfield?",
        "Since Monday the pressure on Alder Street has been terrible, the shower barely runs.",
        "Has anyone heard anything from the water company?",
        "Since Monday the pressure on Alder Street has been terrible...",
        "Same on Birch Lane.",
        "The water company posted an update saying a main burst near the reservoir.",
        "Their update got 1,200 views before it was deleted, which is odd.",
    ),
    boilerplate=(
        ("Forums \u203a Local issues \u203a Utilities", "navigation"),
        ("Thread starter river_rat", "forum-meta"),
        ("Start date Mar 4, 2024", "forum-meta"),
        ("Sort by date Sort by votes", "forum-meta"),
        ("Member", "forum-meta"),
        ("Joined: Jan 2019", "forum-meta"),
        ("Posts: 1,234", "counter"),
        ("#1", "forum-meta"),
        ("12 Likes", "counter"),
        ("Reply", "comment-prompt"),
        ("Quote", "comment-prompt"),
        ("Report", "comment-prompt"),
        ("Senior Member", "forum-meta"),
        ("Joined: Aug 2016", "forum-meta"),
        ("Posts: 3,402", "counter"),
        ("#2", "forum-meta"),
        ("Click to expand...", "forum-meta"),
        ("Last edited: Mar 4, 2024", "forum-meta"),
        ("Reply", "comment-prompt"),
        ("Quote", "comment-prompt"),
        ("Page 1 of 3", "navigation"),
        ("Next \u203a", "navigation"),
        ("You must log in or register to reply here.", "comment-prompt"),
        ("Share:", "share-buttons"),
        ("Facebook", "share-buttons"),
        ("X", "share-buttons"),
        ("Reddit", "share-buttons"),
        ("WhatsApp", "share-buttons"),
        ("Email", "share-buttons"),
        ("Share Link", "share-buttons"),
    ),
)

PAGES = (WORDPRESS, CONTENT_FARM, NEWS_SITE, FORUM)


def _clean(page: Page) -> tuple[str, tuple[Removal, ...]]:
    """Run the cleaner on a fixture page."""
    return strip_boilerplate((FIXTURES / page.name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_keeps_every_body_sentence(page: Page) -> None:
    cleaned, _ = _clean(page)
    raw = (FIXTURES / page.name).read_text(encoding="utf-8")
    for sentence in page.body:
        assert sentence in raw, "fixture and expectation disagree"
        assert sentence in cleaned, f"body sentence dropped: {sentence!r}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_removes_exactly_the_planted_boilerplate(page: Page) -> None:
    cleaned, removed = _clean(page)
    assert list(removed) == [Removal(text, reason) for text, reason in page.boilerplate]
    kept_lines = set(cleaned.splitlines())
    for text, _ in page.boilerplate:
        assert text not in kept_lines


def test_paragraph_structure_is_kept_and_blank_runs_collapse() -> None:
    text = (
        "\n\nFirst paragraph, line one.\nFirst paragraph, line two.\n\n\n\n"
        "Share this:\n\nSecond paragraph.\nAdvertisement\nStill the second paragraph.\n\n  \n"
    )
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == (
        "First paragraph, line one.\nFirst paragraph, line two.\n\n"
        "Second paragraph.\nStill the second paragraph."
    )
    assert removed == (
        Removal("Share this:", "share-buttons"),
        Removal("Advertisement", "advert"),
    )


def test_related_list_stops_at_prose_after_a_blank_line() -> None:
    text = (
        "You may also like\nMayor opens new bridge\nSchool wins robotics prize\n\n"
        "What happens next\nThe council will vote on the budget in June.\n"
    )
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == "What happens next\nThe council will vote on the budget in June."
    assert [r.text for r in removed] == [
        "You may also like",
        "Mayor opens new bridge",
        "School wins robotics prize",
    ]


def test_related_titles_may_ask_questions_but_prose_questions_stay() -> None:
    text = (
        "Related posts\n- Why is shipping so expensive?\nIs The Canal Blocked Forever?\n\n"
        "What does this mean for drivers?\n\nPrices at the pump rose 3p a litre.\n"
    )
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == "What does this mean for drivers?\n\nPrices at the pump rose 3p a litre."
    assert [r.reason for r in removed] == ["related-posts"] * 3


def test_related_header_does_not_eat_hard_wrapped_prose() -> None:
    text = "Related\nThe council said the new bridge would open\nin June, a month late.\n"
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == "The council said the new bridge would open\nin June, a month late."
    assert removed == (Removal("Related", "related-posts"),)


REMOVED_LINES = [
    # share buttons
    ("Share this:", "share-buttons"),
    ("Click to share on Twitter (Opens in new window)", "share-buttons"),
    ("Click to share on WhatsApp (Opens in new window)", "share-buttons"),
    ("Share on Facebook", "share-buttons"),
    ("Tweet", "share-buttons"),
    ("Pin it", "share-buttons"),
    ("WhatsApp", "share-buttons"),
    ("Email", "share-buttons"),
    ("Print", "share-buttons"),
    ("Share this: Twitter Facebook WhatsApp Email Print", "share-buttons"),
    ("Facebook | Twitter | LinkedIn | Email", "share-buttons"),
    ("Like this: Like Loading...", "share-buttons"),
    ("Copy link", "share-buttons"),
    # comment prompts
    ("Leave a comment", "comment-prompt"),
    ("Leave a Reply", "comment-prompt"),
    ("Cancel reply", "comment-prompt"),
    ("12 Comments", "comment-prompt"),
    ("0 comments", "comment-prompt"),
    ("One comment", "comment-prompt"),
    ("Be the first to comment", "comment-prompt"),
    ("Be the first to comment.", "comment-prompt"),
    ("Your email address will not be published. Required fields are marked *", "comment-prompt"),
    ("Post Comment", "comment-prompt"),
    ("3 thoughts on “Library reading room reopens”", "comment-prompt"),
    ("Comments are closed.", "comment-prompt"),
    # related posts (inline form; the header form is covered by the pages)
    ("Read more: Council approves new bike lanes", "related-posts"),
    ("ALSO READ: Five Stocks Analysts Are Watching", "related-posts"),
    ("Related", "related-posts"),
    ("Recommended", "related-posts"),
    ("More from The Eastbank Gazette", "related-posts"),
    # counters and bylines
    ("1,284 views", "counter"),
    ("2.3K shares", "counter"),
    ("👁 512", "counter"),
    ("Views: 87", "counter"),
    ("1,284 views · 32 shares", "counter"),
    ("By admin | 3 min read | 2,311 views", "byline-counter"),
    ("Posted by Jane Doe on March 3, 2024 · 5 min read", "byline-counter"),
    ("Jane Doe · 4 min read", "byline-counter"),
    ("5 min read", "byline-counter"),
    ("Reading time: 3 minutes", "byline-counter"),
    # images
    ("Image: A flooded street in Leeds", "image-caption"),
    ("Photo: Protesters gather outside the court on Tuesday", "image-caption"),
    ("Image caption, Firefighters worked through the night", "image-caption"),
    ("[Image: A flooded street in Leeds]", "image-caption"),
    ("Photograph: Jane Doe/Reuters", "image-credit"),
    ("Photo: Jane Doe/AFP via Getty Images", "image-credit"),
    ("Credit: Harbour Authority", "image-credit"),
    ("(Image credit: Getty Images)", "image-credit"),
    ("Image source, Getty Images", "image-credit"),
    ("Getty Images", "image-credit"),
    ("(AP Photo/Evan Vucci, File)", "image-credit"),
    ("Photo by Jane Doe on Unsplash", "image-credit"),
    ("Click to enlarge", "image-notice"),
    ("This image is no longer available", "image-notice"),
    ("Image 3 of 12", "image-notice"),
    # page chrome
    ("Subscribe to our newsletter", "newsletter"),
    ("Sign up for our newsletter to get the latest headlines every morning.", "newsletter"),
    ("Join 4,210 other subscribers", "newsletter"),
    ("We use cookies to improve your experience on our site.", "cookie-notice"),
    ("Manage cookie preferences", "cookie-notice"),
    ("Advertisement", "advert"),
    ("ADVERTISEMENT", "advert"),
    ("Story continues below advertisement", "advert"),
    ("Skip to content", "navigation"),
    ("Home > News > Local", "navigation"),
    ("Tags: flooding, library, council", "navigation"),
    ("Continue reading →", "navigation"),
    ("© 2024 The Eastbank Gazette", "footer"),
    ("Joined: Jan 2019", "forum-meta"),
    ("This story was distributed by Meridian Wire.", "credit"),
    ("(Writing by Ana Ruiz; Editing by Tom Hale)", "credit"),
    ("Associated Press writer Ana Ruiz contributed to this report.", "credit"),
    ("Story highlights", "credit"),
    ("Posted by Westside Temple on Sunday, 31 December 2017", "credit"),
    (
        "Copyright 2018 The Example Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        "footer",
    ),
    ("Sign Up You agree to receive occasional updates and special offers from us.", "newsletter"),
    # a picture agency's credit run into the caption of its photo
    ("Reuters Chicago Cubs fans were able to celebrate their 108-year wait", "image-caption"),
    ("GETTY Bitcoin has fallen to its lowest point since November", "image-caption"),
    (
        "Getty Images Massa sits down whilst the race was suspended due to heavy rain",
        "image-caption",
    ),
    ("View all Example Times newsletters.", "newsletter"),
    # captions that say so without a colon, and slides of a photo gallery
    (
        "Image copyright Getty Images Image caption The tram derailed near an underpass",
        "image-caption",
    ),
    ("AP:Associated Press A dad cradles his young daughter in Nice", "image-caption"),
    ("Carl Edwards Jr celebrates the Cubs' World Series victory (Getty)", "image-caption"),
    ("Timberlake performs during the halftime show. (Patrick Smith/Getty Images)", "image-caption"),
    ("AP 8 of 41 Skip in Skip x Embed x Share CLOSE WHAT YOU NEED TO KNOW", "image-caption"),
    ("Hide Caption 18 of 25 Photos: Bastille Day terror in Nice", "image-caption"),
    (
        "Facebook Twitter Pinterest A fan reacts after the Cubs won. Photograph: Charlie Riedel/AP",
        "image-caption",
    ),
]


@pytest.mark.parametrize(("line", "reason"), REMOVED_LINES)
def test_single_line_is_removed(line: str, reason: str) -> None:
    cleaned, removed = strip_boilerplate(f"  {line}  ")
    assert cleaned == ""
    assert removed == (Removal(line, reason),)


KEPT_LINES = [
    "Photo editors said the image was fake.",
    "Quarterback T.J. Yates was 7 of 16 for 83 yards and a touchdown.",
    "9/11 changed everything for the city and its people.",
    "Photos: North Korea launches rocket The rocket blasted off at 9 a.m. Hide Caption 1 of 8",
    "The agency's figures were published on Monday (AP).",
    "The storm killed 12 people, officials said. (Reuters)",
    "Shares in Evergreen fell 4% on Wednesday.",
    "The post got 1,200 views before it was deleted, police said.",
    "Views differ on whether the plan will work.",
    "Email remains the main way the council contacts residents.",
    "Print circulation fell by a third last year.",
    "Twitter said it would review the policy.",
    "Getty Images declined to comment.",
    "Reuters reported the figure on Tuesday.",
    "Reuters Institute research found that trust in news fell again this year.",
    "AFP Chief Executive Fabrice Fries said the agreement was fair.",
    "EPA Administrator Scott Pruitt announced the rule on Tuesday.",
    "Credit, however, goes to the volunteers.",
    "Credit card spending rose 3% in March.",
    "Residents can leave a comment on the plan until May.",
    "Advertisement revenue fell 12% in the quarter.",
    "Subscribers to the newsletter complained about the change.",
    "Related reports are expected next week.",
    "Read more about the plan on the council's website.",
    "Also read: the minister's statement, which was published on Friday.",
    "Image rights are a growing problem for small publishers.",
    "The regulator said websites that use cookies must ask first.",
    "Location matters more than price, agents say.",
    "(c) The council must publish its accounts.",
    "The meeting lasted 5 minutes.",
    "By Jane Doe",
    "By Jane Doe | 3 March 2024",
    "Posted on March 3, 2024 by Maggie Ellis",
    "World",
    "1,284",
    '"Share it with everyone," she said.',
    "Click here to read the full report.",
    "Home prices rose 5% in March.",
    "Next year, the council will vote again.",
    "Reply to the letter was expected by Monday.",
    "Sponsored by the Arts Council, the festival runs until May.",
    "Joined by her husband, the mayor cut the ribbon.",
    "Posted in 2019, the video has been viewed 3 million times.",
    "The vote - which was close - passed.",
    "LONDON (Reuters) - The ship was freed on Monday.",
    "More than 300 ships were waiting.",
    "X, formerly Twitter, said it would comply.",
    "12 comments were received during the consultation.",
    "Related to the case, two men were arrested.",
    "Copyright law changed in 2019.",
    "Sign up for the Environment Agency's free flood alerts at gov.uk.",
    "Read more: the full statement is below.",
    "Photos by residents show the flooding in the street.",
    "Reporters said the story was distributed by hand to residents on Monday.",
    "The minister said the report contributed to the decision.",
    "Police said the man was writing by hand when he was arrested.",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_single_line_is_kept(line: str) -> None:
    cleaned, removed = strip_boilerplate(line)
    assert (cleaned, removed) == (line, ())


def test_reasons_are_the_documented_set() -> None:
    used = {reason for _, reason in REMOVED_LINES}
    for page in PAGES:
        used |= {reason for _, reason in page.boilerplate}
    assert used == set(REASONS)


_SAMPLE_LINES = [line for line, _ in REMOVED_LINES] + KEPT_LINES + ["", "   ", "Mayor resigns"]
_LINES = st.lists(st.one_of(st.sampled_from(_SAMPLE_LINES), st.text(max_size=40)), max_size=25).map(
    "\n".join
)


@settings(database=None, max_examples=300)
@given(st.one_of(_LINES, st.text()))
def test_nothing_vanishes_silently(text: str) -> None:
    cleaned, removed = strip_boilerplate(text)
    input_lines = text.splitlines()
    output_lines = cleaned.splitlines()
    for line in output_lines:
        assert line == "" or line in input_lines
    assert "\n\n\n" not in cleaned
    assert not output_lines or (output_lines[0] and output_lines[-1])
    kept = Counter(line.strip() for line in output_lines if line.strip())
    gone = Counter(removal.text for removal in removed)
    assert kept + gone == Counter(line.strip() for line in input_lines if line.strip())
    assert {removal.reason for removal in removed} <= set(REASONS)


def test_numbered_slides_of_one_gallery_are_removed_and_a_thread_of_posts_kept() -> None:
    text = (
        "12/34 19 November 2017 Grigor Dimitrov reacts to winning the final\n"
        "The council met on Monday to discuss the budget for next year.\n"
        "13/34 18 November 2017 Theresa May chats with a resident in London\n"
        "1/2 Today we handed 21 of the girls to the government authorities.\n"
        "2/2 They are now in the care of the health ministry."
    )
    cleaned, removed = strip_boilerplate(text)
    assert [r.reason for r in removed] == ["image-caption", "image-caption"]
    assert cleaned.splitlines() == [
        "The council met on Monday to discuss the budget for next year.",
        "1/2 Today we handed 21 of the girls to the government authorities.",
        "2/2 They are now in the care of the health ministry.",
    ]
