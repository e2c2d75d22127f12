"""Run the notebooks in JupyterLab, in a real browser, as a learner would.

``make test-browser`` runs this script on a scratch copy of the checkout,
so that nothing in the checkout changes. It starts JupyterLab from .venv
on a free port of 127.0.0.1 and Debian's headless Chromium, driven by
Playwright. For each notebook it opens the notebook with ``?reset`` (a
fresh workspace, no earlier tabs), waits for the kernel, chooses
Run > Run All Cells in the menu, waits until the kernel is idle, saves the
notebook from the menu and reads it back from the server. The notebook
passes only if

- its execution counts are 1..N, where N is the number of code cells in
  the file as the server's contents API serves it before the run
  (JupyterLab may add cells to the page lazily, so the page cannot tell);
- no output is an error or holds a traceback;
- every image on the page has loaded (``naturalWidth > 0``), and there are
  at least as many as the notebook has image outputs;
- in notebook 02, its threshold slider works: for each threshold in the
  notebook's table of what the slider should show, typing it into the
  slider's box makes the widget display that row's precision and recall
  (the table is read from the run's own outputs, not written here).

Before the runs, it clicks the "Contents" link of the first notebook: the
README must open in JupyterLab with the first row of its notebook table in
view (the link's anchor is explained in ``tests/navigation.py``).

With ``--book DIR`` it first opens the static book's index and each of its
notebook pages (before the runs change the notebooks the book was built
from). Each page must load nothing but the book's own files, every image
must load (and a notebook page show at least as many as its notebook has),
every formula must be typeset, the Solutions must be folded, and every
link within the book must resolve: to a file and, for ``#anchors``, to an
element of that page. Clicking a notebook page's "Contents" link must land
on the README's notebook table, its first row in view.

Then it renders the first notebook as a slideshow with RISE (View >
Render as Reveal Slideshow, the command ``RISE:preview`` of
jupyterlab-rise): a panel must open on the right with a reveal.js deck
whose first slide shows the notebook's title, and the right arrow key must
advance it to the second slide.

The server and the browser are stopped by their own process ids, whatever
happens. ``tests/test_browser.py`` runs the same check on scratch
notebooks, one with a failing cell, which must fail it.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

import navigation

ROOT = navigation.ROOT
CHROMIUM = "/usr/bin/chromium"
# A closed network refuses every other connection: Chromium is told not
# to try any.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RUN_TIMEOUT = 300  # seconds for one notebook's Run All
WIDGET_TIMEOUT = 20_000  # ms for a widget to show a new value
IDLE_FOR = 1.5  # seconds the kernel must stay idle before we save
TRACEBACK = re.compile(r"Traceback \(most recent call last\)")
# jupyterlab-rise's menu item for its command RISE:preview, which opens
# the notebook's deck (/rise/PATH) in a panel beside the notebook.
RISE_MENU_ITEM = "Render as Reveal Slideshow"


def log(message):
    print(message, flush=True)


def chromium_path():
    """The system Chromium, or None where it is not installed."""
    found = shutil.which("chromium") or CHROMIUM
    return found if os.access(found, os.X_OK) else None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def running(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def stop_process(pid, name, grace=20):
    """Stop one process by its id: SIGTERM, then SIGKILL after ``grace``."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        if not running(pid):
            return
        os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while running(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    if running(pid):
        raise RuntimeError(f"{name} (pid {pid}) did not stop")


class Server:
    """A JupyterLab server of our own, reached over its REST API."""

    def __init__(self, root, workdir):
        self.root = Path(root)
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.logfile = Path(workdir) / "jupyterlab.log"
        env = dict(
            os.environ,
            JUPYTERLAB_SETTINGS_DIR=str(Path(workdir) / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(Path(workdir) / "workspaces"),
            JUPYTER_RUNTIME_DIR=str(Path(workdir) / "runtime"),
            JUPYTER_CONFIG_DIR=str(Path(workdir) / "config"),
        )
        env.pop("MNIST_OUTPUT_DIR", None)
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.logfile, "w") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=env
            )
        log(f"JupyterLab: pid {self.process.pid}, {self.url}")

    def api(self, path, method="GET"):
        request = urllib.request.Request(
            f"{self.url}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_until_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                self.api("status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise RuntimeError(
            "JupyterLab did not start:\n" + self.logfile.read_text()[-3000:]
        )

    def notebook(self, path):
        return self.api(f"contents/{path}?content=1&type=notebook")["content"]

    def session(self, path):
        for session in self.api("sessions"):
            if session["path"] == path:
                return session
        return None

    def stop(self):
        try:  # shut the kernels down first: they are not our children
            for session in self.api("sessions"):
                self.api(f"sessions/{session['id']}", method="DELETE")
        except (urllib.error.URLError, OSError):
            pass
        self.process.terminate()  # os.kill(pid, SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        log(f"JupyterLab stopped (pid {self.process.pid})")


@contextmanager
def jupyterlab(root):
    with tempfile.TemporaryDirectory(prefix="mnist-lab-") as workdir:
        server = Server(root, workdir)
        try:
            server.wait_until_ready()
            yield server
        finally:
            server.stop()


@contextmanager
def chromium():
    """Headless Chromium with a fresh profile; yields a browser page."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("no chromium: apt-get install chromium")
    with sync_playwright() as playwright:
        # Playwright gives the browser a fresh --user-data-dir of its own
        # and removes it when the browser closes.
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        cdp = browser.new_browser_cdp_session()
        processes = cdp.send("SystemInfo.getProcessInfo")["processInfo"]
        pid = next(p["id"] for p in processes if p["type"] == "browser")
        log(f"Chromium: pid {pid}")
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(60_000)
            yield page
            processes = cdp.send("SystemInfo.getProcessInfo")["processInfo"]
            cpu = sum(p["cpuTime"] for p in processes)
            log(f"Chromium's processes used {cpu:.0f} s of CPU")
        finally:
            try:
                browser.close()
            finally:
                stop_process(pid, "Chromium")
                log(f"Chromium stopped (pid {pid})")


def exactly(text):
    return re.compile(f"^{re.escape(text)}$")


def number(text):
    """A number as a widget shows it: its minus sign may be U+2212."""
    return re.compile("^" + re.escape(text).replace(r"\-", "[-\u2212]") + "$")


def click_menu(page, menu, item):
    """Choose ``menu`` > ``item`` in JupyterLab's menu bar, by their labels."""
    page.locator("#jp-MainMenu .lm-MenuBar-item").filter(
        has_text=exactly(menu)
    ).click()
    label = page.locator(".lm-Menu-itemLabel").filter(has_text=exactly(item))
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)").filter(
        has=label
    ).click()


