"""Build the series as a static HTML book, without executing a notebook.

``make book`` writes the site to ``build/book/`` (git-ignored); open
``build/book/index.html``. The committed notebooks are read as they are,
with their stored outputs: nothing retrains. The README is the landing
page, with the notebook table, and the notebooks follow in order in the
book's table of contents.

Everything the site needs is in it: MathJax comes from the pinned
``sphinx-mathjax-offline`` package, and a check after the build fails if a
page loads a script, a style sheet or an image from another host. Warnings
are errors.

There is no conf.py: Sphinx's settings are ``CONFIG`` below, and this
module is also the Sphinx extension that

- adds the table of contents to the README, as a hidden toctree,
  so that the README itself stays plain Markdown;
- folds each notebook's ``## Solutions`` section behind one toggle (an
  HTML ``<details>``), up to the navigation line at the end;
- opens each going-further section (its title ends in "(optional)") with
  a "Going further" note;
- turns a link to a folder of the repository (such as ``data/mnist``),
  which a book cannot show, into plain text;
- makes an HTML anchor on a line of its own, ``<a id="name"></a>`` (the
  README's notebook table has one, for the notebooks' "Contents" link), a
  MyST target ``(name)=``, so that links to ``page.md#name`` resolve;
- makes the empty header cells of pandas tables (the corner above the
  index, the blanks beside an index name) plain cells: they head nothing,
  and a screen reader would announce an empty header.

Every figure's alt text is its cell's one-line description, in myst-nb's
cell metadata ``{"mystnb": {"image": {"alt": "..."}}}``, which myst-nb
writes into the page (tests/test_structure.py checks each figure has one;
tests/accessibility.py that each image in the book carries it).

After the build, ``THEME_FIXES`` mends what axe-core finds in the theme's
own HTML (``tests/accessibility.py`` checks every page).
"""

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

import navigation

ROOT = navigation.ROOT
OUT = ROOT / "build" / "book"
SOLUTIONS = "Solutions"
OPTIONAL_TITLE = "(optional)"
GOING_FURTHER = (
    "Going further",
    "An optional section, beyond this notebook's core: "
    "no core section of the course depends on it.",
)
SUMMARY = "Show the solutions"
# The Markdown pages besides the notebooks; what they link to is staged too.
PAGES = ["README.md", "data/README.md"]
# README sections the book shows as pages of their own, before and after
# the notebooks; the landing page keeps a link to each.
SECTION_PAGES = {
    "The course path": "course-path",
    "Glossary": "glossary",
    "Where next": "where-next",
}
LOCAL_LINK = re.compile(r"\]\((?![a-z]+:|#)([^)\s#]+)")
HTML_ANCHOR = re.compile(r'^<a id="([\w-]+)"></a>$', re.M)
TITLE = "MNIST, evaluated properly"

CONFIG = {
    "project": TITLE,
    "author": "the MNIST series authors",  # as in LICENSE
    "root_doc": "README",
    "extensions": ["myst_nb", "sphinx-mathjax-offline", "book"],
    "exclude_patterns": [".doctrees"],
    "html_theme": "sphinx_book_theme",
    "html_title": TITLE,
    "html_theme_options": {"home_page_in_toc": True, "show_toc_level": 2},
    "html_show_sphinx": False,
    "html_last_updated_fmt": None,
    "nb_execution_mode": "off",
    # Widgets need a running kernel: the book shows their text fallback
    # and loads no widget script from a CDN.
    "nb_ipywidgets_js": {},
    "nb_mime_priority_overrides": [
        ("html", "application/vnd.jupyter.widget-view+json", None),
        ("html", "application/vnd.jupyter.widget-state+json", None),
    ],
    "myst_enable_extensions": ["dollarmath"],
    "myst_heading_anchors": 2,
}


# Exact replacements in every themed page, for what axe-core finds in
# sphinx-book-theme 1.4.0's HTML; the build fails if one no longer
# applies (a new theme: run tests/accessibility.py again).
THEME_FIXES = [
    # The search field's visible text is "Search Ctrl+K"; its aria-label,
    # "Search", hid the shortcut from its accessible name (axe's
    # label-content-name-mismatch). Its text now names it.
    (
        'title="Search" aria-label="Search" data-bs-placement',
        'title="Search" data-bs-placement',
    ),
    # The primary sidebar (the book's title, search and table of contents)
    # was a plain <div>, so its title sat outside every landmark.
    (
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar"'
        ' role="navigation" aria-label="Book">',
    ),
]
EMPTY_HEADER = re.compile(r"<th>\s*</th>")


