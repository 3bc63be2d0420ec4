"""The start of the content text, as the language check sees it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.article import content_start
from kg.model import Article, Span

_TEXTS = st.text(alphabet=st.sampled_from("ab \n\r\u00e9\u2019"), max_size=60)


@st.composite
def _articles(draw) -> Article:
    text = draw(_TEXTS)
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = []
    for start, length in draw(st.lists(st.tuples(bounds, bounds), max_size=5)):
        spans.append(Span(start, min(len(text), start + length)))
    if draw(st.booleans()):
        spans.sort(key=lambda span: span.start)
    return Article(id="a.txt", source="a.txt", text=text, content=spans)


@settings(max_examples=400, deadline=None)
@given(article=_articles(), chars=st.integers(min_value=0, max_value=70))
def test_content_start_is_the_start_of_the_content_text(article, chars):
    assert content_start(article, chars) == article.content_text()[:chars]