def first_table_row(page):
    """The first row of the README's notebook table, as the page shows it."""
    first = navigation.notebook_paths()[0]
    title = navigation.title(nbformat.read(first, as_version=4))
    return page.locator("tr").filter(has_text=title)


def in_view(row, timeout=10):
    """Wait until the page shows ``row`` (its centre is on screen and not
    covered); return (whether it does, its top, its bottom, the height)."""
    script = """row => {
        const box = row.getBoundingClientRect();
        const hit = document.elementFromPoint(
            box.left + box.width / 2, box.top + box.height / 2);
        return [hit !== null && row.contains(hit), Math.round(box.top),
                Math.round(box.bottom), window.innerHeight];
    }"""
    row.wait_for()
    deadline = time.monotonic() + timeout
    while True:  # the page scrolls once the README has rendered
        shown, *where = row.evaluate(script)
        if shown or time.monotonic() > deadline:
            return shown, *where
        time.sleep(0.25)


def check_contents_link(server, page, path):
    """Click a notebook's "Contents" link in JupyterLab: the README must
    open with its notebook table in view. Return a list of problems."""
    start = time.monotonic()
    page.goto(f"{server.url}/lab/tree/{path}?reset&token={server.token}")
    link = page.locator(".jp-NotebookPanel .jp-MarkdownCell a")
    link.filter(has_text=exactly("Contents")).first.click()
    viewer = page.locator(".jp-MarkdownViewer")  # the README, rendered
    shown, top, bottom, height = in_view(first_table_row(viewer))
    where = f"the table's first row at y = {top}..{bottom} of {height}"
    seconds = time.monotonic() - start
    log(f"{path}: Contents opens the README, {where}, {seconds:.0f} s")
    session = server.session(path)
    if session:
        server.api(f"sessions/{session['id']}", method="DELETE")
    if not shown:
        return [f"{path}: its Contents link leaves the table out of view"]
    return []


def close_sessions(server, path):
    """Shut down every kernel session of ``path``."""
    for session in server.api("sessions"):
        if session["path"] == path:
            server.api(f"sessions/{session['id']}", method="DELETE")


