"""Generate the notebooks' navigation cells and the README's notebook table.

Both come from the notebooks' titles (the H1 in each first cell). ``make nav``
rewrites them in place; ``tests/test_structure.py`` checks they are current.
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

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
README = ROOT / "README.md"
MARKER = "<!--NAVIGATION-->"
TABLE_START = "<!-- notebooks:start -->"
TABLE_END = "<!-- notebooks:end -->"
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


def readme_table(paths, titles):
    rows = [f'<a id="{ANCHOR}"></a>', "", "| # | Notebook |", "|---|---|"]
    for path, name in zip(paths, titles, strict=True):
        rows.append(f"| {path.name[:2]} | [{name}](notebooks/{path.name}) |")
    return "\n".join(rows)


def expected_readme(text, paths, titles):
    table = f"{TABLE_START}\n{readme_table(paths, titles)}\n{TABLE_END}"
    pattern = re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END)
    if not re.search(pattern, text, flags=re.S):
        raise SystemExit(f"{README} has no {TABLE_START} ... {TABLE_END}")
    return re.sub(pattern, lambda _: table, text, flags=re.S)


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
    paths = notebook_paths()
    books = [nbformat.read(path, as_version=4) for path in paths]
    titles = [title(book) for book in books]
    for i, (path, book) in enumerate(zip(paths, books, strict=True)):
        cells = with_navigation(book, nav_source(paths, titles, i))
        if [c.source for c in cells] != [c.source for c in book.cells]:
            book.cells = cells
            nbformat.write(book, path)
            print(f"updated {path.relative_to(ROOT)}")
    text = README.read_text(encoding="utf-8")
    new_text = expected_readme(text, paths, titles)
    if new_text != text:
        README.write_text(new_text, encoding="utf-8")
        print("updated README.md")


if __name__ == "__main__":
    sys.exit(main())
