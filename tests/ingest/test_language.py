"""Only English articles are read; other languages are reported by name."""

import pytest
from ingest_helpers import read_one

from kg.ingest.language import (
    JUDGED_CHARS,
    MIN_LETTERS,
    SAMPLE_CHARS,
    detect_language,
    main_script,
)
from kg.model import Article, SourceError

NOT_ENGLISH = [
    (
        "German",
        "Regierung beschließt neues Klimagesetz\n"
        "Die Bundesregierung hat am Mittwoch ein neues Klimaschutzgesetz beschlossen, das die "
        "Emissionen im Verkehr bis zum Jahr 2030 deutlich senken soll. Der Minister sagte, "
        "die Maßnahmen seien notwendig und würden von der Mehrheit der Bürger unterstützt.\n",
    ),
    (
        "French",
        "Le gouvernement adopte une nouvelle loi sur le climat\n"
        "Le gouvernement a adopté mercredi une nouvelle loi sur le climat qui doit réduire "
        "fortement les émissions des transports d'ici à 2030. Le ministre a déclaré que ces "
        "mesures étaient nécessaires et soutenues par la majorité des citoyens.\n",
    ),
    (
        "Spanish",
        "El Gobierno aprueba una nueva ley del clima\n"
        "El Gobierno aprobó el miércoles una nueva ley del clima que debe reducir con fuerza "
        "las emisiones del transporte antes de 2030. El ministro dijo que las medidas eran "
        "necesarias y que contaban con el apoyo de la mayoría de los ciudadanos.\n",
    ),
]


@pytest.mark.parametrize(("language", "text"), NOT_ENGLISH, ids=[n for n, _ in NOT_ENGLISH])
def test_non_english_is_reported_with_the_language(write, language, text):
    error = read_one(write("foreign.txt", text))
    assert isinstance(error, SourceError)
    assert error.code == "KG-IN-008"
    assert language in error.message
    assert error.source == "foreign.txt"


def test_english_is_read_and_marked(write):
    article = read_one(
        write(
            "en.txt",
            "Government passes new climate law\n"
            "The government on Wednesday passed a new climate law meant to cut transport "
            "emissions sharply by 2030. The minister said the measures were necessary and "
            "were backed by a majority of citizens.\n",
        )
    )
    assert isinstance(article, Article)
    assert article.language == "en"


def test_short_text_that_cannot_be_judged_is_kept(write):
    article = read_one(write("short.txt", "Der Minister sagte nein.\n"))
    assert isinstance(article, Article)
    assert article.language is None


def test_english_article_quoting_another_language_is_kept(write):
    article = read_one(
        write(
            "quote.txt",
            "Protesters in Berlin chanted slogans outside the parliament on Saturday, "
            "demanding lower energy prices and more support for families. Police said about "
            "ten thousand people took part in the march, which ended peacefully in the evening. "
            'Some carried banners reading "Wir sind das Volk" as they walked.\n',
        )
    )
    assert isinstance(article, Article)


GERMAN = NOT_ENGLISH[0][1]


def _first_letters(text: str, letters: int) -> str:
    """The start of ``text`` that holds exactly ``letters`` letters."""
    seen = 0
    for end, char in enumerate(text):
        seen += char.isalpha()
        if seen == letters:
            return text[: end + 1]
    raise ValueError("text too short")


@pytest.mark.parametrize(("letters", "judged"), [(MIN_LETTERS - 1, False), (MIN_LETTERS, True)])
def test_a_text_is_judged_from_min_letters_on(letters, judged):
    code, _ = detect_language(_first_letters(GERMAN, letters) + " 1234 ...")
    assert (code is not None) == judged


@pytest.mark.parametrize("blank", ["", " " * JUDGED_CHARS, (" " * 79 + "\n") * 30])
def test_blanked_boilerplate_before_the_body_does_not_hide_it(blank):
    # Boilerplate reaches lingua as blank space; only the body's characters
    # count towards the judged length.
    assert detect_language(blank + GERMAN) == ("de", "German")


def test_only_the_start_of_a_long_body_is_judged():
    english = "The minister said the measures were necessary and were backed by most citizens. "
    text = english * (JUDGED_CHARS // len(english) + 1) + GERMAN * 5
    assert len(text) < SAMPLE_CHARS
    assert detect_language(text) == ("en", "English")


# lingua knows only the listed languages; on these scripts it used to answer English.
OTHER_SCRIPTS = [
    (
        "Sinhala",
        "ශ්‍රී ලංකාව දකුණු ආසියාවේ පිහිටි දිවයිනකි. රජය අද නව නීතියක් සම්මත කළේය. "
        "ඇමතිවරයා පැවසුවේ මෙම පියවර අවශ්‍ය බවයි.\n" * 4,
    ),
    ("Tibetan", "བོད་ཀྱི་རྒྱལ་ཁབ་ནི་ཨེ་ཤ་ཡའི་ནང་ཡོད། གཞུང་གིས་དེ་རིང་ཁྲིམས་གསར་པ་ཞིག་བཏོན།\n" * 5),
    (
        "Hangul",
        "정부는 수요일 새로운 기후법을 통과시켰다. 장관은 이 조치가 필요하다고 말했다.\n" * 5,
    ),
    (
        "Devanagari",
        "सरकार ने बुधवार को एक नया जलवायु कानून पारित किया। मंत्री ने कहा कि ये उपाय आवश्यक थे।\n" * 4,
    ),
]


@pytest.mark.parametrize(("script", "text"), OTHER_SCRIPTS, ids=[n for n, _ in OTHER_SCRIPTS])
def test_a_script_no_listed_language_uses_is_reported_not_read_as_english(write, script, text):
    assert detect_language(text)[0] != "en"
    error = read_one(write("foreign.txt", text))
    assert isinstance(error, SourceError)
    assert error.code == "KG-IN-008"
    assert f"{script} script" in error.message


def test_english_with_accented_names_and_a_foreign_quote_is_english():
    text = (
        "Café owners in Zürich and émigrés from Łódź met the mayor on Friday to discuss rents. "
        'One of them held a sign reading "Мы здесь живём" and said the rules were unfair. '
    ) * 3
    assert detect_language(text) == ("en", "English")


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Nguyễn Phú Trọng đã gặp Thủ tướng ở Hà Nội vào thứ Hai", "Latin"),  # few ASCII letters
        ("𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆 ＮＥＷＳ from the capital", "Latin"),  # styled letters
        ("Hawaiʻi ʻōlelo ʻāina " * 3, "Latin"),  # modifier letters do not count
        ("Καλημέρα σας, είπε ο υπουργός.", "Greek"),
        ("정부는 새로운 법을 통과시켰다", "Hangul"),
    ],
)
def test_main_script(text, script):
    assert main_script(text) == script


def test_english_opening_with_a_long_quote_in_another_script_is_english():
    quote = "«Δεν πληρώνουμε, δεν πληρώνουμε για την κρίση σας» "
    text = (
        "Protesters in Athens chanted " + quote * 6 + "as they marched on parliament. "
        "The crowd shouted slogans against the new austerity measures, and police said "
        "about twenty thousand people took part in the march, which ended peacefully. "
        "Union leaders said further strikes were planned for the coming weeks. "
    )
    assert detect_language(text) == ("en", "English")