def check_rise(server, page, path):
    """Render ``path`` as a slideshow with RISE: its reveal.js deck must
    open in a panel, show the notebook's title on its first slide, and go
    to the second slide on the right arrow key. Return a list of problems."""
    start = time.monotonic()
    title = navigation.title(nbformat.from_dict(server.notebook(path)))
    page.goto(f"{server.url}/lab/tree/{path}?reset&token={server.token}")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
    click_menu(page, "View", RISE_MENU_ITEM)
    panel = f'.jp-MainAreaWidget iframe[src*="/rise/{path}"]'
    page.locator(panel).wait_for()
    deck = page.frame_locator(panel)
    slides = deck.locator(".reveal .slides > section")
    first = slides.first.locator("h1").filter(has_text=title)
    shown, *_ = in_view(first, timeout=30)
    problems = []
    if not shown:
        problems.append(f"RISE: the first slide does not show {title!r}")
    n_slides = slides.count()
    if n_slides < 2:
        problems.append(
            f"RISE: the deck has {n_slides} slides, not 2 or more "
            "(no slide types? `make nav` writes them)"
        )
    elif not problems:
        first.click()  # the deck takes the keys
        page.keyboard.press("ArrowRight")
        second = deck.locator(".reveal .slides > section:nth-of-type(2)")
        present = deck.locator(".present")
        try:
            second.and_(present).wait_for(timeout=20_000)
        except PlaywrightTimeoutError:
            problems.append("RISE: the right arrow key did not advance")
        shown, *_ = in_view(second)
        if not shown:
            problems.append("RISE: the second slide is not in view")
    close_sessions(server, path)
    seconds = time.monotonic() - start
    log(
        f"{path}: RISE renders a deck of {n_slides} slides, "
        f"{'FAILED' if problems else 'ok'}, {seconds:.0f} s"
    )
    return problems


def code_cells(book):
    return [cell for cell in book["cells"] if cell["cell_type"] == "code"]


def output_problems(book):
    """Errors and tracebacks in a notebook's outputs."""
    problems = []
    for i, cell in enumerate(code_cells(book)):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                problems.append(
                    f"code cell {i + 1}: {output['ename']}: {output['evalue']}"
                )
                continue
            text = output.get("text", "")
            text += str(output.get("data", {}).get("text/plain", ""))
            if TRACEBACK.search(text):
                problems.append(f"code cell {i + 1}: a traceback")
    return problems


def image_outputs(book):
    return sum(
        1
        for cell in book["cells"]
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if any(k.startswith("image/") for k in output.get("data", {}))
    )


def wait_until_idle(server, page, path, deadline):
    """Wait until the notebook's kernel has stayed idle for IDLE_FOR."""
    idle_since = None
    while time.monotonic() < deadline:
        session = server.session(path)
        state = session and session["kernel"]["execution_state"]
        queued = page.locator(".jp-InputPrompt", has_text="[*]").count()
        if state == "idle" and not queued:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= IDLE_FOR:
                return
        else:
            idle_since = None
        time.sleep(0.5)
    raise TimeoutError(f"the kernel was still busy after {RUN_TIMEOUT} s")


def images_on_page(page, selector):
    """(all images, those not loaded) under ``selector``, once loaded."""
    script = """selector => Array.from(document.querySelectorAll(selector))
        .map(img => [img.currentSrc.slice(0, 80), img.complete,
                     img.naturalWidth])"""
    for _ in range(40):
        images = page.evaluate(script, selector)
        if all(complete for _, complete, _ in images):
            break
        time.sleep(0.25)
    return images, [src for src, _, width in images if width == 0]


def threshold_table(book):
    """{threshold: (precision, recall)}, as text, from the table in the
    notebook's outputs of what its threshold slider should show."""
    for cell in code_cells(book):
        for output in cell.get("outputs", []):
            text = "".join(output.get("data", {}).get("text/plain", ""))
            lines = [line.split() for line in text.splitlines()]
            header = [words[:2] for words in lines[:2]]
            if header == [["precision", "recall"], ["threshold"]]:
                return {row[0]: (row[1], row[2]) for row in lines[2:]}
    return {}


