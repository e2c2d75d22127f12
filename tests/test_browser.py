"""Controls for the browser check (tests/browser.py, ``make test-browser``).

Three scratch notebooks go through the same check as the series: one that
runs cleanly must pass, one with a failing cell and one with an image that
cannot load must fail. They need Chromium and Playwright, which ``make
test-browser`` installs (Chromium with ``apt-get install chromium``); the
tests are skipped where either is missing.
"""

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

pytest.importorskip(
    "playwright",
    reason="playwright is not installed: `make test-browser` installs it",
)
import browser  # noqa: E402  (imports playwright)

if browser.chromium_path() is None:
    pytest.skip(
        "chromium is not installed: `apt-get install chromium`",
        allow_module_level=True,
    )

KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
NOTEBOOKS = {
    "clean": [
        "x = 6 * 7",
        "import matplotlib.pyplot as plt\n\nplt.plot([0, 1])\nplt.show()",
        "x",
    ],
    "failing": ["x = 1", "raise ValueError('a deliberate failure')", "x + 1"],
    "broken_image": [
        "from IPython.display import HTML\n\nHTML('<img src=\"nowhere.png\">')"
    ],
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    (root / "notebooks").mkdir()
    for name, sources in NOTEBOOKS.items():
        book = new_notebook(metadata={"kernelspec": KERNEL})
        book.cells = [new_markdown_cell(f"# {name}")]
        book.cells += [new_code_cell(source) for source in sources]
        nbformat.write(book, root / "notebooks" / f"{name}.ipynb")
    paths = [f"notebooks/{name}.ipynb" for name in NOTEBOOKS]
    found = browser.check_notebooks(root, paths)
    shutil.rmtree(root)
    return {name: found[f"notebooks/{name}.ipynb"] for name in NOTEBOOKS}


def test_a_clean_notebook_passes(results):
    assert results["clean"] == []


def test_a_failing_cell_fails_the_check(results):
    problems = "\n".join(results["failing"])
    assert "ValueError: a deliberate failure" in problems
    assert "execution counts are [1, 2, None], not 1..3" in problems


def test_an_image_that_does_not_load_fails_the_check(results):
    problems = "\n".join(results["broken_image"])
    assert "image not loaded" in problems
