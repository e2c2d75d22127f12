"""Check every page of the built book with axe-core, in Chromium.

``make test-browser`` runs this after the book's browser check:
``python tests/accessibility.py build/book``. It opens each HTML page of
the book (``book_pages``) in Debian's headless Chromium, driven by
Playwright as ``tests/browser.py`` does (its ``chromium`` helper), waits
for MathJax, injects axe-core and runs all of axe's rules on the page.
axe-core comes from the npm registry at the exact version of ``AXE``,
installed at test time into ``build/axe-npm/`` with scripts off (the
npm helper of ``tests/slides.py``); nothing is loaded from the network
by the page.

The check fails on

- any violation whose impact is "serious" or "critical" (``FAILING``),
  listed with its page, its rule, the number of elements and a sample
  element (its CSS selector and HTML);
- any ``<img>`` without a non-empty ``alt``: every figure of the book has
  a description a screen reader can read (axe accepts ``alt=""``, which
  marks an image as decoration; a figure is never that).

Violations of lower impact ("moderate", "minor") are counted and listed,
not failed. ``--json FILE`` writes every violation found, for a report.
A page that only redirects (``index.html``, a meta refresh to the
README) is not opened: it would leave before axe could run.
"""

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import browser
import navigation
import slides

ROOT = navigation.ROOT
BOOK = ROOT / "build" / "book"
NPM_DIR = ROOT / "build" / "axe-npm"
AXE = {"axe-core": "4.14.1"}
FAILING = ("serious", "critical")
SAMPLE = 160  # characters of a sample element's HTML in a report
REDIRECT = re.compile(r'<meta http-equiv="refresh"', re.I)

RUN_AXE = """async () => {
    // The style of the <pre> an element is in: a known output's mark.
    const outputStyle = selector => {
        const pre = document.querySelector(selector)?.closest('pre');
        return pre?.getAttribute('style') || '';
    };
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        target: v.nodes[0].target.join(' '),
        html: v.nodes[0].html,
        summary: v.nodes[0].failureSummary,
        context: outputStyle(v.nodes[0].target[0]),
    }));
}"""
# An image without a description: no alt, an empty one, or a file name
# (Sphinx writes the image's path when it has no alt text).
NO_ALT = """() => Array.from(document.images).filter(img => {
        const alt = (img.getAttribute('alt') || '').trim();
        return !alt || alt === img.getAttribute('src')
            || /\\.(png|jpe?g|gif|svg|webp)$/i.test(alt);
    }).map(img => img.getAttribute('src'))"""
# A hint for a failure whose cause we know.
HINTS = {
    "color-contrast": (
        "font-family:Menlo",
        "a Keras model.summary() in colour: print it with "
        "mnist.print_summary(model), plain text",
    ),
}
TYPESET = """[document.querySelectorAll('.math').length,
             document.querySelectorAll('.math mjx-container').length]"""


def install_axe(npm_dir=NPM_DIR):
    """Install ``AXE`` with npm; return the path of ``axe.min.js``."""
    modules = slides.npm_install(AXE, npm_dir)
    return modules / "axe-core" / "axe.min.js"


def book_pages(book):
    """Every HTML page of the book, as paths relative to it, but the
    theme's own files and pages that only redirect."""
    pages = []
    for path in sorted(Path(book).rglob("*.html")):
        name = path.relative_to(book).as_posix()
        if name.startswith("_"):
            continue
        if REDIRECT.search(path.read_text(encoding="utf-8")):
            continue
        pages.append(name)
    return pages


def check_page(page, book, name, axe_js):
    """Run axe on one page; return its violations and its images without
    alt text."""
    page.goto((Path(book) / name).as_uri())
    page.wait_for_load_state("load")
    for _ in range(40):  # MathJax typesets after the page has loaded
        math, typeset = page.evaluate(TYPESET)
        if typeset >= math:
            break
        time.sleep(0.25)
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(RUN_AXE)
    for violation in violations:
        violation["page"] = name
    return violations, page.evaluate(NO_ALT)


def check_book(book, axe_js, pages=None):
    """Check every page; return its violations and {page: images without
    alt text}."""
    book = Path(book).resolve()
    violations, no_alt = [], {}
    with browser.chromium() as page:

        def local_only(request):  # the book reads only its own files
            if not request.url.startswith(("file:", "data:", "blob:")):
                violations.append(
                    {
                        "page": page.url,
                        "rule": "remote-request",
                        "impact": "critical",
                        "help": "The book loads a file from another host",
                        "nodes": 1,
                        "target": request.url,
                        "html": "",
                        "summary": "",
                    }
                )

        page.on("request", local_only)
        for name in pages or book_pages(book):
            start = time.monotonic()
            found, images = check_page(page, book, name, axe_js)
            violations += found
            if images:
                no_alt[name] = images
            counts = Counter(v["impact"] for v in found)
            shown = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
            browser.log(
                f"axe {name}: {len(found)} rules violated"
                f"{f' ({shown})' if shown else ''}, {len(images)} images "
                f"without alt, {time.monotonic() - start:.0f} s"
            )
    return violations, no_alt


def report(violations, no_alt):
    """Lines that list what fails, then a count by rule; and whether the
    book fails."""
    failing = [v for v in violations if v["impact"] in FAILING]
    lines = []
    for v in failing:
        html = " ".join(v["html"].split())
        if len(html) > SAMPLE:
            html = html[: SAMPLE - 3] + "..."
        lines += [
            f"{v['page']}: {v['impact']} {v['rule']}: {v['help']} "
            f"({v['nodes']} elements)",
            f"    e.g. {v['target']}: {html}",
        ]
        marker, hint = HINTS.get(v["rule"], (None, None))
        if marker and marker in v["html"] + v.get("context", ""):
            lines.append(f"    cause: {hint}")
    for name, images in no_alt.items():
        lines.append(f"{name}: {len(images)} images without alt text")
        lines.append(f"    e.g. {images[0]}")
    by_rule = Counter()
    for v in violations:
        by_rule[(v["impact"], v["rule"])] += v["nodes"]
    if by_rule:
        lines.append("elements in violation, by impact and rule:")
        for (impact, rule), n in sorted(by_rule.items()):
            lines.append(f"  {impact:9} {rule:28} {n}")
    lines.append(
        f"{len(failing)} serious or critical violations (page by rule), "
        f"{sum(map(len, no_alt.values()))} images without alt text"
    )
    return lines, bool(failing or no_alt)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path, nargs="?", default=BOOK)
    parser.add_argument("--json", type=Path, help="write every violation")
    parser.add_argument("--npm-dir", type=Path, default=NPM_DIR)
    parser.add_argument(
        "--page", action="append", help="a page to check (default: all)"
    )
    args = parser.parse_args(argv)
    if browser.chromium_path() is None:
        sys.exit("no chromium: apt-get install chromium (as root)")
    if not (args.book / "README.html").is_file():
        sys.exit(f"no book in {args.book}: run `make book` first")
    start = time.monotonic()
    axe_js = install_axe(args.npm_dir)
    violations, no_alt = check_book(args.book, axe_js, args.page)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"violations": violations, "no_alt": no_alt}, indent=1)
        )
    lines, failed = report(violations, no_alt)
    browser.log("\n".join(lines))
    browser.log(
        f"the accessibility check took {time.monotonic() - start:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