def check_threshold_slider(page, book):
    """Type each threshold of the notebook's table into the slider's box:
    the widget must show that row's precision and recall."""
    start = time.monotonic()
    expected = threshold_table(book)
    if not expected:
        return ["no table of the slider's thresholds in the outputs"]
    sliders = page.locator(".jp-Notebook .threshold-slider")
    if sliders.count() != 1:
        return [f"{sliders.count()} threshold sliders on the page, not 1"]
    readout = sliders.locator(".widget-readout")
    shown = {
        name: page.locator(f".jp-Notebook .widget-{name}")
        for name in ("precision", "recall")
    }
    digits = re.compile(r"\d")  # the first read after the run can be empty
    for locator in (readout, *shown.values()):
        locator.filter(has_text=digits).wait_for(timeout=WIDGET_TIMEOUT)
    problems = []
    for threshold, numbers in expected.items():
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(threshold)
        page.keyboard.press("Enter")
        wanted = [f"{float(threshold):.4f}", *numbers]
        try:
            for locator, text in zip(
                (readout, *shown.values()), wanted, strict=True
            ):
                locator.filter(has_text=number(text)).wait_for(
                    timeout=WIDGET_TIMEOUT
                )
        except PlaywrightTimeoutError:
            seen = [readout.inner_text()]
            seen += [locator.inner_text() for locator in shown.values()]
            problems.append(
                f"threshold slider: typed {threshold}, it shows threshold, "
                f"precision, recall {seen}, not {wanted}"
            )
    seconds = time.monotonic() - start
    log(
        f"threshold slider: typed {', '.join(expected)}; the widget showed "
        f"{len(expected) - len(problems)} of those rows, {seconds:.0f} s"
    )
    return problems


# Checks of a notebook's widgets, by notebook: they run after Run All.
WIDGET_CHECKS = {"02_binary_classifier.ipynb": check_threshold_slider}


def run_notebook(server, page, path):
    """Run All in JupyterLab; return a list of problems (empty: passed)."""
    start = time.monotonic()
    before = server.notebook(path)
    n_code = len(code_cells(before))
    page.goto(f"{server.url}/lab/tree/{path}?reset&token={server.token}")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
    deadline = time.monotonic() + RUN_TIMEOUT
    wait_until_idle(server, page, path, deadline)  # the kernel has started
    click_menu(page, "Run", "Run All Cells")
    while True:
        wait_until_idle(server, page, path, deadline)
        click_menu(page, "File", "Save Notebook")
        page.locator(".jp-mod-dirty").first.wait_for(state="detached")
        after = server.notebook(path)
        counts = [cell["execution_count"] for cell in code_cells(after)]
        problems = output_problems(after)
        if counts == list(range(1, n_code + 1)) or problems:
            break
        if time.monotonic() > deadline:  # idle, but not every cell ran
            break
    if len(counts) != n_code:
        problems.append(
            f"{len(counts)} code cells after the run, {n_code} before"
        )
    elif counts != list(range(1, n_code + 1)):
        problems.append(f"execution counts are {counts}, not 1..{n_code}")
    images, broken = images_on_page(page, ".jp-Notebook img")
    problems += [f"image not loaded: {src}" for src in broken]
    expected = image_outputs(after)
    if len(images) < expected:
        problems.append(f"{len(images)} images shown, {expected} in outputs")
    widget_check = WIDGET_CHECKS.get(Path(path).name)
    if widget_check and not problems:  # the kernel is still running
        problems += widget_check(page, after)
    session = server.session(path)
    if session:
        server.api(f"sessions/{session['id']}", method="DELETE")
    seconds = time.monotonic() - start
    verdict = "FAILED" if problems else "ok"
    log(f"{path}: {n_code} code cells, {len(images)} images, {seconds:.0f} s")
    log(f"{path}: {verdict}")
    return problems


def problems_of(check, server, page, path):
    """The problems a check of one notebook finds, or the error it raised
    as its one problem, so that the run goes on with the next check."""
    try:
        return check(server, page, path)
    except Exception as error:  # report it, go on with the next
        log(f"{path}: FAILED ({type(error).__name__})")
        return [f"{type(error).__name__}: {error}"]


def check_notebooks(root, paths, contents=None, rise=None):
    """Run each notebook under ``root``; return {path: problems}. With
    ``contents``, a notebook's path, first click its Contents link; with
    ``rise``, one, first render it as a slideshow with RISE."""
    results = {}
    with jupyterlab(root) as server, chromium() as page:
        if contents:
            results["the Contents link"] = problems_of(
                check_contents_link, server, page, contents
            )
        if rise:
            results["RISE's slideshow"] = problems_of(
                check_rise, server, page, rise
            )
        for path in paths:
            results[path] = problems_of(run_notebook, server, page, path)
    return results


