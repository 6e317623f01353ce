"""The playbook in a real headless Chromium: offline, no console error, deep links, search,
payloads inert; every Mermaid block parsed and rendered by the real mermaid library.

Chromium is Debian's ``chromium`` (``.ci/run`` installs it), driven by Playwright
pointed at the system binary (no browser download). One browser serves the session.
Without Chromium or Playwright the tests skip with the reason, except under CI
(``CI=true``), where they fail: CI must run them. Mermaid comes from ``node_modules``
(``npm ci``, also run by ``.ci/run``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pomkit
from helpers import EXAMPLES, ROOT, example_files
from test_report_payloads import JINJA, PAYLOADS, hostile_model, keyword_model

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
SCREENSHOT = ROOT / "docs" / "playbook.png"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_FENCE = re.compile(r"^```mermaid\n(.*?)^```$", re.MULTILINE | re.DOTALL)
#: The shipped examples, valid and invalid (the invalid ones show the error banner and
#: the findings appendix).
EVERY_EXAMPLE = [*example_files(), *sorted((EXAMPLES / "invalid").glob("*.yaml"))]
#: ``agile``, ``invalid/mixed`` … → the example.
NAMED = {p.relative_to(EXAMPLES).with_suffix("").as_posix(): p for p in EVERY_EXAMPLE}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: CI must run the browser tests (.ci/run installs them)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if CHROMIUM is None:
        _unavailable("Debian's chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        launched = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
            reduced_motion="reduce",
        )
        yield launched
        launched.close()


class Visit:
    """One page load, with every request, console error and dialog it caused."""

    def __init__(self, browser: Any, url: str) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example's HTML report, written once."""
    out = tmp_path_factory.mktemp("reports")
    found = {}
    here = Path.cwd()
    os.chdir(ROOT)  # so that the pages name examples/… as a user in the repository would
    try:
        for name, example in NAMED.items():
            target = out / f"{name.replace('/', '-')}.html"
            text = pomkit.report(example.relative_to(ROOT), format="html")
            target.write_text(text, encoding="utf-8")
            found[name] = target
    finally:
        os.chdir(here)
    return found


ENTITY_KINDS = ("role", "team", "stage", "kpi", "tier")


def _entity_ids(path: Path) -> list[str]:
    view = json.loads(pomkit.report(path, format="json"))
    ids = [p["ref"]["anchor"] for p in view["roles"]]
    ids += [t["ref"]["anchor"] for t in view["teams"]["teams"]]
    ids += [s["ref"]["anchor"] for s in view["lifecycle"]["stages"]]
    ids += [k["ref"]["anchor"] for k in view["kpis"]]
    ids += [t["ref"]["anchor"] for t in view["support"]["tiers"]]
    return ids


@pytest.mark.parametrize("example", list(NAMED))
def test_example_renders_offline_without_errors(
    browser: Any, pages: dict[str, Path], example: str
) -> None:
    """Every example, the invalid ones too: those show the error banner and findings."""
    path = pages[example]
    view = json.loads(pomkit.report(NAMED[example], format="json"))
    visit = Visit(browser, path.as_uri())
    try:
        page = visit.page
        assert visit.requests == [path.as_uri()], "the page loads nothing but itself"
        assert visit.errors == []
        assert page.title().startswith(view["cover"]["title"])
        drawn = [
            view["lifecycle"]["flow"]["overview"],
            *(t["diagram"] for t in view["lifecycle"]["flow"]["by_team"]),
            view["teams"]["tree"],
            view["support"]["escalation"],
        ]
        diagrams = sum(d is not None for d in drawn)
        assert diagrams >= (2 if example.startswith("invalid/") else 3)
        assert page.locator("svg").count() == diagrams, "flow, team tree, escalation as SVG"
        assert page.locator("#search").is_visible(), "the script ran under the CSP"
        style = page.evaluate("getComputedStyle(document.querySelector('.sidebar')).position")
        assert style == "fixed", "the inline stylesheet applied under the CSP"
        banner = page.locator(".banner")
        if view["cover"]["status"]["errors"]:
            assert banner.first.is_visible()
            assert "This model has" in banner.first.inner_text()
        else:
            assert banner.count() == 0
        shown = page.locator("#findings .finding:not(.silenced)").count()
        assert shown == view["findings"]["total"]
    finally:
        visit.close()


@pytest.mark.parametrize("example", list(NAMED))
def test_every_entity_has_a_deep_link_that_scrolls_to_it(
    browser: Any, pages: dict[str, Path], example: str
) -> None:
    ids = _entity_ids(NAMED[example])
    assert len(ids) >= 20
    visit = Visit(browser, pages[example].as_uri())
    try:
        missing = visit.page.evaluate(
            "ids => ids.filter(id => document.querySelectorAll('#' + CSS.escape(id)).length !== 1)",
            ids,
        )
        assert missing == [], "each id exactly once"
        unreached = visit.page.evaluate(
            """ids => ids.filter(id => {
                location.hash = '#' + id;
                const box = document.getElementById(id).getBoundingClientRect();
                return !(box.top >= -1 && box.top < window.innerHeight);
            })""",
            ids,
        )
        assert unreached == []
        assert visit.errors == []
    finally:
        visit.close()


def test_search_filters_the_page(browser: Any, pages: dict[str, Path]) -> None:
    visit = Visit(browser, pages["agile"].as_uri())
    try:
        page = visit.page
        entities = page.locator("[data-entity]")
        total = entities.count()
        from playwright.sync_api import expect

        page.fill("#search", "Release Manager")
        # (wait_for_function evaluates a string, which the page's CSP forbids: good.)
        expect(page.locator("#search-count")).to_contain_text("match")
        shown = page.locator("[data-entity]:not(.hidden-by-search)")
        assert 0 < shown.count() < total
        assert page.locator("#role-release-manager").is_visible()
        assert not page.locator("#role-head-of-product").is_visible()
        page.fill("#search", "")
        expect(page.locator("#search-count")).to_have_text("")
        assert page.locator("[data-entity].hidden-by-search").count() == 0
    finally:
        visit.close()


