"""Controls for the decks' browser check (tests/slides_browser.py).

A small notebook is built into a deck twice: by ``make slides``'s code
(reveal.js and the rest vendored from npm), which must pass, and by
nbconvert's defaults (reveal.js, require.js and MathJax from CDNs), which
must fail, since every request to another host is blocked. They need
Chromium, Playwright and npm (with the npm registry), and are skipped
where one is missing.
"""

import shutil

import nbformat
import pytest
from nbconvert import SlidesExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

pytest.importorskip(
    "playwright",
    reason="playwright is not installed: `make test-browser` installs it",
)
import browser  # noqa: E402  (imports playwright)
import slides  # noqa: E402
import slides_browser  # noqa: E402

if browser.chromium_path() is None or shutil.which("npm") is None:
    pytest.skip(
        "chromium or npm is not installed: `apt-get install chromium npm`",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("decks")
    book = new_notebook(
        cells=[
            new_markdown_cell("# A small deck"),
            new_markdown_cell("## First\n\nWith $x^2$ in it."),
            new_code_cell("x = 6 * 7"),
            new_markdown_cell("## Second"),
            new_markdown_cell("### Third"),
        ]
    )
    path = root / "99_small.ipynb"
    nbformat.write(book, path)
    (good,) = slides.build_decks(root / "good", root / "npm", paths=[path])
    cdn = root / "cdn" / "from_a_cdn.slides.html"
    cdn.parent.mkdir()
    body, _ = SlidesExporter().from_notebook_node(slides.deck_notebook(book))
    cdn.write_text(body, encoding="utf-8")
    return slides_browser.check_decks([good, cdn])


def test_a_vendored_deck_passes_offline(results):
    assert results["99_small.slides.html"] == []


def test_a_deck_that_needs_a_cdn_fails_offline(results):
    problems = "\n".join(results["from_a_cdn.slides.html"])
    assert "blocked a request for https://" in problems
    assert "reveal.js did not start" in problems