def page_id_exists(page_path, fragment, cache):
    if page_path not in cache:
        text = page_path.read_text(encoding="utf-8")
        cache[page_path] = set(re.findall(r'\bid="([^"]+)"', text))
    return fragment in cache[page_path]


def check_book_page(page, book, name, cache):
    """Open one page of the book; return its problems."""
    problems = []
    page.goto((book / name).as_uri())
    page.wait_for_load_state("load")
    images, broken = images_on_page(page, "img")
    problems += [f"{name}: image not loaded: {src}" for src in broken]
    links = page.evaluate(
        "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
    )
    for link in sorted(set(links)):
        parts = urlsplit(link)
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        if not target.is_relative_to(book):
            problems.append(f"{name}: link leaves the book: {link}")
        elif not target.is_file():
            problems.append(f"{name}: broken link: {link}")
        elif parts.fragment and target.suffix == ".html":
            if not page_id_exists(target, unquote(parts.fragment), cache):
                problems.append(f"{name}: no anchor for {link}")
    script = """[document.querySelectorAll('.math').length,
                 document.querySelectorAll('.math mjx-container').length]"""
    for _ in range(40):  # MathJax typesets after the page has loaded
        math, typeset = page.evaluate(script)
        if typeset >= math:
            break
        time.sleep(0.25)
    if typeset < math:
        problems.append(f"{name}: {math - typeset} of {math} formulas raw")
    if name.startswith("notebooks/"):
        source = ROOT / Path(name).with_suffix(".ipynb")
        expected = image_outputs(json.loads(source.read_text("utf-8")))
        if len(images) < expected:
            problems.append(f"{name}: {len(images)} of {expected} images")
        folds = page.locator("details.solutions")
        if folds.count() != 1 or folds.first.get_attribute("open") is not None:
            problems.append(f"{name}: the Solutions are not folded once")
    log(f"book {name}: {len(images)} images, {len(links)} links, {math} math")
    return problems


def check_book(book):
    """Open the book's index and every notebook page; return problems."""
    book = Path(book).resolve()
    problems, cache = [], {}
    with chromium() as page:

        def local_only(request):  # the book reads only its own files
            if not request.url.startswith(("file:", "data:", "blob:")):
                problems.append(f"the book requests {request.url}")

        def failed(request):
            problems.append(f"{request.url} did not load")

        page.on("request", local_only)
        page.on("requestfailed", failed)
        page.goto((book / "index.html").as_uri())
        page.wait_for_url(re.compile(r"README\.html"))
        names = ["README.html"]
        names += [
            f"notebooks/{p.stem}.html" for p in navigation.notebook_paths()
        ]
        for name in names:
            problems += check_book_page(page, book, name, cache)
        problems += check_book_contents_link(page, book, names[1])
    return problems


def check_book_contents_link(page, book, name):
    """Click a notebook page's Contents link: the README's notebook table
    must come into view, at the link's anchor."""
    page.goto((book / name).as_uri())
    link = page.locator("article a").filter(has_text=exactly("Contents"))
    link.first.click()
    page.wait_for_url(re.compile(r"README\.html"))
    shown, top, bottom, height = in_view(first_table_row(page))
    log(
        f"book {name}: Contents goes to {page.url.rsplit('/', 1)[1]}, "
        f"the table's first row at y = {top}..{bottom} of {height}"
    )
    if urlsplit(page.url).fragment != navigation.ANCHOR:
        return [f"{name}: Contents goes to {page.url}"]
    if not shown:
        return [f"{name}: Contents leaves the notebook table out of view"]
    return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebook"
    )
    parser.add_argument("--book", type=Path, help="a built book to check")
    args = parser.parse_args()
    if chromium_path() is None:
        sys.exit("no chromium: apt-get install chromium (as root)")
    if (ROOT / ".git").exists():  # JupyterLab saves the notebooks it runs
        sys.exit("run `make test-browser`: it runs this on a scratch copy")
    paths = args.notebooks or navigation.notebook_paths()
    names = [Path(p).resolve().relative_to(ROOT).as_posix() for p in paths]
    start = time.monotonic()
    results = {}
    if args.book:  # first, while the notebooks are as the book shows them
        results["the book"] = check_book(args.book)
    results |= check_notebooks(ROOT, names, contents=names[0], rise=names[0])
    failed = {path: found for path, found in results.items() if found}
    for path, found in failed.items():
        log(f"\n{path}:\n  " + "\n  ".join(found))
    log(f"the browser check took {time.monotonic() - start:.0f} s")
    log(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
