"""Slides: each cell's slide type, from the notebook's structure, and
static reveal.js decks of every notebook's core.

Presenting a notebook with RISE (``make lab``, then "Render as slideshow")
or as a static deck reads each cell's ``metadata.slideshow.slide_type``.
We never set it by hand: ``slide_type`` derives it from what the GUIDE's
anatomy already says, and ``make nav`` writes it (``main``), so that
``tests/test_structure.py`` can fail when it goes stale.

- the title (the H1 in the first cell) and every markdown cell whose first
  line is a ``##`` heading start a slide; a ``###`` heading, a sub-slide;
- the navigation cells, the going-further cells (tagged ``optional``) and
  the Solutions (from the ``## Solutions`` heading to the end) are skipped:
  a class meets the core and the exercises, not their answers;
- a code cell whose stored outputs are long (more than ``LONG_TEXT``
  lines of text, or more than one image) is a fragment: it comes in on
  the next key press, so the slide above it is read first;
- every other cell is ``-``: it follows the cell before it.

``make slides`` (``--decks``) writes ``build/slides/``: one deck per
notebook, ``NN_name.slides.html``, of its core edition (``core.py``) with
these slide types, by nbconvert's ``SlidesExporter``, and an index. It
works offline: reveal.js, require.js, jQuery and MathJax 2 come from the
npm registry at the exact versions of ``NPM`` (installed at build time
into ``build/slides-npm/``, scripts off) and are copied into
``build/slides/vendor/``, which every deck loads by a relative URL; the
theme is reveal's "white", whose fonts ship with it. A check after the
build (``book.remote_resources``) fails if a deck or a style sheet it
loads names another host. The template's mermaid import is left out (no
notebook has a diagram; the build fails if one does), and widget state
too: like the book, a deck shows a widget's text fallback.
"""

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

import core
import navigation
import student

ROOT = navigation.ROOT
OUT = ROOT / "build" / "slides"
NPM_DIR = ROOT / "build" / "slides-npm"
LONG_TEXT = 15  # lines of text output; more make a code cell a fragment
LONG_IMAGES = 1  # images; more make a code cell a fragment
# The npm packages the decks load, at exact versions. MathJax stays at 2:
# nbconvert's reveal template calls MathJax 2's API (MathJax.Hub).
NPM = {
    "jquery": "3.7.1",
    "mathjax": "2.7.9",
    "requirejs": "2.3.8",
    "reveal.js": "4.6.1",
}
# What of each package a deck needs (under vendor/<package>/).
VENDORED = {
    "jquery": ["dist/jquery.min.js", "LICENSE.txt"],
    "mathjax": [
        "MathJax.js",
        "config",
        "extensions",
        "fonts/HTML-CSS/TeX",
        "jax",
        "localization",
        "LICENSE",
    ],
    "requirejs": ["require.js"],
    "reveal.js": [
        "dist/reveal.js",
        "dist/reveal.css",
        "dist/theme/white.css",  # only the theme we use: others load fonts
        "dist/theme/fonts/source-sans-pro",  # from Google
        "plugin/notes/notes.js",
        "LICENSE",
    ],
}
EXPORTER = {
    "reveal_url_prefix": "vendor/reveal.js",
    "reveal_theme": "white",  # "simple", the default, loads Google fonts
    "reveal_scroll": True,  # a slide taller than the screen scrolls
    "require_js_url": "vendor/requirejs/require.js",
    "jquery_url": "vendor/jquery/dist/jquery.min.js",
    "mathjax_url": "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
}
# nbconvert's reveal template imports mermaid from a CDN on every deck.
TEMPLATE = "offline-slides.html.j2"
TEMPLATES = {
    TEMPLATE: "{%- extends 'reveal/index.html.j2' -%}\n"
    "{%- block html_head_js_mermaidjs -%}{%- endblock -%}\n"
}
MERMAID = "text/vnd.mermaid"
TITLE = "MNIST, evaluated properly: slides"


def is_navigation(cell):
    return student.is_navigation(cell)


def is_optional(cell):
    return navigation.OPTIONAL in cell.metadata.get("tags", [])


def long_output(cell):
    """Whether a code cell's stored outputs are too long for its slide."""
    lines = images = 0
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        text = output.get("text", "") or data.get("text/plain", "")
        lines += len("".join(text).splitlines())
        images += sum(1 for key in data if key.startswith("image/"))
    return lines > LONG_TEXT or images > LONG_IMAGES


def solution_cells(notebook):
    """Indices of the Solutions' cells: from the cell that opens with the
    ``## Solutions`` heading (or the one after a cell that holds it
    further down) to the end."""
    try:
        i, j = student.solutions_heading(notebook)
    except ValueError:
        return set()
    return set(range(i if j == 0 else i + 1, len(notebook.cells)))


def slide_type(cell, solution=False):
    """The slide type of one cell (see the module's docstring)."""
    if is_navigation(cell) or is_optional(cell) or solution:
        return "skip"
    if cell.cell_type == "markdown":
        first = navigation.first_line(cell)
        if first.startswith(("# ", "## ")):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    if cell.cell_type == "code" and long_output(cell):
        return "fragment"
    return "-"


