"""The student edition (``make student``) has no solution code, no
outputs, and everything else as committed."""

import functools
import re

import nbformat
import pytest

import navigation
import student

PATHS = navigation.notebook_paths()
BOOKS = {path.name: nbformat.read(path, as_version=4) for path in PATHS}


@functools.cache
def edition(name):
    return student.student_edition(BOOKS[name])


def split_at_solutions(book):
    """(cells before the heading's cell, that cell, cells after it)."""
    marked = [
        i
        for i, cell in enumerate(book.cells)
        if cell.cell_type == "markdown"
        and "## Solutions" in cell.source.splitlines()
    ]
    assert len(marked) == 1, "one '## Solutions' heading per notebook"
    i = marked[0]
    return book.cells[:i], book.cells[i], book.cells[i + 1 :]


@pytest.mark.parametrize("name", BOOKS)
def test_no_solution_code_remains(name):
    _, _, after = split_at_solutions(BOOKS[name])
    solutions = [c.source for c in after if c.cell_type == "code"]
    assert solutions, f"{name}: no solution code to remove"
    kept = [c.source for c in edition(name).cells if c.cell_type == "code"]
    for source in solutions:
        assert source not in kept, source
    text = "\n".join(c.source for c in edition(name).cells)
    assert "## Solutions" not in text


@pytest.mark.parametrize("name", BOOKS)
def test_everything_else_is_unchanged(name):
    original = BOOKS[name]
    before, heading, after = split_at_solutions(original)
    kept_text = heading.source.split("## Solutions")[0].rstrip()
    expected = [*before, *([heading] if kept_text else []), after[-1]]
    cells = edition(name).cells
    assert [c.id for c in cells] == [c.id for c in expected]
    assert after[-1].source.startswith(navigation.MARKER)
    for cell, old in zip(cells, expected, strict=True):
        assert cell.cell_type == old.cell_type
        assert cell.metadata == old.metadata
        if old is heading:
            assert cell.source == kept_text
        else:
            assert cell.source == old.source
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
    assert edition(name).metadata == original.metadata
    nbformat.validate(edition(name))


def test_the_edition_is_written_ready_to_hand_out(tmp_path):
    written = student.write(tmp_path)
    assert [p.name for p in written] == [p.name for p in PATHS]
    for path in written:
        book = nbformat.read(path, as_version=4)
        assert book.cells == edition(path.name).cells
    for name in ["README.md", "notebooks/mnist.py", "data/mnist"]:
        assert (tmp_path / name).exists(), name
    scripts = {p.name for p in (tmp_path / "tests").iterdir()}
    assert scripts == {"install.py", "doctor.py"}, "only what make needs"
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\((?![a-z]+:|#)([^)\s#]+)", readme):
        assert (tmp_path / target).exists(), f"README links to {target}"
