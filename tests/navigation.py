"""Generate what the notebooks and the README say about the series' shape.

From the notebooks themselves: the navigation cells and the README's
notebook table (from the titles, the H1 in each first cell); the **Time**
line of each Overview (study minutes by the GUIDE's count); the README's
course path (sessions, with their core and going-further minutes and Run
All seconds), its concept index (concept -> home section, checked to
exist) and its glossary (``glossary.py``). ``make nav`` rewrites them in
place; ``tests/test_structure.py`` checks they are current. Run All
seconds come from ``make bench``: ``python tests/navigation.py --seconds
build/bench.json`` takes them from its JSON; otherwise each Overview keeps
the seconds it states.
A navigation cell is a markdown cell that starts with ``MARKER``: the second
cell and the last cell of every notebook.

Their "Contents" link points at an anchor of its own, ``<a id="ANCHOR">``,
written with the table, not at the heading above it. A heading's anchor is
spelled differently in each place the README is read: GitHub and the book
make "The notebooks" ``the-notebooks``, but JupyterLab's Markdown viewer
keeps the case, ``The-notebooks``, and matches a fragment case-sensitively.
An ``id`` of our own is the same everywhere (the book turns it into a
target; see ``tests/book.py``).
"""

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

from glossary import GLOSSARY

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
README = ROOT / "README.md"
MARKER = "<!--NAVIGATION-->"
TABLE_START = "<!-- notebooks:start -->"
TABLE_END = "<!-- notebooks:end -->"
PATH_START = "<!-- path:start -->"
PATH_END = "<!-- path:end -->"
INDEX_START = "<!-- concepts:start -->"
INDEX_END = "<!-- concepts:end -->"
GLOSSARY_START = "<!-- glossary:start -->"
GLOSSARY_END = "<!-- glossary:end -->"
OPTIONAL = "optional"  # the cell tag of going-further material
TIME = re.compile(
    r"^\*\*Time:\*\* core (\d+) min of study, going further (\d+) min; "
    r"Run All about (\d+) s on a 2-core laptop\.$",
    re.M,
)
# Sessions: the cores of these notebooks, and the minutes they must fit.
SESSIONS = [
    ("Session 1", ("01", "02"), 60),
    ("Session 2", ("03", "04"), 60),
    ("Session 3", ("05", "06"), 60),
    ("Session 4", ("07", "08"), 60),
    ("Sessions 5-6, advanced", ("09", "10", "11"), 120),
]
# Each concept's home: (concept, notebook number, its `##` heading).
CONCEPTS = [
    ("The IDX file format", "01", "What is in an IDX file"),
    ("Checksums", "01", "Checking the files (optional)"),
    ("Class balance", "01", "Is MNIST balanced?"),
    ("Scaling and flattening pixels", "01", "Scaling and flattening"),
    ("The canonical train/test split", "01", "Keep the canonical split"),
    ("SGD, a linear classifier", "02", "A first classifier: SGD"),
    ("Cross-validation, out-of-fold predictions", "02", "Cross-validation"),
    ("Accuracy and the dummy baseline", "02", "The accuracy trap"),
    ("The confusion matrix", "02", "The confusion matrix"),
    ("Precision, recall and F1", "02", "Precision, recall and F1"),
    ("Decision scores and thresholds", "02", "Scores and thresholds"),
    ("The PR curve and average precision", "02", "The precision/recall curve"),
    ("The ROC curve and AUC", "02", "The ROC curve"),
    ("AP against AUC: what each averages", "02", "AP or AUC?"),
    ("The test set, used once", "02", "The test set, once"),
    ("Standard error of a share", "02", "The test set, once"),
    (
        "A threshold chosen by cost",
        "02",
        "Choosing a threshold by cost (optional)",
    ),
    ("One-vs-rest", "03", "One-vs-rest: one binary classifier per digit"),
    (
        "The multiclass confusion matrix",
        "03",
        "The multiclass confusion matrix",
    ),
    ("Log loss (cross-entropy)", "03", "Log loss (cross-entropy)"),
    ("One-vs-one", "03", "One-vs-one (optional)"),
    ("Error analysis", "03", "Error analysis (optional)"),
    (
        "Standardisation or min-max scaling",
        "03",
        "Standardisation or min-max scaling? (optional)",
    ),
    ("k-nearest neighbours", "04", "A classifier that remembers"),
    (
        "Grid search, paired fold differences",
        "04",
        "A grid search on validation folds",
    ),
    (
        "Multilabel classification",
        "04",
        "Two labels per image: multilabel classification (optional)",
    ),
    (
        "Multioutput regression",
        "04",
        "Many outputs: cleaning noisy images (optional)",
    ),
    ("Softmax and a dense layer", "05", "A single dense layer with softmax"),
    ("Hidden layers", "05", "A hidden layer"),
    ("Training curves", "05", "Training curves"),
    ("Sigmoid against softmax outputs", "05", "Sigmoid outputs (optional)"),
    ("Logits", "05", "A single dense layer with softmax"),
    ("`from_logits`", "05", "Logits and `from_logits` (optional)"),
    ("Convolutions", "06", "Why convolutions"),
    ("A convolutional network, dropout", "06", "The model"),
    ("Parameters and multiply-adds", "06", "Parameters and multiply-adds"),
    (
        "Saving and reloading a model",
        "06",
        "Saving and reloading the model (optional)",
    ),
    (
        "Confusion-matrix heatmaps: counts, by row, by column, errors",
        "07",
        "Four heatmaps of one matrix",
    ),
    ("The per-class table", "07", "A per-class table"),
    ("Why a per-class table flatters", "07", "Why the table flatters"),
    ("Micro, macro and weighted averages", "08", "Three averages, by hand"),
    (
        "One-vs-rest ROC over ten classes",
        "08",
        "ROC curves, one digit against the rest",
    ),
    (
        "One-vs-rest precision-recall over ten classes",
        "08",
        "Precision-recall curves, one digit against the rest",
    ),
    ("Margins as ranking scores for SGD", "08", "Which scores for SGD?"),
    (
        "Balanced accuracy, kappa and MCC",
        "08",
        "Balanced accuracy, kappa and MCC (optional)",
    ),
    ("The bootstrap", "09", "Bootstrap confidence intervals"),
    (
        "The p-value, McNemar's exact test",
        "09",
        "McNemar's exact test and the p-value",
    ),
    (
        "Cochran's Q (any difference at all?)",
        "09",
        "Cochran's Q: any difference among the five?",
    ),
    (
        "Holm's correction for many pairs",
        "09",
        "Ten pairs and Holm's correction",
    ),
    ("Temperature scaling", "10", "Temperature scaling by hand"),
    (
        "Calibration: Brier score, ECE",
        "10",
        "Measuring calibration",
    ),
    ("Reliability diagrams", "10", "Reliability diagrams"),
    ("A reject option, accuracy against coverage", "10", "A reject option"),
    ("Training luck: seeds", "11", "Training luck: one recipe, five seeds"),
    (
        "Training luck against test-sample luck",
        "11",
        "The two kinds of luck side by side",
    ),
    (
        "How rough a spread from a few runs is",
        "11",
        "What five seeds can tell",
    ),
    (
        "Comparing two methods: the 5x2cv tests",
        "11",
        "Comparing two methods: the 5×2cv tests",
    ),
]
ANCHOR = "notebook-table"
CONTENTS = f"../README.md#{ANCHOR}"


