"""Controls for the book's accessibility check (tests/accessibility.py)
and unit tests of what the book does for it (tests/book.py).

A small page with a known fault (pale text, an image without alt text,
an image whose alt text is its file name) must fail the check, and the
same page mended must pass it. They need Chromium, Playwright and npm
(with the npm registry), and are skipped where one is missing; the tests
of the book's helpers need only Sphinx.
"""

import base64
import shutil

import pytest

pytest.importorskip(
    "sphinx", reason="sphinx is not installed: `make book` installs it"
)
import book  # noqa: E402  (imports sphinx)

PNG = (  # a 1 x 1 white PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N"
    "70a4AAAAAElFTkSuQmCC"
)
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><main><h1>A page</h1>
<p style="color: {colour}; background: #ffffff">Some words.</p>
<img src="one.png" {alt}>
<img src="two.png" alt="{second}">
</main></body></html>
"""


def test_empty_header_cells_become_plain_cells():
    from docutils import nodes

    html = "<table><thead><tr><th></th><th>a</th></tr></thead></table>"
    doctree = nodes.section()
    doctree += nodes.raw(text=html, format="html")
    book.plain_corner_cells(None, doctree)
    (raw,) = doctree.findall(nodes.raw)
    assert raw.astext() == html.replace("<th></th>", "<td></td>")


def test_theme_fixes_fail_loudly_when_the_theme_changes(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<div class="bd-sidebar-primary">', encoding="utf-8")
    with pytest.raises(SystemExit, match="no longer apply"):
        book.fix_theme(tmp_path)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    accessibility = pytest.importorskip(  # imports playwright
        "accessibility",
        reason="playwright is not installed: `make test-browser` installs it",
    )
    if (
        accessibility.browser.chromium_path() is None
        or shutil.which("npm") is None
    ):
        pytest.skip("chromium or npm is not installed")
    root = tmp_path_factory.mktemp("a11y")
    axe_js = accessibility.install_axe(root / "npm")
    site = root / "site"
    site.mkdir()
    for name in ("one.png", "two.png"):
        (site / name).write_bytes(base64.b64decode(PNG))
    pages = {
        "bad.html": PAGE.format(colour="#bbbbbb", alt="", second="two.png"),
        "good.html": PAGE.format(
            colour="#333333", alt='alt="A white square"', second="Another"
        ),
    }
    for name, text in pages.items():
        (site / name).write_text(text, encoding="utf-8")
    return accessibility.check_book(site, axe_js, sorted(pages))


def test_a_faulty_page_fails(checked):
    violations, no_alt = checked
    rules = {v["rule"] for v in violations if v["page"] == "bad.html"}
    assert {"color-contrast", "image-alt"} <= rules
    assert no_alt["bad.html"] == ["one.png", "two.png"]


def test_the_mended_page_passes(checked):
    import accessibility

    violations, no_alt = checked
    good = [v for v in violations if v["page"] == "good.html"]
    assert good == [] and "good.html" not in no_alt
    lines, failed = accessibility.report(violations, no_alt)
    assert failed
    assert any(
        line.startswith("bad.html: serious color-contrast") for line in lines
    )
