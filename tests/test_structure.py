"""Structure tests: every notebook has the series' skeleton and is clean."""

import re
from pathlib import Path

import nbformat
import pytest

import navigation
import slides

ROOT = navigation.ROOT
PATHS = navigation.notebook_paths()
BOOKS = {path.name: nbformat.read(path, as_version=4) for path in PATHS}
SECTIONS = ("## Overview", "## Setup", "## Summary", "## Exercises")
# Cells computed from a trained Keras model: nbval shows but does not
# compare their outputs; each asserts what its lesson claims instead.
IGNORE_TAG = "nbval-ignore-output"
MAX_TRAINING_DEPENDENT = 12  # per notebook
TRAINING_DEPENDENT = {
    "05_dense_networks.ipynb": 12,
    "06_cnn.ipynb": 8,
    "11_training_luck.ipynb": 7,
}
# Notebooks built to the GUIDE's course anatomy (core, Check yourself,
# going further); the others follow as their course issues land.
COURSE_READY = {
    "01",
    "02",
    "03",
    "04",
    "05",
    "06",
    "07",
    "08",
    "09",
    "10",
    "11",
}
OPTIONAL = navigation.OPTIONAL
TIME_LINE = "**Time:**"
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)|<img[^>]*src=\"([^\"]+)\"")


def markdown(book):
    return [c.source for c in book.cells if c.cell_type == "markdown"]


def code_cells(book):
    return [c for c in book.cells if c.cell_type == "code"]


def test_there_are_notebooks():
    assert PATHS, "no notebooks under notebooks/"


@pytest.mark.parametrize("name", BOOKS)
def test_name_pattern(name):
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name)


@pytest.mark.parametrize("name", BOOKS)
def test_one_h1_in_first_cell(name):
    book = BOOKS[name]
    assert book.cells[0].cell_type == "markdown"
    assert book.cells[0].source.startswith("# ")
    h1 = [
        line
        for text in markdown(book)
        for line in text.splitlines()
        if line.startswith("# ")
    ]
    assert len(h1) == 1, h1


@pytest.mark.parametrize("name", BOOKS)
def test_sections(name):
    headings = {
        line.strip()
        for text in markdown(BOOKS[name])
        for line in text.splitlines()
    }
    for section in SECTIONS:
        assert section in headings, f"{name} has no {section}"


def test_navigation_is_current():
    titles = [navigation.title(book) for book in BOOKS.values()]
    for i, (name, book) in enumerate(BOOKS.items()):
        expected = navigation.nav_source(PATHS, titles, i)
        nav = [c.source for c in book.cells if c.source.startswith("<!--NAV")]
        assert book.cells[1].source == expected, f"{name}: run `make nav`"
        assert book.cells[-1].source == expected, f"{name}: run `make nav`"
        assert len(nav) == 2, f"{name}: run `make nav`"


@pytest.mark.parametrize("name", BOOKS)
def test_slide_types_are_current(name):
    """Each cell's slide type is the one tests/slides.py derives."""
    stale = slides.stale(BOOKS[name])
    assert not stale, (
        f"{name}: cells {stale[:8]}'s slide types: run `make nav`"
    )


def test_readme_table_path_and_concepts_are_current():
    books = list(BOOKS.values())
    titles = [navigation.title(book) for book in books]
    text = navigation.README.read_text(encoding="utf-8")
    expected = navigation.expected_readme(text, PATHS, titles, books)
    assert expected == text, (
        "README.md's notebook table, course path, concept index or "
        "glossary is out of date: run `make nav`"
    )


@pytest.mark.parametrize("name", BOOKS)
def test_overview_time_is_current(name):
    book = BOOKS[name]
    seconds = navigation.stated_seconds(book)
    if seconds is None:
        assert name[:2] not in COURSE_READY, f"{name}: no **Time:** line"
        return
    overview = next(c.source for c in book.cells if TIME_LINE in c.source)
    line = navigation.time_line(book, seconds)
    assert line in overview, f"{name}: run `make nav` ({line})"


