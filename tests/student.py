"""Write the student edition: the notebooks without Solutions or outputs.

``make student`` writes ``build/student/`` (git-ignored), ready to hand
out: the series as a learner needs it to run (README, licence, Makefile,
requirements and locks, ``data/``, ``figures/`` and ``notebooks/mnist.py``;
of ``tests/``, only the install and doctor scripts), with
each notebook stripped of its ``## Solutions`` section and of every
output. The committed notebooks are not changed.

The notebooks carry no tags for their solutions, so ``tag_solutions``
derives them from the skeleton every notebook shares (and
tests/test_structure.py checks): the solutions run from the
``## Solutions`` heading to the navigation cell that ends the notebook.
The heading often shares a markdown cell with the Summary and the
Exercises; that cell is split in two at the heading. nbconvert's
``TagRemovePreprocessor`` then removes the tagged cells and
``ClearOutputPreprocessor`` the outputs and execution counts.
"""

import argparse
import copy
import os
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import (
    ClearOutputPreprocessor,
    TagRemovePreprocessor,
)

import navigation

ROOT = navigation.ROOT
OUT = ROOT / "build" / "student"
HEADING = "## Solutions"
TAG = "solution"
# What a learner needs besides the notebooks.
FILES = ["README.md", "LICENSE", "Makefile", "environment.yml"]
FILES += ["requirements.txt", "requirements-extras.txt", "requirements.lock"]
FILES += ["requirements-extras.lock", "CHANGELOG.md", "CITATION.cff"]
# The two scripts `make install` and `make doctor` run.
FILES += ["tests/install.py", "tests/doctor.py"]
FOLDERS = ["data", "figures"]


def solutions_heading(book):
    """(cell index, line index) of the ``## Solutions`` heading."""
    for i, cell in enumerate(book.cells):
        if cell.cell_type != "markdown":
            continue
        for j, line in enumerate(cell.source.splitlines()):
            if line.rstrip() == HEADING:
                return i, j
    raise ValueError(f"no {HEADING!r} heading")


def is_navigation(cell):
    return cell.cell_type == "markdown" and cell.source.startswith(
        navigation.MARKER
    )


def tag_solutions(book):
    """A copy of ``book`` whose solution cells carry the tag ``TAG``."""
    book = copy.deepcopy(book)
    i, j = solutions_heading(book)
    cell = book.cells[i]
    lines = cell.source.splitlines()
    if j > 0:  # split the cell at the heading
        cell.source = "\n".join(lines[:j]).rstrip()
        first = nbformat.v4.new_markdown_cell("\n".join(lines[j:]))
        first.id = f"{cell.id}-solutions"[:64]
        book.cells.insert(i + 1, first)
        i += 1
    end = len(book.cells)
    if is_navigation(book.cells[-1]):
        end -= 1
    for cell in book.cells[i:end]:
        tags = cell.metadata.setdefault("tags", [])
        if TAG not in tags:
            tags.append(TAG)
    return book


def student_edition(book):
    """``book`` without its solution cells and without outputs."""
    book = tag_solutions(book)
    resources = {}
    remove = TagRemovePreprocessor(remove_cell_tags={TAG})
    book, resources = remove.preprocess(book, resources)
    book, resources = ClearOutputPreprocessor().preprocess(book, resources)
    nbformat.validate(book)
    return book


def write(out=OUT, edition=student_edition):
    """Write an edition (by default the student's) into ``out``, with what
    a learner needs to run it; return the notebooks."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    for name in FILES:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, out / name)
    for name in FOLDERS:
        shutil.copytree(ROOT / name, out / name)
    (out / "notebooks").mkdir()
    for module in sorted((ROOT / "notebooks").glob("*.py")):
        shutil.copy2(module, out / "notebooks" / module.name)
    written = []
    for path in navigation.notebook_paths():
        book = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        nbformat.write(edition(book), out / "notebooks" / path.name)
        written.append(out / "notebooks" / path.name)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for path in write(args.out):
        print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    sys.exit(main())