def notebook_paths():
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def title(notebook):
    first = notebook.cells[0].source.strip().splitlines()[0]
    return first.removeprefix("# ").strip()


def nav_source(paths, titles, i):
    parts = []
    if i > 0:
        parts.append(f"< [{titles[i - 1]}]({paths[i - 1].name})")
    parts.append(f"[Contents]({CONTENTS})")
    if i < len(paths) - 1:
        parts.append(f"[{titles[i + 1]}]({paths[i + 1].name}) >")
    return f"{MARKER}\n" + " | ".join(parts)


def words(text):
    return len(re.findall(r"\w+", text))


def first_line(cell):
    text = cell.source.strip()
    return text.splitlines()[0] if text else ""


def study_minutes(notebook):
    """(core, going further) study minutes, by the GUIDE's count.

    Markdown words / 200 + 0.75 per code cell; the core runs from the
    Overview to the Summary (not included), cells tagged ``optional`` left
    out; those are counted as going further wherever they stand.
    """
    core = extra = 0.0
    in_core = False
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            if first_line(cell).startswith("## Overview"):
                in_core = True
            if first_line(cell).startswith("## Summary"):
                in_core = False
            cost = words(cell.source) / 200
        else:
            cost = 0.75
        if OPTIONAL in cell.metadata.get("tags", []):
            extra += cost
        elif in_core:
            core += cost
    return core, extra


def stated_seconds(notebook):
    """The Run All seconds an Overview states, or None."""
    for cell in notebook.cells:
        match = TIME.search(cell.source)
        if match:
            return int(match.group(3))
    return None


def time_line(notebook, seconds):
    core, extra = study_minutes(notebook)
    return (
        f"**Time:** core {round(core)} min of study, going further "
        f"{round(extra)} min; Run All about {seconds} s on a 2-core laptop."
    )