def links(text):
    for match in LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if not re.match(r"[a-z]+:|#", target):
            yield target.split("#")[0]


@pytest.mark.parametrize(
    "document", [*PATHS, ROOT / "README.md", ROOT / "data" / "README.md"]
)
def test_relative_links_resolve(document):
    if document.suffix == ".ipynb":
        texts = markdown(BOOKS[document.name])
    else:
        texts = [document.read_text(encoding="utf-8")]
    for text in texts:
        for target in links(text):
            resolved = (document.parent / target).resolve()
            assert resolved.exists(), f"{document.name}: broken link {target}"


@pytest.mark.parametrize("name", BOOKS)
def test_execution_counts_are_one_to_n(name):
    counts = [c.execution_count for c in code_cells(BOOKS[name])]
    assert counts == list(range(1, len(counts) + 1)), "run `make run`"


@pytest.mark.parametrize("name", BOOKS)
def test_no_errors_or_stderr(name):
    for cell in code_cells(BOOKS[name]):
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert output.get("name") != "stderr", cell.source
            text = output.get("data", {}).get("text/plain", "")
            assert "<Figure size" not in text, cell.source


@pytest.mark.parametrize("name", BOOKS)
def test_short_cells_and_prose_between_code(name):
    run = 0
    for cell in BOOKS[name].cells:
        run = run + 1 if cell.cell_type == "code" else 0
        assert run <= 2, f"three code cells in a row before:\n{cell.source}"
        if cell.cell_type == "code":
            assert len(cell.source.strip().splitlines()) <= 15, cell.source


@pytest.mark.parametrize("name", BOOKS)
def test_one_voice_without_filler_words(name):
    for text in markdown(BOOKS[name]):
        found = re.findall(r"\b(simply|just|easily|obviously)\b", text, re.I)
        assert not found, f"{name}: {found} in:\n{text}"


def trains_keras(book):
    source = "\n".join(c.source for c in code_cells(book))
    return "import keras" in source and ".fit(" in source


def training_dependent(book):
    """Indices of the code cells whose outputs nbval does not compare."""
    cells = code_cells(book)
    return [
        i
        for i, cell in enumerate(cells)
        if IGNORE_TAG in cell.metadata.get("tags", [])
    ]


def test_training_dependent_cells_are_few_and_in_keras_notebooks():
    listed = {
        name: training_dependent(book)
        for name, book in BOOKS.items()
        if training_dependent(book)
    }
    for name, cells in listed.items():
        assert trains_keras(BOOKS[name]), f"{name} trains no Keras model"
        assert len(cells) <= MAX_TRAINING_DEPENDENT, (name, cells)
    counts = {name: len(cells) for name, cells in listed.items()}
    assert counts == TRAINING_DEPENDENT, (
        "training-dependent cells (code cell indices) changed: "
        f"{listed}; update TRAINING_DEPENDENT after checking each one"
    )


@pytest.mark.parametrize("name", BOOKS)
def test_training_dependent_cells_are_guarded(name):
    """Each such cell, or the code cell after it, asserts its claim."""
    cells = code_cells(BOOKS[name])
    for i in training_dependent(BOOKS[name]):
        guard = cells[i].source + "\n".join(
            c.source for c in cells[i + 1 :][:1]
        )
        assert "assert" in guard, f"{name}: unguarded cell\n{cells[i].source}"


@pytest.mark.parametrize("name", BOOKS)
def test_no_cell_is_skipped(name):
    for cell in code_cells(BOOKS[name]):
        assert "nbval-skip" not in cell.metadata.get("tags", []), cell.source
        assert not cell.source.startswith("# NBVAL_"), cell.source


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_stored_as_nbformat_writes_them(path):
    """Keys sorted as Jupyter sorts them, so `make run` reorders nothing."""
    text = path.read_text(encoding="utf-8")
    assert text.rstrip("\n") == nbformat.writes(BOOKS[path.name]), (
        "rewrite with nbformat.write"
    )


