"""Quotes: sentence -> quoted words, speaker, intermediary and event."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_article, extract_articles
from kg.extract.quotes import extract_quotes, quote_spans
from kg.ingest import read_articles
from kg.model import Article, ArticleExtraction, Quote, Span

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def extract(text: str) -> ArticleExtraction:
    return extract_article(Article(id="t", source="t", text=text, content=[Span(0, len(text))]))


def name(ex: ArticleExtraction, key: str | None) -> str | None:
    return ex.entity(key).name if key else None


def summary(ex: ArticleExtraction) -> list[tuple[str, str | None, str | None]]:
    """(text, speaker, intermediary) of every quote, by name."""
    return [(q.text, name(ex, q.speaker), name(ex, q.intermediary)) for q in ex.quotes]


# --- attribution patterns ---------------------------------------------------------------

ATTRIBUTION_CASES = [
    # X said, after the quote
    (
        "“We will never give up,” Ukrainian President Volodymyr Zelensky said.",
        ("We will never give up", "Volodymyr Zelensky", None),
    ),
    # said X
    (
        "“The deal is done,” said Tesla chief Elon Musk.",
        ("The deal is done", "Elon Musk", None),
    ),
    # X said: before the quote
    (
        "German Chancellor Angela Merkel said: “We can do this.”",
        ("We can do this.", "Angela Merkel", None),
    ),
    # X told Y
    (
        "“As far as we know, they haven’t crossed that line yet,” Antony Blinken told NBC.",
        ("As far as we know, they haven’t crossed that line yet", "Antony Blinken", None),
    ),
    # X added
    (
        "“Prices will fall next year,” Federal Reserve chair Jerome Powell added.",
        ("Prices will fall next year", "Jerome Powell", None),
    ),
    # X said in a statement
    (
        "Sergei Lavrov said in a statement: “Talks are still possible.”",
        ("Talks are still possible.", "Sergei Lavrov", None),
    ),
    # according to an agency: the intermediary
    (
        "“Cooperation is developing well,” Vladimir Putin said, according to TASS.",
        ("Cooperation is developing well", "Vladimir Putin", "TASS"),
    ),
    (
        "“Cooperation is developing well,” Vladimir Putin said in a statement "
        "released by the Kremlin.",
        ("Cooperation is developing well", "Vladimir Putin", "Kremlin"),
    ),
    # according to a person: the speaker
    (
        "According to Li Shangfu, cooperation “is developing very well, which has a great impact.”",
        ("is developing very well, which has a great impact.", "Li Shangfu", None),
    ),
    # a quote spanning sentences
    (
        "“We have very strong ties. They surpass the alliances of the Cold War. "
        "They are very stable,” Li Shangfu said in remarks broadcast on TV.",
        (
            "We have very strong ties. They surpass the alliances of the Cold War. "
            "They are very stable",
            "Li Shangfu",
            None,
        ),
    ),
    # partial quotes inside the sentence
    (
        "Li Shangfu said that he “specifically chose Russia” for his first trip.",
        ("specifically chose Russia", "Li Shangfu", None),
    ),
    (
        "French President Emmanuel Macron called the decision “unacceptable”.",
        ("unacceptable", "Emmanuel Macron", None),
    ),
    # straight quotes and guillemets
    (
        '"We are ready to talk," British Prime Minister Rishi Sunak said.',
        ("We are ready to talk", "Rishi Sunak", None),
    ),
    (
        "Olaf Scholz said: «Wir schaffen das nicht allein».",
        ("Wir schaffen das nicht allein", "Olaf Scholz", None),
    ),
    # business, sport, courts, science
    (
        "“We are thrilled to welcome Activision,” Microsoft chief executive Satya Nadella said.",
        ("We are thrilled to welcome Activision", "Satya Nadella", None),
    ),
    (
        "“I am proud to join this club,” Enzo Fernandez said after signing for Chelsea.",
        ("I am proud to join this club", "Enzo Fernandez", None),
    ),
    (
        "“The verdict is a travesty of justice,” said defence lawyer Mark Geragos.",
        ("The verdict is a travesty of justice", "Mark Geragos", None),
    ),
    (
        "“The results are very promising,” NASA astronomer Jane Rigby told reporters.",
        ("The results are very promising", "Jane Rigby", None),
    ),
    # a few words are said when a reported clause predicates them
    (
        "Chelsea FC manager Tom Barker said he was sorry to lose the player but that "
        "the fee was “fair to everyone”.",
        ("fair to everyone", "Tom Barker", None),
    ),
    # a quoting verb the parser joined to the reported clause: who reports it speaks
    (
        'Henrik Aas denied that staff were paid less and called the demands "unaffordable '
        'in this market".',
        ("unaffordable in this market", "Henrik Aas", None),
    ),
    # the person in apposition to a misparsed "X's principal" speaks, not X
    (
        "The University of Dundee's principal, Professor Anand Raghunathan, said the change "
        'was needed to protect "the long-term solvency of the institution".',
        ("the long-term solvency of the institution", "Anand Raghunathan", None),
    ),
    # an abbreviated rank (honorifics.csv) ends no sentence
    (
        '"This was no error," Supt. Karen Doucette, who heads the unit, told reporters.',
        ("This was no error", "Karen Doucette", None),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), ATTRIBUTION_CASES, ids=[c[0][:40] for c in ATTRIBUTION_CASES]
)
def test_attribution(text: str, expected: tuple) -> None:
    ex = extract(text)
    assert summary(ex) == [expected]
    (quote,) = ex.quotes
    assert text[quote.start : quote.end] == quote.text
    assert (
        quote.evidence is not None
        and quote.evidence.extractor == f"quotes/{extract_quotes.version}"
    )


# --- pronouns and roles: the speaker is in an earlier sentence ---------------------


PRONOUN_CASES = [
    # "he" is the person the text is about (the subject), not the nearest name
    (
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday. "
        "“Europe must stand together,” he said.",
        "Emmanuel Macron",
    ),
    (
        "Chinese Defense Minister Li Shangfu hailed ties during a meeting with Vladimir Putin. "
        "“We have very strong ties,” he said.",
        "Li Shangfu",
    ),
    # a role nominal: the holder of the role
    (
        "Russian President Vladimir Putin met Chinese Defence Minister Li Shangfu. "
        "“This is another crucial area,” the Russian president said.",
        "Vladimir Putin",
    ),
    (
        "NATO chief Jens Stoltenberg was blunt. "
        "“We will not back down,” the secretary general said.",
        "Jens Stoltenberg",
    ),
    # the attribution after a quote that ends its own sentences
    (
        "“We will win. Russia will lose.” Ukrainian President Volodymyr Zelensky said on Monday.",
        "Volodymyr Zelensky",
    ),
    (
        "Russian President Vladimir Putin met Chinese Defence Minister Li Shangfu. "
        "The defence minister said Beijing was ready “to further strengthen communication”.",
        "Li Shangfu",
    ),
    # "she" of a main clause goes on with the person before it, past a name met in passing
    (
        "Senator Ada Brooks lost the primary on Tuesday. “The voters have spoken,” she said "
        "after a call with Governor Mark Lee. “I will keep fighting,” she added later.",
        "Ada Brooks",
    ),
    # "the company": the organisation the text is about
    (
        "Brightwave Inc. reported higher sales on Monday. “Demand is strong in every region,” "
        "the company said.",
        "Brightwave Inc.",
    ),
]


@pytest.mark.parametrize(
    ("text", "speaker"), PRONOUN_CASES, ids=[c[1] + c[0][-30:] for c in PRONOUN_CASES]
)
def test_speaker_from_context(text: str, speaker: str) -> None:
    ex = extract(text)
    assert ex.quotes
    assert {name(ex, q.speaker) for q in ex.quotes} == {speaker}


def test_a_quote_running_on_keeps_its_speaker() -> None:
    ex = extract("“We will respond,” Joe Biden said. “Nobody should doubt our resolve.”")
    assert summary(ex) == [
        ("We will respond", "Joe Biden", None),
        ("Nobody should doubt our resolve.", "Joe Biden", None),
    ]


def test_a_quote_of_two_sentences_is_said_by_the_verb_after_it() -> None:
    """The closing mark is the only one in the second sentence: the verb is not quoted."""
    ex = extract(
        "Maria Teresa Dela Cruz-Santiago arrived in Hanoi on Wednesday.\n\n"
        '"Our two countries have more in common at sea than what divides us. This hotline '
        "means that when something happens, our commanders will call each other first, not "
        'read about it in the news," Dela Cruz-Santiago told reporters after the signing.'
    )
    (quote,) = ex.quotes
    assert name(ex, quote.speaker) == "Maria Teresa Dela Cruz-Santiago"
    assert quote.text.startswith("Our two countries")


def test_apostrophes_do_not_hide_the_speech_verb() -> None:
    ex = extract(
        "Here is the news.\n\n\u201cWe played badly. It hurts.\u201d The '90s star Ryan Giggs "
        "said his players' confidence was low."
    )
    assert [name(ex, q.speaker) for q in ex.quotes] == ["Ryan Giggs"]


def test_a_surname_of_two_words_speaks() -> None:
    ex = extract(
        "MSD's chief executive, Rodrigo Albuquerque Neto, denied the allegation. "
        '"We have always acted within the licences we were given," Albuquerque Neto told '
        "reporters."
    )
    (quote,) = ex.quotes
    assert name(ex, quote.speaker) == "Rodrigo Albuquerque Neto"


def test_an_unattributed_quote_after_other_text_is_not_read() -> None:
    ex = extract(
        "“We will respond,” Joe Biden said. The White House gave no details. "
        "“Nobody should doubt our resolve.”"
    )
    assert [q.text for q in ex.quotes] == ["We will respond"]


# --- scare quotes and other quotation marks that are not quotes -------------------

NOT_QUOTES = [
    "Russia and China declared a “no-limits” partnership in February.",
    'The Moscow Times has been branded a "foreign agent" by the Russian government.',
    "China Minister Hails 'Strong' Russia Ties in Putin Meeting",
    "Xi Jinping’s ‘new era’ of bilateral cooperation began in March.",
    # in a reported clause, but qualifying a noun, not what the clause says
    "Analysts said the “zero-tariff” deal was fragile.",
    # a quote left open runs into the next paragraph: not read as a quote here
    "“Who is calling for peace talks? The world can see for itself.\n\nNewsweek contacted them.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_not_a_quote(text: str) -> None:
    assert extract(text).quotes == []


def test_apostrophes_are_not_quotes() -> None:
    text = "Li’s trip to Russia’s capital and the countries’ ties: 'we' is not quoted."
    assert [text[s:e] for s, e in quote_spans(text)] == ["we"]


# --- the event a quote belongs to -----------------------------------------------------


def _event_of(ex: ArticleExtraction, quote: Quote):
    return next(e for e in ex.events if e.key == quote.event)


def test_quote_said_during_a_meeting_belongs_to_the_meeting() -> None:
    ex = extract(
        "Vladimir Putin met Li Shangfu in Moscow on Sunday. "
        "“We regularly exchange useful information,” Putin said in comments opening the meeting."
    )
    (quote,) = ex.quotes
    meeting = _event_of(ex, quote)
    assert meeting.kind == "Meeting"
    assert name(ex, meeting.agent) == "Vladimir Putin"


def test_quote_belongs_to_its_statement() -> None:
    ex = extract("“Prices will fall next year,” Federal Reserve chair Jerome Powell said.")
    (quote,) = ex.quotes
    statement = _event_of(ex, quote)
    assert statement.kind == "Statement"
    assert statement.agent == quote.speaker
    assert statement.trigger.text == "said"


def test_no_said_claims_are_made_for_quotes() -> None:
    ex = extract("“Prices will fall next year,” Federal Reserve chair Jerome Powell said.")
    assert not [c for c in ex.claims if c.predicate == "said"]


# --- golden: the seed articles -----------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, ArticleExtraction]:
    articles = [a for a in read_articles([SOURCES]) if isinstance(a, Article)]
    return {ex.article.id[:3]: ex for ex in extract_articles(articles)}


def _speaker_of(ex: ArticleExtraction, words: str) -> str | None:
    (quote,) = [q for q in ex.quotes if words in q.text]
    return name(ex, quote.speaker)


@pytest.mark.parametrize("seed", ["001", "004"])
def test_seed_quotes_by_putin_and_li(seeds: dict[str, ArticleExtraction], seed: str) -> None:
    ex = seeds[seed]
    for quote in ex.quotes:
        assert ex.article.text[quote.start : quote.end] == quote.text
    assert _speaker_of(ex, "joint exercises") == "Vladimir Putin"
    assert _speaker_of(ex, "strategic nature of our relations") == "Vladimir Putin"  # "he added"
    assert _speaker_of(ex, "We have very strong ties") == "Li Shangfu"  # "he said"
    assert _speaker_of(ex, "already entered a new era") == "Li Shangfu"  # "He added"
    assert _speaker_of(ex, "my first overseas visit") == "Li Shangfu"


def test_seed_001_quote_at_the_meeting(seeds: dict[str, ArticleExtraction]) -> None:
    ex = seeds["001"]
    (quote,) = [q for q in ex.quotes if "joint exercises" in q.text]
    assert _event_of(ex, quote).kind == "Meeting"
    assert not [q for q in ex.quotes if q.text == "no-limits"]


def test_seed_002_tass_is_the_intermediary(seeds: dict[str, ArticleExtraction]) -> None:
    ex = seeds["002"]
    (quote,) = [q for q in ex.quotes if "another major area" in q.text]
    assert (name(ex, quote.speaker), name(ex, quote.intermediary)) == ("Vladimir Putin", "TASS")
    assert _speaker_of(ex, "they haven’t crossed that line") == "Antony Blinken"