def plain_corner_cells(app, doctree):
    """In the HTML of cell outputs, an empty header cell becomes a plain
    one: pandas writes ``<th></th>`` above and beside its index."""
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if raw.get("format") != "html" or not EMPTY_HEADER.search(text):
            continue
        fixed = nodes.raw(
            text=EMPTY_HEADER.sub("<td></td>", text), **raw.attributes
        )
        raw.replace_self(fixed)


class solutions(nodes.General, nodes.Element):
    """The part of a Solutions section that the reader unfolds."""


def visit_solutions(translator, node):
    translator.body.append(
        f'<details class="solutions"><summary>{SUMMARY}</summary>\n'
    )


def depart_solutions(translator, node):
    translator.body.append("</details>\n")


def fold_solutions(app, doctree):
    """Wrap each Solutions section, up to the navigation line, in a fold."""
    for section in list(doctree.findall(nodes.section)):
        title = section.next_node(nodes.title)
        if title is None or title.astext() != SOLUTIONS:
            continue
        body = section.children[1:]
        end = next(
            (
                i
                for i, child in enumerate(body)
                if isinstance(child, nodes.raw)
                and child.astext().strip() == navigation.MARKER
            ),
            len(body),
        )
        fold = solutions()
        fold.extend(body[:end])
        section.children = [section.children[0], fold, *body[end:]]
        fold.parent = section
        for child in fold.children:
            child.parent = fold


def mark_optional(app, doctree):
    """Open each going-further section, "(optional)" in its title, with a
    note that says so, as a class meets it in the book."""
    for section in list(doctree.findall(nodes.section)):
        title = section.next_node(nodes.title)
        if title is None or not title.astext().endswith(OPTIONAL_TITLE):
            continue
        note = nodes.admonition(classes=["going-further"])
        note += nodes.title(text=GOING_FURTHER[0])
        note += nodes.paragraph(text=GOING_FURTHER[1])
        section.insert(section.index(title) + 1, note)


def add_table_of_contents(app, docname, source):
    """Give the README a hidden toctree: the course path, the notebooks in
    order, the glossary, where next, then the data's README."""
    if docname != app.config.root_doc:
        return
    first, *after = SECTION_PAGES.values()
    entries = [f"notebooks/{p.stem}" for p in navigation.notebook_paths()]
    entries = "\n".join([first, *entries, *after, "data/README"])
    source[0] += f"\n\n```{{toctree}}\n:hidden:\n\n{entries}\n```\n"


def anchors_as_targets(app, docname, source):
    """``<a id="name"></a>`` on a line of its own becomes ``(name)=``: the
    same anchor in the page, and one that MyST's links know."""
    source[0] = HTML_ANCHOR.sub(r"(\1)=", source[0])


class UnlinkFolders(SphinxPostTransform):
    """A link to a folder of the repository becomes its text."""

    default_priority = 8  # before myst's reference resolver (9)

    def run(self, **kwargs):
        srcdir = Path(self.env.srcdir)
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        for node in list(self.document.findall(pending_xref)):
            target = node.get("reftarget", "")
            if node.get("reftype") != "myst" or not target:
                continue
            path = (docdir / target).resolve()
            if path.is_dir() and path.is_relative_to(srcdir):
                node.replace_self(node.children)


