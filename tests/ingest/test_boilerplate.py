"""Boilerplate removal judged by outcome: junk out of the content, body sentences in."""

import pytest
from ingest_helpers import SAMPLES, SEEDS, read_one

from kg.settings import Settings

HEADLINE = "Harbour authority approves new ferry terminal"
LEAD = "The harbour authority of the port city approved a new ferry terminal on Tuesday."
BODY = [
    "The terminal will handle up to two million passengers a year, the authority said.",
    "Construction is expected to begin in the spring and to take three years.",
    "Local businesses welcomed the decision, saying it would bring more visitors.",
    "Environmental groups said they would study the plans before taking a position.",
]

JUNK_LINES = [
    "Skip to main content",
    "Edit post",
    "Advertisement",
    "Story continues below advertisement",
    "This audio is created with AI assistance",
    "Listen to this article",
    "3 min read",
    "Updated 2 hours ago",
    "Enter your email to subscribe",
    "* indicates required",
    "Subscribe",
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST",
    "Get the featured stories in your email and don't miss out on important news.",
    "Thank you for signing up for this newsletter. We’ve sent you a confirmation email.",
    "Support us",
    "Your support, no matter how small, makes a world of difference.",
    "If you can, please support us monthly starting from just $2.",
    "We need your help to keep providing you with the truth.",
    "… we have a small favor to ask.",
    "Not ready to support today?",
    "Remind me later.",
    "We use cookies to improve your experience on our site.",
    "Accept all",
    "Share",
    "Facebook Twitter Email",
    "Copy Link copied",
    "Follow us on Telegram",
    "Save articles to read later and create your own reading list.",
    "Russian officials meet at the Kremlin. (Photo by Jane Roe/AGENCY/AFP via Getty Images)",
    "Officials meet at the Kremlin. Pavel Ivanov/POOL/TASS",
    "Photo by ALEXEY IVANOV/SPUTNIK/AFP via Getty Images",
    "Image source, Getty Images",
    "Pictured: the two ministers shake hands after the signing. Photograph: Jane Roe",
    "The mayor at the quay on Monday. Photograph: Tom Hale",
    "Reporting by Jane Doe; Editing by John Roe",
    "Written by Jane Doe; edited by John Roe.",
    "Associated Press writer Tom Roe contributed to this report.",
    "Associated Press writer Tom Roe contributed from Cape Town.",
    "Reuters reporters Ana Ruiz and Tom Roe contributed reporting.",
    "— With files from Mia Sorensen in Ottawa",
    "This report by The Canadian Press was first published Nov. 7, 2025.",
    "Read more exclusive news from Harbour Weekly.",
    "© 2024 The Harbour Gazette",
]


@pytest.mark.parametrize("junk", JUNK_LINES)
def test_junk_line_inside_the_body_is_removed(write, junk):
    text = "\n".join([HEADLINE, LEAD, BODY[0], BODY[1], junk, BODY[2], BODY[3]]) + "\n"
    article = read_one(write("a.txt", text))
    content = article.content_text()
    assert junk not in content
    for sentence in [LEAD, *BODY]:
        assert sentence in content
    assert article.title == HEADLINE


KEEP_LINES = [
    "Reporters who covered the strike said the union contributed to the relief fund.",
    "More than 100 people attended the public meeting on Monday.",
    "The report was first published in 2019 and revised twice since.",
    "I agree.",
    "A gunshot is 140 dB.",
    "Subscriptions to the ferry service rose by 10 percent last year, the company said.",
    "The mayor said the city would support the project with 5 million euros.",
    "Photos of the site show cranes already standing on the quay.",
    "The photograph: a crane on the quay, taken on Monday, was shared widely online.",
    '"Please help us finish the work on time," the builder said.',
    "By Sunday evening, the divers had inspected the whole quay.",
    "Share prices of the ferry operator rose 3 percent after the announcement.",
    "Related talks between the two cities will continue in June.",
]


@pytest.mark.parametrize("sentence", KEEP_LINES)
def test_body_sentence_that_looks_like_junk_is_kept(write, sentence):
    text = "\n".join([HEADLINE, LEAD, BODY[0], sentence, BODY[1], BODY[2]]) + "\n"
    assert sentence in read_one(write("a.txt", text)).content_text()


def test_trailing_teasers_and_forms_are_cut(write):
    tail = [
        "Explainer: What we learned from the port audit and why it matters",
        "A major audit exposed very detailed reports about the port and its finances. The "
        "documents detail the strength of the authority's budget, the auditors' doubt that it",
        "News Feed",
        "12:59 AM",
        "Council extends harbour master's contract, starts review after merger plan.",
        "The contract extension comes after the mayor walked back plans to merge two agencies.",
        "MORE NEWS",
        "Editors' Picks",
        "Enter your email to subscribe",
        "Subscribe",
    ]
    text = "\n\n".join([HEADLINE, LEAD, *BODY, *tail]) + "\n"
    content = read_one(write("a.txt", text)).content_text()
    assert BODY[-1] in content
    for line in tail:
        assert line not in content