def test_payloads_in_every_text_field_stay_inert(browser: Any, tmp_path: Path) -> None:
    source = hostile_model(tmp_path / "hostile.yaml")
    html = pomkit.report(source, format="html")
    for payload in PAYLOADS[:5]:
        assert payload not in html, f"raw payload in the page: {payload!r}"
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    visit = Visit(browser, path.as_uri())
    try:
        page = visit.page
        page.mouse.move(400, 400)
        for anchor in page.locator("main a").all()[:40]:
            anchor.hover()
        assert page.evaluate("window.__pwned") is None
        assert visit.dialogs == []
        assert visit.errors == []
        assert visit.requests == [path.as_uri()]
        assert page.evaluate("document.scripts.length") == 1
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
            ".some(a => a.name.startsWith('on'))).length"
        )
        assert handlers == 0
        hrefs = page.evaluate(
            "[...document.querySelectorAll('[href]')].map(a => a.getAttribute('href'))"
        )
        assert all(h.startswith("#") for h in hrefs), [h for h in hrefs if not h.startswith("#")]
        assert page.title().startswith(PAYLOADS[4])
        text = page.inner_text("main")
        assert JINJA in text
        assert "{% if true %}jinja ran{% endif %}" in text
    finally:
        visit.close()


# --------------------------------------------------------------------------- Mermaid


@pytest.fixture(scope="module")
def mermaid_page(browser: Any) -> Iterator[Any]:
    if not MERMAID.is_file():
        _unavailable("mermaid is not installed (npm ci)")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!doctype html><html><body><div id='out'></div></body></html>")
    page.add_script_tag(path=str(MERMAID))
    page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    yield page
    assert errors == []
    page.close()


def mermaid_blocks(markdown: str) -> list[str]:
    return _FENCE.findall(markdown)


def _render_all(page: Any, blocks: list[str]) -> list[dict[str, Any]]:
    return page.evaluate(  # type: ignore[no-any-return]
        """async blocks => {
            const out = [];
            for (let i = 0; i < blocks.length; i++) {
                try {
                    await mermaid.parse(blocks[i]);
                    const {svg} = await mermaid.render('m' + i, blocks[i]);
                    out.push({ok: true, svg});
                } catch (e) {
                    out.push({ok: false, error: String(e && e.message || e), text: blocks[i]});
                }
            }
            return out;
        }""",
        blocks,
    )


def test_every_mermaid_block_of_every_example_renders(mermaid_page: Any, tmp_path: Path) -> None:
    """Every example, valid or not, and a model whose team and role ids are Mermaid
    keywords (`end`, `click`, `style`, `subgraph`, `graph` …)."""
    models = [*EVERY_EXAMPLE, keyword_model(tmp_path / "keywords.yaml")]
    blocks = []
    for path in models:
        blocks += mermaid_blocks(pomkit.report(path, format="md"))
    assert len(blocks) >= 2 * len(models)
    results = _render_all(mermaid_page, blocks)
    failed = [r for r in results if not r["ok"]]
    assert failed == []


def test_a_large_team_tree_renders_part_by_part(mermaid_page: Any, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    path = tmp_path / "model-100.yaml"
    path.write_text(generate(100), encoding="utf-8")
    markdown = pomkit.report(path, format="md")
    teams = markdown.split('<a id="teams"></a>', 1)[1].split('<a id="raci"></a>', 1)[0]
    blocks = mermaid_blocks(teams)
    assert len(blocks) >= 2
    results = _render_all(mermaid_page, blocks)
    assert [r for r in results if not r["ok"]] == []


def test_hostile_mermaid_labels_parse_and_stay_text(mermaid_page: Any, tmp_path: Path) -> None:
    markdown = pomkit.report(hostile_model(tmp_path / "hostile.yaml"), format="md")
    blocks = mermaid_blocks(markdown)
    assert blocks
    results = _render_all(mermaid_page, blocks)
    assert [r for r in results if not r["ok"]] == []
    found = mermaid_page.evaluate(
        """svgs => svgs.map(svg => {
            const out = document.getElementById('out');
            out.innerHTML = svg;
            const all = [...out.querySelectorAll('*')];
            return {
                scripts: out.querySelectorAll('script').length,
                handlers: all.filter(
                    e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                links: all.filter(
                    e => /^\\s*javascript:/i.test(e.getAttribute('href') || '')).length,
                text: out.textContent,
            };
        })""",
        [r["svg"] for r in results],
    )
    assert all(f["scripts"] == 0 and f["handlers"] == 0 and f["links"] == 0 for f in found)
    text = " ".join(f["text"] for f in found)
    assert "<script>window.__pwned" in text or "onerror" in text, "payloads shown as text"
    assert mermaid_page.evaluate("window.__pwned") is None


# --------------------------------------------------------------------------- screenshot


def test_screenshot_in_docs_comes_from_this_chromium(browser: Any, pages: dict[str, Path]) -> None:
    """``POMKIT_REGENERATE=1`` retakes docs/playbook.png (shown in the README)."""
    if os.environ.get("POMKIT_REGENERATE"):
        visit = Visit(browser, pages["agile"].as_uri())
        visit.page.set_viewport_size({"width": 1280, "height": 860})
        visit.page.screenshot(path=str(SCREENSHOT))
        visit.close()
    data = SCREENSHOT.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert 20_000 < len(data) < 2_000_000
    assert "docs/playbook.png" in (ROOT / "README.md").read_text(encoding="utf-8")
