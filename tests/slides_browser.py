"""Open each reveal.js deck (``make slides``) in Chromium, offline.

``make test-browser`` runs ``python tests/slides_browser.py build/slides``
after building the decks. Every request for anything but a local file
(``file:``, ``data:``, ``blob:``, or a server on this machine) is aborted
and counted as a problem, and so is a local file that does not load and
an error the page's scripts raise. Each deck must then

- show its first slide: reveal.js has started (``.reveal.ready``), the
  first horizontal slide is the present one, on screen, with the
  notebook's title;
- have MathJax ready and every image loaded;
- go on: ArrowRight makes the second slide the present one, and Space
  then moves on again (to a fragment or to the next slide).

Chromium is the one ``tests/browser.py`` drives (Debian's, by
Playwright). ``tests/test_slides_browser.py`` runs the check on a deck
that loads reveal.js from a CDN, which must fail it.
"""

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import browser

LOCAL_SCHEMES = ("file", "data", "blob", "about")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# (horizontal index, vertical index, fragments shown) of the present slide.
STATE = """() => {
    const slides = Array.from(
        document.querySelectorAll('.reveal .slides > section'));
    const h = slides.findIndex(s => s.classList.contains('present'));
    const v = h < 0 ? -1 : Array.from(slides[h].querySelectorAll(
        ':scope > section')).findIndex(s => s.classList.contains('present'));
    const shown = document.querySelectorAll(
        '.reveal .fragment.visible').length;
    return [h, v, shown];
}"""
FIRST = """() => {
    const first = document.querySelector('.reveal .slides > section');
    const box = first.getBoundingClientRect();
    return [first.classList.contains('present'), box.width > 0
            && box.height > 0, first.innerText.trim().split('\\n')[0]];
}"""


def is_local(url):
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def wait_for(page, script, timeout=15):
    """Poll ``script`` in the page until it is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def check_deck(page, deck):
    """Open one deck; return its problems."""
    problems = []
    name = deck.name

    def route(request_route):
        url = request_route.request.url
        if is_local(url):
            request_route.continue_()
        else:
            problems.append(f"{name}: blocked a request for {url}")
            request_route.abort()

    def failed(request):
        if is_local(request.url):
            problems.append(f"{name}: {request.url} did not load")

    def error(exception):
        problems.append(f"{name}: script error: {exception}")

    page.route("**/*", route)
    page.on("requestfailed", failed)
    page.on("pageerror", error)
    try:
        page.goto(deck.as_uri())
        page.wait_for_load_state("load")
        if not wait_for(page, "() => !!document.querySelector('.ready')"):
            return problems + [f"{name}: reveal.js did not start"]
        present, visible, title = page.evaluate(FIRST)
        if not (present and visible):
            problems.append(f"{name}: the first slide is not shown")
        mathjax = "() => !!(window.MathJax && window.MathJax.isReady)"
        if not wait_for(page, mathjax):
            problems.append(f"{name}: MathJax is not ready")
        _, broken = browser.images_on_page(page, ".reveal img")
        problems += [f"{name}: image not loaded: {src}" for src in broken]
        states = [page.evaluate(STATE)]
        for key in ("ArrowRight", "Space"):
            page.keyboard.press(key)
            was = ",".join(map(str, states[-1]))
            wait_for(page, f"() => ({STATE})() + '' !== '{was}'", 5)
            states.append(page.evaluate(STATE))
        if states[0][0] != 0 or states[1][0] != 1:
            problems.append(f"{name}: ArrowRight went {states[:2]}")
        if states[2] == states[1]:
            problems.append(f"{name}: Space did not move on from {states[1]}")
        log = ", ".join("/".join(map(str, state)) for state in states)
        browser.log(f"deck {name}: '{title}', slides {log}")
    finally:
        page.unroute("**/*")
        page.remove_listener("requestfailed", failed)
        page.remove_listener("pageerror", error)
    return problems


def check_decks(decks):
    """Open every deck in one browser; return {deck name: problems}."""
    results = {}
    with browser.chromium() as page:
        for deck in decks:
            try:
                results[deck.name] = check_deck(page, Path(deck).resolve())
            except Exception as error:  # report it, go on with the next
                results[deck.name] = [f"{type(error).__name__}: {error}"]
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the decks' folder")
    args = parser.parse_args()
    if browser.chromium_path() is None:
        sys.exit("no chromium: apt-get install chromium (as root)")
    decks = sorted(args.out.glob("*.slides.html"))
    if not decks:
        sys.exit(f"no decks in {args.out}: run `make slides`")
    results = check_decks(decks)
    failed = {name: found for name, found in results.items() if found}
    for name, found in failed.items():
        browser.log(f"\n{name}:\n  " + "\n  ".join(found))
    browser.log(
        f"decks: {len(results) - len(failed)} passed, {len(failed)} failed"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
