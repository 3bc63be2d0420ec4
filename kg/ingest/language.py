"""Is the article in English?  kg's extractors only read English.

lingua judges the body text, among the languages of ``data/languages.txt``,
in its low-accuracy mode (trigram models only: fast to load, and reliable on
the paragraph-sized texts it is given).  Texts too short to judge are kept.

On a script none of the listed languages is written in (Hindi, Korean,
Sinhala), lingua's models have nothing to go on and give every language a
confidence of 0, so "English unless another language is clearly more
likely" answered English.  English is written in Latin letters: a text in
which they are a small minority is not English, and is reported with the
name of its script.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from importlib import resources

ENGLISH = "en"
# Fewer letters than this cannot be judged reliably: the text is kept.
MIN_LETTERS = 120
# Only the start of a long text is judged: it is enough, and it is faster.
# The sample is taken from the first SAMPLE_CHARS of the page (boilerplate
# blanked), and lingua reads at most JUDGED_CHARS of it once runs of
# whitespace are collapsed: its cost grows with the text, and a thousand
# characters of prose (about 170 words) leave no doubt about its language.
SAMPLE_CHARS = 3000
JUDGED_CHARS = 1000
# The top language must be this sure before an article is refused.
MIN_CONFIDENCE = 0.5
ENGLISH_SCRIPT = "Latin"
# At least this share of an English text's letters are Latin ones; less
# would take a long quote in another script, at the very start, to reach.
MIN_ENGLISH_SCRIPT_SHARE = 0.25
UNDETERMINED = "und"  # ISO 639-2: a language lingua cannot name


@functools.cache
def _detector():  # -> lingua.LanguageDetector
    from lingua import IsoCode639_1, LanguageDetectorBuilder  # slow import, used lazily

    listed = resources.files("kg.ingest").joinpath("data", "languages.txt").read_text("utf-8")
    codes = [line.strip() for line in listed.splitlines() if line.strip() and line[0] != "#"]
    isos = [IsoCode639_1.from_str(code) for code in codes]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_low_accuracy_mode().build()


def detect_language(text: str) -> tuple[str | None, str | None]:
    """``(iso_code, name)`` of the language of ``text``; ``(None, None)`` when too short.

    English is answered unless another language is clearly more likely.
    """
    # lingua splits words at whitespace, so collapsing it changes nothing
    # it sees; it only keeps blanked boilerplate out of the judged length.
    sample = " ".join(text[:SAMPLE_CHARS].split())[:JUDGED_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return None, None
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None, None
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    if code != ENGLISH and top.value >= MIN_CONFIDENCE:
        return code, top.language.name.title()
    script = main_script(text[:SAMPLE_CHARS])
    if script != ENGLISH_SCRIPT:
        return UNDETERMINED, f"a language written in {script} script"
    return ENGLISH, "English"


def main_script(text: str) -> str:
    """The script of ``text``'s letters: Latin unless they are a small minority.

    A letter's script is the first word of its Unicode name ("DEVANAGARI
    LETTER KA", "HANGUL SYLLABLE GA", "CJK UNIFIED IDEOGRAPH-4E2D").  Styled
    letters (mathematical bold, full width) count as the letters they style;
    modifier letters (the okina, apostrophe-like marks) do not count.
    """
    ascii_letters = sum(map(str.isalpha, text.encode("ascii", "ignore").decode("ascii")))
    if ascii_letters >= MIN_ENGLISH_SCRIPT_SHARE * sum(map(str.isalpha, text)):
        return ENGLISH_SCRIPT  # the usual case, told before normalising or naming letters
    text = unicodedata.normalize("NFKC", text)
    letters = [c for c in text if c.isalpha() and unicodedata.category(c) != "Lm"]
    scripts = Counter(map(_script, letters))
    if scripts[ENGLISH_SCRIPT] >= MIN_ENGLISH_SCRIPT_SHARE * len(letters):
        return ENGLISH_SCRIPT
    return max(scripts, key=lambda script: (scripts[script], script))


def _script(letter: str) -> str:
    if letter.isascii():
        return ENGLISH_SCRIPT
    name = unicodedata.name(letter, "")
    word = name.split(" ", 1)[0].split("-", 1)[0]
    if not word:
        return "an unknown"
    return "CJK" if word == "CJK" else word.title()


def _has_letters(text: str, wanted: int) -> bool:
    """True when ``text`` has at least ``wanted`` letters (stops counting there)."""
    if wanted <= 0:
        return True
    for c in text:
        if c.isalpha():
            wanted -= 1
            if wanted == 0:
                return True
    return False