@pytest.mark.parametrize("name", BOOKS)
def test_every_figure_has_a_description(name):
    """The book's alt text: one line of its own, not a file name."""
    for cell in code_cells(BOOKS[name]):
        if any("image/png" in o.get("data", {}) for o in cell.outputs):
            alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt")
            assert alt and alt.strip(), f"no mystnb.image.alt: {cell.source}"
            assert "\n" not in alt and len(alt) <= 300, alt


def test_figures_are_named_for_their_notebook():
    numbers = {name[:2] for name in BOOKS}
    for figure in (ROOT / "figures").glob("*.png"):
        assert figure.name[:2] in numbers, figure.name
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.png", figure.name)


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_no_machine_paths(path):
    text = Path(path).read_text(encoding="utf-8")
    for local in (str(ROOT), "/root/", "/home/", "/work/"):
        assert local not in text, f"{path.name} mentions {local}"


def headed_cells(book):
    """(the ``##`` heading each cell stands under, cell) pairs."""
    heading = ""
    for cell in book.cells:
        first = navigation.first_line(cell)
        if cell.cell_type == "markdown" and first.startswith("## "):
            heading = first
        yield heading, cell


COURSE = [name for name in BOOKS if name[:2] in COURSE_READY]


@pytest.mark.parametrize("name", COURSE)
def test_course_anatomy(name):
    book = BOOKS[name]
    firsts = [navigation.first_line(c) for c in book.cells]
    order = ["## Overview", "## Setup", "## Check yourself", "## Summary"]
    places = [firsts.index(heading) for heading in order]
    assert places == sorted(places), f"{name}: sections out of order"
    overview = book.cells[places[0]].source
    for field in ("**You will be able to**", "**Before you start:**"):
        assert field in overview, f"{name}: Overview lacks {field}"
    assert navigation.TIME.search(overview), f"{name}: Overview lacks Time"
    check = book.cells[places[2]].source
    assert check.count("<details>") >= 3, f"{name}: Check yourself answers"


@pytest.mark.parametrize("name", COURSE)
def test_short_markdown_cells_with_headings_on_top(name):
    for cell in BOOKS[name].cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        inner = [line for line in lines[1:] if re.match(r"#{1,3} ", line)]
        assert not inner, f"{name}: heading inside a cell: {inner}"
        assert navigation.words(cell.source) <= 200, cell.source[:200]


@pytest.mark.parametrize("name", COURSE)
def test_median_code_cell_is_short(name):
    lengths = [
        len([line for line in c.source.splitlines() if line.strip()])
        for c in code_cells(BOOKS[name])
    ]
    lengths.sort()
    middle = len(lengths) // 2
    median = (
        lengths[middle]
        if len(lengths) % 2
        else (lengths[middle - 1] + lengths[middle]) / 2
    )
    assert median <= 5, f"{name}: median code cell {median} lines"


@pytest.mark.parametrize("name", BOOKS)
def test_going_further_is_tagged_and_after_the_core(name):
    """Every cell under an "(optional)" heading carries the tag, and
    optional material comes after the Summary, so the core never needs it.
    """
    seen_summary = False
    for heading, cell in headed_cells(BOOKS[name]):
        tagged = OPTIONAL in cell.metadata.get("tags", [])
        seen_summary = seen_summary or heading.startswith("## Summary")
        if heading.endswith("(optional)"):
            assert tagged, f"{name}: untagged cell under {heading}"
        if tagged:
            assert seen_summary, f"{name}: optional cell before the Summary"
            assert not navigation.first_line(cell).startswith("## ") or (
                heading.endswith("(optional)")
            ), f"{name}: tagged heading {heading} lacks '(optional)'"


@pytest.mark.parametrize("session, numbers, limit", navigation.SESSIONS)
def test_sessions_fit_their_time(session, numbers, limit):
    books = [b for n, b in BOOKS.items() if n[:2] in numbers]
    if not all(n in COURSE_READY for n in numbers):
        pytest.skip(f"{session}: not all of {numbers} are course-ready yet")
    core = sum(navigation.study_minutes(book)[0] for book in books)
    assert core <= limit, f"{session}: core {core:.1f} min > {limit}"