def test_newsletter_prompt_mid_article_does_not_cut_the_rest(write):
    text = "\n".join(
        [HEADLINE, LEAD, BODY[0], "Sign up for our free daily newsletter", BODY[1], BODY[2]]
    )
    content = read_one(write("a.txt", text)).content_text()
    assert BODY[1] in content and BODY[2] in content


def test_chrome_before_the_headline_is_removed(write):
    # a tagline is told from the headline by the menu between them
    chrome = ["Skip to content", "Exclusive news and analytics", "Home", "World", "Business"]
    text = "\n".join([*chrome, HEADLINE, "By Jane Doe, Reuters", LEAD, *BODY])
    article = read_one(write("a.txt", text))
    content = article.content_text()
    assert article.title == HEADLINE
    assert HEADLINE in content and LEAD in content
    for line in chrome:
        assert line not in content


# Outlet-style samples and the seeds: (file, must be in content, must not be in content)
SAMPLE_CASES = [
    (
        SAMPLES / "reuters_style.txt",
        ["Norway and Sweden agreed on Friday", "Swedish officials said"],
        ["OSLO (Reuters)", "Exclusive news", "Reporting by", "Our Standards", "Danish shipping"],
    ),
    (
        SAMPLES / "ap_style.txt",
        ["Kenya on Tuesday switched on", "The plant joins a wind farm"],
        ["(AP)", "Copy Link", "contributed to this report", "Copyright"],
    ),
    (
        SAMPLES / "bbc_style.txt",
        ["Eleven miners trapped", "stricter safety inspections"],
        ["Image caption", "Related Topics", "Chile copper output", "2 hours ago", "Sport"],
    ),
    (
        SAMPLES / "guardian_style.txt",
        ["has approved a plan", "Local campaigner Ewan Scott", "Work on the platform"],
        ["Sign up to First Edition", "Privacy Notice", "Explore more", "Reuse this content"],
    ),
    (
        SAMPLES / "cnn_style.txt",
        ["Power demand in Texas hit a record", "Officials urged residents"],
        ["Ad Feedback", "Link Copied", "Wonder Theory", "Texas grid faces summer test"],
    ),
    (
        SAMPLES / "aljazeera_style.txt",
        ["Indonesian authorities have evacuated", "alert level had been raised"],
        ["Save articles", "Source: Al Jazeera", "Follow Al Jazeera"],
    ),
    (
        SEEDS / "000_41e260f258fe7aae.txt",
        [
            "Chinese defense minister meets Putin, discusses military cooperation",
            "Li Shangfu, China’s newly appointed defense minister, visited Russia",
            "Xi said during his official visit to Moscow.",
        ],
        [
            "Skip to content",
            "Edit post",
            "Kyiv Independent",
            "April 16, 2023",
            "Photo by",
            "This audio",
            "Explainer:",
            "A major U.S. intelligence leak",
            "News Feed",
            "Umerov",
            "Subscribe",
            "indicates required",
            "Kate Tsurkan",
        ],
    ),
    (
        SEEDS / "002_9cb3a3a476cb5320.txt",
        ["hailed military cooperation", "Shangfu is meeting with his Russian counterpart"],
        ["date 2023-04-17", "Photo by ALEXEY"],
    ),
    (
        SEEDS / "003_2347d90c159e7821.txt",
        [
            "Putin Meets with China’s Defense Minister in Moscow",
            "Russian President Vladimir Putin met",
        ],
        [
            "April 17, 2023",
            "AAA predicts busiest ever holiday travel season",
            "Read more exclusive",
        ],
    ),
    (
        SEEDS / "004_e869fc6e6f77816a.txt",
        ["China Minister Hails 'Strong' Russia Ties", "claims China denied."],
        [
            "ad-free",
            "Support us",
            "Pavel Bednyakov/POOL/TASS",
            "small favor to ask",
            "The Moscow Times",
            "please support us monthly",
            "Remind me later",
            "Read more",
        ],
    ),
]


@pytest.mark.parametrize(
    ("path", "kept", "removed"), SAMPLE_CASES, ids=[c[0].stem for c in SAMPLE_CASES]
)
def test_samples(path, kept, removed):
    content = read_one(path).content_text()
    for text in kept:
        assert text in content
    for text in removed:
        assert text not in content


def test_seed_001_is_all_body():
    article = read_one(SEEDS / "001_976baa7e37e5746f.txt")
    lines = [line.strip() for line in article.text.splitlines() if line.strip()]
    content = article.content_text()
    assert all(line in content for line in lines)


def test_user_pattern_file_extends_the_shipped_patterns(write, tmp_path):
    promo = "Download the Harbour Weekly podcast wherever you listen."
    text = "\n".join([HEADLINE, LEAD, BODY[0], promo, BODY[1], BODY[2]])
    path = write("a.txt", text)
    assert promo in read_one(path).content_text()
    extra = tmp_path / "my-patterns.txt"
    extra.write_text("[junk]\n\\bwherever you listen\\b\n", encoding="utf-8")
    settings = Settings(extras={"ingest_patterns": [str(extra)]})
    content = read_one(path, settings).content_text()
    assert promo not in content and BODY[1] in content