def slide_types(notebook):
    solutions = solution_cells(notebook)
    return [
        slide_type(cell, i in solutions)
        for i, cell in enumerate(notebook.cells)
    ]


def with_slides(notebook):
    """The notebook's cells, copied, each with its slide type; everything
    else (ids, tags, other metadata, outputs) as it was."""
    cells = []
    for cell, kind in zip(notebook.cells, slide_types(notebook), strict=True):
        cell = copy.deepcopy(cell)
        show = cell.metadata.get("slideshow", {})
        cell.metadata["slideshow"] = {**show, "slide_type": kind}
        cells.append(cell)
    return cells


def stale(notebook):
    """The indices of the cells whose slide type is not the generated one."""
    return [
        i
        for i, (cell, kind) in enumerate(
            zip(notebook.cells, slide_types(notebook), strict=True)
        )
        if cell.metadata.get("slideshow", {}).get("slide_type") != kind
    ]


def write_slides(paths):
    """Rewrite the notebooks whose slide types are stale; return them."""
    updated = []
    for path in paths:
        notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        cells = with_slides(notebook)
        if cells != notebook.cells:
            notebook.cells = cells
            nbformat.write(notebook, path)
            updated.append(path)
    return updated


def npm_install(packages, npm_dir):
    """Install ``packages`` ({name: exact version}) with npm into
    ``npm_dir``, scripts off; return its ``node_modules`` folder. Raise
    if npm is missing or installs another version."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("no npm: apt-get install npm (or nodejs)")
    npm_dir = Path(npm_dir)
    npm_dir.mkdir(parents=True, exist_ok=True)
    manifest = {"private": True, "dependencies": packages}
    (npm_dir / "package.json").write_text(json.dumps(manifest, indent=2))
    subprocess.run(
        [npm, "install", "--prefix", str(npm_dir), "--ignore-scripts"]
        + ["--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
    )
    modules = npm_dir / "node_modules"
    for package, version in packages.items():
        manifest = modules / package / "package.json"
        installed = json.loads(manifest.read_text())
        if installed["version"] != version:
            raise SystemExit(f"npm installed {package} {installed['version']}")
    return modules


def install_vendor(out, npm_dir=NPM_DIR):
    """Install ``NPM`` with npm into ``npm_dir`` and copy what the decks
    load into ``out / "vendor"``."""
    modules = npm_install(NPM, npm_dir)
    for package, parts in VENDORED.items():
        source = modules / package
        for part in parts:
            target = out / "vendor" / package / part
            target.parent.mkdir(parents=True, exist_ok=True)
            if (source / part).is_dir():
                shutil.copytree(source / part, target)
            else:
                shutil.copy2(source / part, target)


def deck_notebook(notebook):
    """The notebook a deck shows: its core, with generated slide types and
    no widget state (a deck has no kernel)."""
    deck = core.core_edition(notebook)
    deck.cells = with_slides(deck)
    deck.metadata.pop("widgets", None)
    for cell in deck.cells:
        for output in cell.get("outputs", []):
            if MERMAID in output.get("data", {}):
                raise SystemExit("a mermaid diagram: the decks cannot show it")
    return deck


def exporter(templates):
    """nbconvert's SlidesExporter, pointed at the vendored copies, with
    our template (written into the folder ``templates``)."""
    for name, text in TEMPLATES.items():
        (Path(templates) / name).write_text(text, encoding="utf-8")
    return SlidesExporter(
        extra_template_paths=[str(templates)],
        template_file=TEMPLATE,
        **EXPORTER,
    )


def build_decks(out=OUT, npm_dir=NPM_DIR, paths=None):
    """Write a deck of each notebook's core, the vendored scripts and an
    index into ``out``; return the decks. Raise if one loads from
    another host."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    install_vendor(out, npm_dir)
    decks = []
    with tempfile.TemporaryDirectory(prefix="mnist-slides-") as templates:
        slides = exporter(templates)
        for path in paths or navigation.notebook_paths():
            notebook = nbformat.read(path, as_version=4)
            body, _ = slides.from_notebook_node(
                deck_notebook(notebook),
                resources={"metadata": {"name": path.stem}},
            )
            deck = out / f"{path.stem}.slides.html"
            deck.write_text(body, encoding="utf-8")
            decks.append(deck)
    items = "\n".join(
        f'<li><a href="{deck.name}">{deck.stem.removesuffix(".slides")}</a>'
        for deck in decks
    )
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<meta charset="utf-8">\n'
        f"<title>{TITLE}</title>\n<h1>{TITLE}</h1>"
        f"\n<ul>\n{items}\n</ul>\n",
        encoding="utf-8",
    )
    import book  # Sphinx, an extra: `make slides` installs it

    remote = book.remote_resources(out)
    if remote:
        raise SystemExit("decks load from other hosts:\n" + "\n".join(remote))
    return decks


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebook"
    )
    parser.add_argument(
        "--decks", action="store_true", help="build the decks (make slides)"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    paths = args.notebooks or navigation.notebook_paths()
    if args.decks:
        for deck in build_decks(args.out, paths=args.notebooks or None):
            print(f"wrote {os.path.relpath(deck)}")
        print(f"open {args.out / 'index.html'}")
        return 0
    for path in write_slides(paths):
        print(f"updated slide types in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