def with_time(notebook, seconds):
    """Return the notebook's cells with a current Time line."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and TIME.search(cell.source):
            cell = nbformat.from_dict(dict(cell))
            cell.source = TIME.sub(time_line(notebook, seconds), cell.source)
        cells.append(cell)
    return cells


def readme_table(paths, titles):
    rows = [f'<a id="{ANCHOR}"></a>', "", "| # | Notebook |", "|---|---|"]
    for path, name in zip(paths, titles, strict=True):
        rows.append(f"| {path.name[:2]} | [{name}](notebooks/{path.name}) |")
    return "\n".join(rows)


def course_path(paths, books):
    """The README's table of sessions: notebooks, minutes, seconds."""
    by_number = {p.name[:2]: (p, b) for p, b in zip(paths, books, strict=True)}
    rows = [
        "| session | notebooks | core study | going further | Run All |",
        "|---|---|---|---|---|",
    ]
    for session, numbers, _ in SESSIONS:
        present = [by_number[n] for n in numbers if n in by_number]
        if not present:
            continue
        links = ", ".join(
            f"[{p.name[:2]}](notebooks/{p.name})" for p, _ in present
        )
        core = sum(study_minutes(b)[0] for _, b in present)
        extra = sum(study_minutes(b)[1] for _, b in present)
        seconds = [stated_seconds(b) for _, b in present]
        run_all = "?" if None in seconds else f"{sum(seconds)} s"
        rows.append(
            f"| {session} | {links} | {round(core)} min | {round(extra)} min"
            f" | {run_all} |"
        )
    return "\n".join(rows)


def home_link(number, heading, by_number):
    """A link to the section ``## heading`` of notebook ``number``; the
    section must exist."""
    path, book = by_number[number]
    headings = {first_line(c) for c in book.cells}
    if f"## {heading}" not in headings:
        raise SystemExit(f"{path.name} has no section '## {heading}'")
    return f"[{number}](notebooks/{path.name}): {heading}"


def concept_index(paths, books):
    """The README's concept index: concept -> notebook and section."""
    by_number = {p.name[:2]: (p, b) for p, b in zip(paths, books, strict=True)}
    rows = ["| concept | home |", "|---|---|"]
    for concept, number, heading in CONCEPTS:
        rows.append(f"| {concept} | {home_link(number, heading, by_number)} |")
    return "\n".join(rows)


def glossary(paths, books):
    """The README's glossary: term, one sentence, the section teaching it."""
    by_number = {p.name[:2]: (p, b) for p, b in zip(paths, books, strict=True)}
    rows = ["| term | meaning | taught in |", "|---|---|---|"]
    for term, meaning, number, heading in sorted(
        GLOSSARY, key=lambda entry: entry[0].lower()
    ):
        link = home_link(number, heading, by_number)
        rows.append(f"| {term} | {meaning} | {link} |")
    return "\n".join(rows)


def replace_between(text, start, end, body):
    pattern = re.escape(start) + ".*?" + re.escape(end)
    if not re.search(pattern, text, flags=re.S):
        raise SystemExit(f"{README} has no {start} ... {end}")
    block = f"{start}\n{body}\n{end}"
    return re.sub(pattern, lambda _: block, text, flags=re.S)


def expected_readme(text, paths, titles, books=None):
    text = replace_between(
        text, TABLE_START, TABLE_END, readme_table(paths, titles)
    )
    if books is None:
        return text
    text = replace_between(
        text, PATH_START, PATH_END, course_path(paths, books)
    )
    text = replace_between(
        text, INDEX_START, INDEX_END, concept_index(paths, books)
    )
    return replace_between(
        text, GLOSSARY_START, GLOSSARY_END, glossary(paths, books)
    )


def with_navigation(notebook, source):
    """Return the notebook's cells with current navigation cells."""
    cells = [
        cell
        for cell in notebook.cells
        if not (
            cell.cell_type == "markdown" and cell.source.startswith(MARKER)
        )
    ]
    top = nbformat.v4.new_markdown_cell(source)
    bottom = nbformat.v4.new_markdown_cell(source)
    old = [c for c in notebook.cells if c.source.startswith(MARKER)]
    if len(old) == 2:  # keep the cell ids, so a rerun changes nothing
        top.id, bottom.id = old[0].id, old[1].id
    return [cells[0], top, *cells[1:], bottom]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=Path, help="make bench's JSON of Run All seconds"
    )
    args = parser.parse_args()
    measured = {}
    if args.seconds:
        bench = json.loads(args.seconds.read_text(encoding="utf-8"))
        measured = {name: round(r["wall"]) for name, r in bench.items()}
    paths = notebook_paths()
    books = [nbformat.read(path, as_version=4) for path in paths]
    titles = [title(book) for book in books]
    for i, (path, book) in enumerate(zip(paths, books, strict=True)):
        cells = with_navigation(book, nav_source(paths, titles, i))
        seconds = measured.get(path.name, stated_seconds(book))
        if seconds is not None:
            cells = with_time(
                nbformat.from_dict({**book, "cells": cells}), seconds
            )
        if [c.source for c in cells] != [c.source for c in book.cells]:
            book.cells = cells
            nbformat.write(book, path)
            print(f"updated {path.relative_to(ROOT)}")
    text = README.read_text(encoding="utf-8")
    new_text = expected_readme(text, paths, titles, books)
    if new_text != text:
        README.write_text(new_text, encoding="utf-8")
        print("updated README.md")


if __name__ == "__main__":
    sys.exit(main())
