"""Tests of the slide-type generator (tests/slides.py), on a small notebook
made here and on copies of the series in a temporary folder: the
committed notebooks are never written."""

import shutil

import nbformat
from nbformat.v4 import (
    new_code_cell,
    new_markdown_cell,
    new_notebook,
    new_output,
)

import navigation
import slides


def code(source, lines=0, images=0):
    cell = new_code_cell(source)
    if lines:
        text = "".join(f"{i}\n" for i in range(lines))
        cell.outputs.append(new_output("stream", name="stdout", text=text))
    for _ in range(images):
        cell.outputs.append(
            new_output("display_data", data={"image/png": "iVBOR"})
        )
    return cell


def optional(cell):
    cell.metadata["tags"] = [navigation.OPTIONAL]
    return cell


def sample():
    """A notebook with every kind of cell, and its expected slide types."""
    nav = f"{navigation.MARKER}\n[Contents](../README.md)"
    cells = [
        (new_markdown_cell("# Title"), "slide"),
        (new_markdown_cell(nav), "skip"),
        (new_markdown_cell("## Overview\n\nWhat we do."), "slide"),
        (code("x = 1", lines=15), "-"),
        (new_markdown_cell("### A detail"), "subslide"),
        (code("print(x)", lines=16), "fragment"),
        (code("plot()", images=1), "-"),
        (code("plots()", images=2), "fragment"),
        (new_markdown_cell("Words, with a #hashtag."), "-"),
        (new_markdown_cell("## Summary"), "slide"),
        (optional(new_markdown_cell("## More (optional)")), "skip"),
        (optional(code("y = 2", lines=40)), "skip"),
        (new_markdown_cell("## Exercises\n\n1. Do it."), "slide"),
        (new_markdown_cell("## Solutions"), "skip"),
        (code("answer = 42"), "skip"),
        (new_markdown_cell(nav), "skip"),
    ]
    book = new_notebook(cells=[cell for cell, _ in cells])
    return book, [kind for _, kind in cells]


def types(cells):
    return [cell.metadata["slideshow"]["slide_type"] for cell in cells]


def test_slide_types_follow_the_structure():
    book, expected = sample()
    assert types(slides.with_slides(book)) == expected


def test_solutions_under_a_heading_inside_a_cell_are_skipped():
    book, _ = sample()
    book.cells[12].source += "\n\n## Solutions"  # Exercises + Solutions
    del book.cells[13]
    found = types(slides.with_slides(book))
    assert found[12] == "slide"
    assert found[13:] == ["skip", "skip"]


def test_only_the_slide_type_changes_and_twice_is_once():
    book, expected = sample()
    book.cells[2].metadata["slideshow"] = {"slide_type": "notes", "x": 1}
    book.cells[3].metadata["tags"] = ["keep-me"]
    before = nbformat.from_dict(book)
    once = nbformat.from_dict({**book, "cells": slides.with_slides(book)})
    assert book == before, "with_slides changed its argument"
    assert [c.id for c in once.cells] == [c.id for c in book.cells]
    assert once.cells[2].metadata["slideshow"] == {
        "slide_type": "slide",
        "x": 1,
    }
    for old, new in zip(book.cells, once.cells, strict=True):
        new = nbformat.from_dict(new)
        del new.metadata["slideshow"]
        old = nbformat.from_dict(old)
        old.metadata.pop("slideshow", None)
        assert new == old
    assert slides.with_slides(once) == once.cells
    assert slides.stale(once) == []
    assert slides.stale(book) == list(range(len(expected)))


def test_make_nav_writes_current_slide_types_on_copies(tmp_path):
    """What the structure test checks: stale before, current after, and
    a second run writes nothing."""
    paths = []
    for path in navigation.notebook_paths():
        shutil.copy2(path, tmp_path / path.name)
        paths.append(tmp_path / path.name)
    before = {p: nbformat.read(p, as_version=4) for p in paths}
    written = slides.write_slides(paths)
    assert set(written) == {p for p in paths if slides.stale(before[p])}
    contents = {p: p.read_bytes() for p in paths}
    for path in paths:
        after = nbformat.read(path, as_version=4)
        assert slides.stale(after) == [], path.name
        old = before[path]
        assert [c.id for c in after.cells] == [c.id for c in old.cells]
        assert [c.source for c in after.cells] == [c.source for c in old.cells]
        assert [c.get("outputs") for c in after.cells] == [
            c.get("outputs") for c in old.cells
        ]
    assert slides.write_slides(paths) == []
    assert {p: p.read_bytes() for p in paths} == contents


def test_a_deck_has_no_optional_cells_and_no_widget_state():
    book, _ = sample()
    book.metadata["widgets"] = {"state": {}}
    deck = slides.deck_notebook(book)
    assert "widgets" not in deck.metadata
    assert not any(slides.is_optional(cell) for cell in deck.cells)
    assert types(deck.cells) == types(slides.with_slides(deck))