WRAPPED = """Harbour bridge to close for repairs

June 2, 2024

The city council voted on Monday to close the old harbour bridge for six months
so that engineers can replace its corroded steel cables, a job the council says
has been put off for more than a decade.
Mayor Ana Ruiz said the closure would start in September and that ferries would
run every ten minutes while the bridge is shut.

Sign up for our morning newsletter

"We cannot wait any longer," Ruiz told reporters.
"""


def test_hard_wrapped_paragraphs_are_kept_whole(write):
    article = read_one(write("wrapped.txt", WRAPPED))
    content = article.content_text()
    for fragment in (
        "The city council voted on Monday to close the old harbour bridge for six months",
        "so that engineers can replace its corroded steel cables, a job the council says",
        "has been put off for more than a decade.",
        "Mayor Ana Ruiz said the closure would start in September and that ferries would",
        "run every ten minutes while the bridge is shut.",
        '"We cannot wait any longer," Ruiz told reporters.',
    ):
        assert fragment in content
    assert "Sign up for our morning newsletter" not in content
    assert article.title == "Harbour bridge to close for repairs"


LONG_HEADLINE = (
    "Harbourside ferry operator to cut 300 jobs as fuel costs rise, denies plan to sell fleet\n"
    + """
By Mara Quist, Business Reporter
June 4, 2024

Harbourside Ferries said on Tuesday it would cut 300 jobs over the next year as fuel costs rise.
The company denied reports that it planned to sell its fleet.
"""
)


def test_a_long_headline_above_the_byline_is_the_headline(write):
    # Fifteen words without a full stop would read as a cut-off teaser anywhere else.
    article = read_one(write("long.txt", LONG_HEADLINE))
    assert article.title.startswith("Harbourside ferry operator to cut 300 jobs")
    assert article.title in article.content_text()


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("TORONTO — ", "TORONTO"),
        ("NYON, Switzerland — ", "NYON, Switzerland"),
        ("HASTINGS, Neb. — ", "HASTINGS, Neb."),
        ("KULIM: ", "KULIM"),
        ("HANOI -- ", "HANOI"),
        ("OSLO/BERGEN – ", "OSLO/BERGEN"),
        ("MOSCOW (Reuters) - ", "MOSCOW"),
        ("ANTWERP, Belgium, March 6 (Reuters) - ", "ANTWERP, Belgium"),
        ("LONDON, April 16 (Reuters) - ", "LONDON"),
        ("AMSTERDAM (dpa-AFX) - ", "AMSTERDAM"),
        ("Chingola (Zambia) (AFP) - ", "Chingola"),
        # capitals beyond A-Z
        ("WROCŁAW, Poland — ", "WROCŁAW, Poland"),
        ("ÎLE-DE-FRANCE (AFP) - ", "ÎLE-DE-FRANCE"),
        ("ΑΘΗΝΑ — ", "ΑΘΗΝΑ"),
        ("HÀ NỘI — ", "HÀ NỘI"),
    ],
)
def test_the_leads_dateline_is_a_place_of_its_own(write, opening, place):
    """The place stays in the body as a paragraph of its own, where the parser
    cannot take it for the subject of the lead; the agency and the dash go."""
    article = read_one(write("a.txt", "\n".join([HEADLINE, opening + LEAD, *BODY])))
    assert article.text[article.dateline.start : article.dateline.end] == place
    assert article.dateline in article.content
    lead = next(s for s in article.content if s.start > article.dateline.start)
    assert article.text[lead.start : lead.end] == LEAD
    assert opening.strip() not in article.content_text()


def test_a_dateline_may_follow_a_standfirst(write):
    standfirst = "The vote now goes to the city council, which meets again in May."
    text = "\n".join([HEADLINE, standfirst, "By Jane Doe", "", "WARSAW — " + LEAD, *BODY])
    article = read_one(write("a.txt", text))
    assert article.text[article.dateline.start : article.dateline.end] == "WARSAW"


@pytest.mark.parametrize(
    "paragraphs",
    [
        # capitals that name no place (data/metadata.txt, [not_place])
        [HEADLINE, "UPDATE — " + LEAD, *BODY],
        [HEADLINE, "CORRECTION: " + LEAD, *BODY],
        # a colon in a sentence, and a paragraph far below the lead
        [HEADLINE, "The authority said: " + LEAD, *BODY],
        [HEADLINE, LEAD, *BODY, "OSLO — " + BODY[0]],
    ],
)
def test_no_dateline(write, paragraphs):
    article = read_one(write("a.txt", "\n".join(paragraphs)))
    assert article.dateline is None
    assert paragraphs[1] in article.content_text()


@pytest.mark.parametrize("marker", ["Enditem", "(END)", "-- END --", "###"])
def test_an_end_marker_is_cut_off_the_last_paragraph(write, marker):
    last = "The terminal is due to open in 2027, the authority's chair said on Tuesday."
    article = read_one(write("a.txt", "\n".join([HEADLINE, LEAD, *BODY, f"{last} {marker}"])))
    assert last in article.content_text()
    assert marker not in article.content_text()