def setup(app):
    app.add_node(solutions, html=(visit_solutions, depart_solutions))
    app.connect("doctree-read", fold_solutions)
    app.connect("doctree-read", mark_optional)
    app.connect("doctree-read", plain_corner_cells)
    app.connect("source-read", add_table_of_contents)
    app.connect("source-read", anchors_as_targets)
    app.add_post_transform(UnlinkFolders)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def split_sections(readme):
    """Move each of ``SECTION_PAGES`` out of the staged README into a page
    of its own, leaving a link in its place."""
    text = readme.read_text(encoding="utf-8")
    for heading, name in SECTION_PAGES.items():
        pattern = re.compile(
            rf"^## {re.escape(heading)}\n(.*?)(?=^## )", re.S | re.M
        )
        section = pattern.search(text)
        if not section:
            raise SystemExit(f"README.md has no section '## {heading}'")
        page = f"# {heading}\n{section.group(1)}"
        (readme.parent / f"{name}.md").write_text(page, encoding="utf-8")
        link = f"## {heading}\n\nOn its own page: [{heading}]({name}.md).\n\n"
        text = text.replace(section.group(0), link)
    readme.write_text(text, encoding="utf-8")


def stage(destination):
    """Copy what the book shows into ``destination``: the pages, the
    notebooks, and the files the pages link to (images, downloads). A
    folder they link to is made empty, so that its link becomes text."""
    paths = [ROOT / name for name in PAGES] + navigation.notebook_paths()
    for page in PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        for target in LOCAL_LINK.findall(text):
            path = ((ROOT / page).parent / target).resolve()
            if path.is_dir():
                folder = destination / path.relative_to(ROOT)
                folder.mkdir(parents=True, exist_ok=True)
            elif path not in paths:
                paths.append(path)
    for path in paths:
        target = destination / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    split_sections(destination / "README.md")


REMOTE = re.compile(
    r"<(?:script|img|link|iframe|source)\b[^>]*?\b(?:src|href)="
    r"[\"']((?:https?:)?//[^\"']+)",
    re.I,
)


def remote_resources(out):
    """Every URL on another host that a page of the site would load."""
    found = []
    for page in sorted(out.rglob("*.html")):
        urls = REMOTE.findall(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(out)}: {url}" for url in urls]
    for sheet in sorted(out.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*[\"']?((?:https?:)?//[^)\"']+)", text):
            found.append(f"{sheet.relative_to(out)}: {url}")
    return found


def fix_theme(out):
    """Apply ``THEME_FIXES`` to every page the theme wrote; raise if one
    does not apply to a page."""
    missing = []
    for page in sorted(Path(out).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "bd-sidebar-primary" not in text:  # not a themed page
            continue
        for old, new in THEME_FIXES:
            if old not in text:
                missing.append(f"{page.relative_to(out)}: {old}")
            text = text.replace(old, new)
        page.write_text(text, encoding="utf-8")
    if missing:
        raise SystemExit("theme fixes no longer apply:\n" + "\n".join(missing))


def build(out=OUT, quiet=False):
    """Build the book into ``out``; raise if Sphinx warns or a page is
    not self-contained."""
    out = Path(out).resolve()
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="mnist-book-") as scratch:
        source = Path(scratch)
        stage(source)
        here = str(Path(__file__).resolve().parent)
        if here not in sys.path:  # Sphinx imports this module by name
            sys.path.insert(0, here)
        app = Sphinx(
            srcdir=source,
            confdir=None,
            outdir=out,
            doctreedir=source / ".doctrees",
            buildername="html",
            confoverrides=CONFIG,
            status=None if quiet else sys.stdout,
            warning=sys.stderr,
            freshenv=True,
            warningiserror=True,
        )
        app.build(force_all=True)
        if app.statuscode:
            raise SystemExit(f"sphinx failed with status {app.statuscode}")
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<meta charset="utf-8">\n'
        '<meta http-equiv="refresh" content="0; url=README.html">\n'
        f'<title>{TITLE}</title>\n<a href="README.html">{TITLE}</a>\n',
        encoding="utf-8",
    )
    unmarked = [
        page.name
        for page in sorted((out / "notebooks").glob("*.html"))
        if (text := page.read_text(encoding="utf-8")).count(
            f'{OPTIONAL_TITLE}<a class="headerlink"'
        )
        != text.count('"going-further admonition"')
    ]
    if unmarked:
        raise SystemExit(f"optional sections without a note: {unmarked}")
    fix_theme(out)
    remote = remote_resources(out)
    if remote:
        raise SystemExit("pages load from other hosts:\n" + "\n".join(remote))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    out = build(args.out, args.quiet)
    print(f"open {out / 'index.html'}")


if __name__ == "__main__":
    main()
