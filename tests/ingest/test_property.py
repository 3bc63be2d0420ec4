"""Whatever bytes a file holds, read_articles never raises."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import read_articles
from kg.model import Article, SourceError

# Byte soup biased towards text: printable ASCII, newlines, UTF-8 and markup fragments.
_FRAGMENTS = st.sampled_from(
    [
        b"\n",
        b"\r\n",
        b" ",
        b"<p>",
        b"</p>",
        b"<html>",
        b'{"text": "',
        b'"}',
        b"\x00",
        b"\xe9",
        b"\xe2\x80\x99",
        b"By ",
        b"April 17, 2023",
        b"Subscribe",
        b"The minister said.",
    ]
)
_CONTENT = st.one_of(
    st.binary(max_size=400),
    st.lists(st.one_of(_FRAGMENTS, st.binary(max_size=8)), max_size=60).map(b"".join),
    st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_CONTENT, suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md"]))
def test_any_bytes_yield_articles_or_errors(content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "input" + suffix)
        path.write_bytes(content)
        items = list(read_articles([folder]))
    for item in items:
        assert isinstance(item, (Article, SourceError))
        if isinstance(item, SourceError):
            assert item.code.startswith("KG-IN-") and item.code != "KG-IN-099", item
        else:
            assert item.content
            for span in item.content:
                assert 0 <= span.start < span.end <= len(item.text)
