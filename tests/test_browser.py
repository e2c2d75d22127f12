"""Controls for the browser check (tests/browser.py, ``make test-browser``).

Four scratch notebooks go through the same check as the series: one that
runs cleanly must pass; one with a failing cell, one with an image that
cannot load, and one named like notebook 02 whose threshold slider moves
nothing must fail. They need Chromium and Playwright, which ``make
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

# A table of what the slider should show, as notebook 02 prints one, and a
# slider with its readout that never updates.
TABLE = """pd.DataFrame(
    {"precision": [0.5], "recall": [0.25]},
    index=pd.Index([1.0], name="threshold"),
)"""
FROZEN_SLIDER = """slider = widgets.FloatSlider(readout_format=".4f")
slider.add_class("threshold-slider")
numbers = widgets.HTML(
    '<span class="widget-precision">0.1000</span>, '
    '<span class="widget-recall">0.2000</span>'
)
widgets.VBox([slider, numbers])"""
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
    "02_binary_classifier": [
        "import ipywidgets as widgets\nimport pandas as pd",
        TABLE,
        FROZEN_SLIDER,
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


def test_a_slider_that_moves_nothing_fails_the_check(results):
    problems = "\n".join(results["02_binary_classifier"])
    assert "threshold slider: typed 1.0" in problems
    assert "'0.1000', '0.2000'], not ['1.0000', '0.5', '0.25']" in problems
