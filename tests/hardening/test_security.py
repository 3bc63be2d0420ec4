"""Security end to end: hostile article text stays inert in the viewer, kg serve is local and
read-only by default, and no credential reaches the outputs.

The viewer's own escaping tests (tests/export/) feed it hand-built graphs; here the hostile
text goes in through an article file and ``kg build``, the way a user's data would.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from hardening_helpers import GOOD_ARTICLE, write_files

from kg.cli import main

SCRIPT = "</script><script>window.__pwned=1;alert(1)</script>"
IMAGE = '<img src=x onerror="window.__pwned=2;alert(2)">'
LINK = "javascript:window.__pwned=3;alert(3)"
SVG = '<svg onload="window.__pwned=4">'
# Payloads in the headline, the publisher (an organisation node), the URL, next to a
# person's name, inside a quote, and in the body.
HOSTILE_RECORD = {
    "title": f"Talks end {SCRIPT} {IMAGE}",
    "publisher": f"Daily {IMAGE} News",
    "url": LINK,
    "text": (
        f"Talks end {SCRIPT}\n\n"
        f"Foreign minister Jane Smith {IMAGE} met Tom Baker of Acme Corp in London on Monday. "
        f'"We agreed {SCRIPT} on everything {SVG}," Smith said after the meeting.\n\n'
        f"Baker said the deal {LINK} would be signed in Paris on Friday. {SVG}\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    folder = write_files(
        root / "in",
        {
            "feed.jsonl": json.dumps(HOSTILE_RECORD) + "\n",
            f"{IMAGE}.txt": GOOD_ARTICLE.replace("Acme Corp buys", f"Acme Corp {SCRIPT} buys"),
        },
    )
    out = root / "out"
    argv = ["build", str(folder), "-o", str(out), "-f", "html,trig", "--no-cache", "-q"]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "graph.html"


def test_hostile_article_text_runs_nothing_in_the_viewer(browser, hostile_page):
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(hostile_page.as_uri())
        page.wait_for_function("window.kgViewer && window.kgViewer.ready === true", timeout=60_000)
        labels = page.evaluate("kgViewer.network.body.data.nodes.get().map(n => n.label)")
        # The payloads reached the page as data (the publisher is a node) ...
        assert any(IMAGE in label for label in labels), labels
        for node_id in page.evaluate("kgViewer.network.body.data.nodes.getIds()"):
            _hover_and_click(page, node_id)
            panel = page.locator("#kg-panel")
            assert panel.locator("img, svg, script, iframe").count() == 0
        assert page.locator("div.vis-tooltip img, div.vis-tooltip svg").count() == 0
        hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
        assert not [h for h in hrefs if h.startswith("javascript:")]
        for control in page.locator("#kg-source option").all():
            value = control.get_attribute("value")
            if value:
                page.select_option("#kg-source", value)
        page.fill("#kg-search", "Daily")
        page.wait_for_timeout(300)
        # ... and nothing of them ran.
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == [] and errors == []
    finally:
        context.close()


def _hover_and_click(page, node_id: str) -> None:
    page.evaluate("id => kgViewer.network.focus(id, {scale: 1.2, animation: false})", node_id)
    x, y = page.evaluate(
        """id => {
            const net = kgViewer.network;
            const dom = net.canvasToDOM(net.getPosition(id));
            const box = document.getElementById('kg-graph').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node_id,
    )
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=3)
    page.wait_for_timeout(150)
    page.mouse.click(x, y)


def test_the_page_itself_holds_no_live_payload(hostile_page):
    html = hostile_page.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html
    assert 'onerror="window.__pwned' not in html
    assert 'href="javascript:' not in html.lower()


# --- kg serve -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_server(seed_build) -> Iterator[tuple[subprocess.Popen, str]]:
    """``kg serve`` with no --host: as a user starts it."""
    command = [sys.executable, "-m", "kg", "serve", "--data", str(seed_build.output / "graph.trig")]
    process = subprocess.Popen(
        [*command, "--port", "0"],
        cwd=Path(__file__).resolve().parents[2],  # this checkout's kg, whatever is installed
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stderr.readline()
        match = re.search(r"at (http://[^ ]+/) ", line)
        assert match, line
        yield process, match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_kg_serve_listens_on_loopback_only_by_default(default_server):
    process, url = default_server
    assert url.startswith("http://127.0.0.1:")
    port = int(url.rsplit(":", 1)[1].strip("/"))
    listening = _listening(process.pid, port)
    assert listening == {"127.0.0.1"}


def _listening(pid: int, port: int) -> set[str]:
    for _ in range(50):
        found = {
            c.laddr.ip
            for c in psutil.Process(pid).net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN and c.laddr.port == port
        }
        if found:
            return found
        time.sleep(0.1)
    return set()


def test_kg_serve_refuses_updates_by_default(default_server):
    _, url = default_server
    update = b"INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    request = urllib.request.Request(
        url + "update", data=update, headers={"Content-Type": "application/sparql-update"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403


# --- credentials ----------------------------------------------------------------------------

SECRET = "s3cr3t-Pa55word-9f2c"


def test_credentials_in_the_environment_never_reach_the_outputs(tmp_path):
    folder = write_files(tmp_path / "in", {"a.txt": GOOD_ARTICLE})
    out = tmp_path / "out"
    env = {"KG_LOAD_PASSWORD": SECRET, "KG_LOAD_TOKEN": SECRET, "KG_LOAD_USER": SECRET}
    argv = ["build", str(folder), "-o", str(out), "-f", "ttl,trig,nq,jsonld,html", "-v"]
    result = CliRunner(env=env).invoke(main, [*argv, "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
