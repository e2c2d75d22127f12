"""Would the series survive an upgrade? ``make canary``.

Installs the newest releases PyPI offers (for this Python) of the direct
dependencies in requirements.txt, by name, their pins dropped, into a
fresh scratch environment, build/canary/: through uv, or pip where uv
cannot be had. The extras of the book and the browser test are left out.
It prints each package's pinned and installed version, then runs, with
that environment's pytest (so nbval's kernel is its Python, checked
first), every notebook under nbval, the module's unit tests, the lint and
spelling checks and the comparison of fresh predictions with the
committed ones; figures and predictions go to a temporary directory. The
tests that compare installed versions with the lock would fail by design
and are left out. Last, per notebook: passed, or its first failing code
cell (counted among the code cells, as nbval names it) and why, and how
many notebooks would break.

It tests the working tree, or with ``--commit REV`` (``make canary
COMMIT=HEAD``) that commit's tree, copied to a temporary folder. A report,
not a gate: the exit status is 0 whatever the tests say, 1 only when the
canary itself cannot run (PyPI out of reach, say). pytest's log and JUnit
XML stay in build/canary/. Its last result is in CHANGELOG.md.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "build" / "canary"
PYTHON = VENV / "bin" / "python"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)$")
UNIT_TESTS = ["tests/test_mnist.py", "tests/test_lint.py"]
AFTER_NOTEBOOKS = ["tests/test_fresh_predictions.py"]
# Colour codes, as the kernel sends them or as JUnit XML writes them.
ANSI = re.compile(r"(?:\x1b|#x1B)\[[0-9;]*m")
PROGRESS = re.compile(r"\[\s*\d+%\]$")
VERSIONS = (
    "import importlib.metadata as m, json; "
    "print(json.dumps({d.metadata['Name']: d.version "
    "for d in m.distributions()}))"
)


class CanaryError(Exception):
    """The canary itself could not run."""


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_pins(text):
    """{name: pinned version} of requirements.txt's pins, in order."""
    pins = {}
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[match[1]] = match[2]
    return pins


def version_table(pinned, installed, newest=None):
    """Lines of a table: package, pinned, canary's version, what moved.

    ``installed`` and ``newest`` (a newer release the resolver did not
    install) are keyed by normalised name.
    """
    newest = newest or {}
    rows = [("package", "pinned", "canary", "")]
    for name, pin in pinned.items():
        found = installed.get(normalise(name), "missing")
        notes = [] if found == pin else ["moved"]
        if normalise(name) in newest:
            notes.append(f"newest {newest[normalise(name)]} held back")
        rows.append((name, pin, found, ", ".join(notes)))
    a, b, c = (max(len(row[i]) for row in rows) for i in range(3))
    return [
        f"{name:{a}}  {pin:{b}}  {found:{c}}  {note}".rstrip()
        for name, pin, found, note in rows
    ]


def reason(message, text=""):
    """One line for why a test failed, from its JUnit failure: nbval's
    full report (the element's text) or a test's short ``message``."""
    full = ANSI.sub("", text or message)
    if "Cell outputs differ" in full:
        for pattern, say in (
            (r"mismatch '([^']+)'", "{}"),
            (r"Missing output fields from running code: (\{.*?\})", "no {}"),
            (r"Unexpected output fields from running code: (\{.*?\})",
             "new {}"),
            (r'dissimilar number of outputs for key "([^"]+)"',
             "number of {}"),
        ):  # fmt: skip
            found = re.search(pattern, full)
            if found:
                return f"output differs ({say.format(found[1])})"
        return "output differs"
    if "Notebook cell execution failed" in full:
        lines = [line.strip() for line in full.splitlines() if line.strip()]
        timeout = [line for line in lines if "Timeout of" in line]
        if timeout:  # "Cell 7: Timeout of 300 seconds exceeded ..."
            line = timeout[0].split(": ", 1)[-1]
        else:
            line = lines[-1]  # the error's last line
    else:
        lines = ANSI.sub("", message or text).strip().splitlines() or [""]
        line = lines[0].strip() or "failed"
    return line if len(line) <= 120 else line[:117] + "..."


def cases(xml_text):
    """(file, test name, outcome, reason) for each test of a JUnit file.

    A notebook's file is its stem ("01_load_explore_scale"), a test
    module's its path ("tests/test_mnist.py"); the outcome is "passed",
    "failed" or "skipped".
    """
    found = []
    for case in ET.fromstring(xml_text).iter("testcase"):
        classname = case.get("classname", "")
        if classname.endswith(".ipynb"):
            where = classname.removesuffix(".ipynb").rsplit(".", 1)[-1]
        else:
            where = classname.replace(".", "/") + ".py"
        outcome, why = "passed", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
                why = reason(child.get("message", ""), child.text or "")
                break
            if child.tag == "skipped":
                outcome = "skipped"
        found.append((where, case.get("name", ""), outcome, why))
    return found


def cell_number(name):
    match = re.fullmatch(r"Cell (\d+)", name)
    return int(match[1]) if match else -1


def notebook_lines(results, notebooks):
    """One line per notebook, then the count of those that would break."""
    lines, broken = [], 0
    width = max(map(len, notebooks), default=0)
    for stem in notebooks:
        mine = [r for r in results if r[0] == stem]
        failed = [r for r in mine if r[2] == "failed"]
        if mine and not failed:
            verdict = f"passed ({len(mine)} code cells)"
        elif not mine:
            verdict = "did not run (see build/canary/pytest.log)"
        else:
            _, name, _, why = min(failed, key=lambda r: cell_number(r[1]))
            number = cell_number(name)
            at = f"code cell {number}" if number >= 0 else name
            verdict = f"breaks at {at}: {why}"
        broken += not (mine and not failed)
        lines.append(f"{stem.ljust(width)}  {verdict}")
    lines.append(
        f"{broken} of {len(notebooks)} notebooks would break on upgrade"
    )
    return lines


def module_lines(results, files):
    """One line per test module: passed, or which tests failed and why."""
    lines = []
    for path in files:
        mine = [r for r in results if r[0] == path]
        failed = [r for r in mine if r[2] == "failed"]
        skipped = sum(r[2] == "skipped" for r in mine)
        if not mine:
            summary = "did not run (see build/canary/pytest.log)"
        elif not failed:
            summary = f"{len(mine) - skipped} passed"
            summary += f", {skipped} skipped" if skipped else ""
        else:
            summary = f"{len(failed)} of {len(mine)} failed: " + "; ".join(
                f"{name} ({why})" for _, name, _, why in failed
            )
        lines.append(f"{path}: {summary}")
    return lines


def run(command, **kwargs):
    """Run a command, or say how it failed (CanaryError)."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-20:]
        shown = " ".join(map(str, command[:5]))
        raise CanaryError(f"`{shown} ...` failed:\n" + "\n".join(tail))
    return result.stdout


def create_environment(names):
    """A fresh build/canary/ with the newest ``names``; the tool used."""
    shutil.rmtree(VENV, ignore_errors=True)
    uv = [sys.executable, "-m", "uv"]
    if subprocess.run([*uv, "--version"], capture_output=True).returncode:
        tool = "pip"
        run([sys.executable, "-m", "venv", str(VENV)])
        install = [str(PYTHON), "-m", "pip", "install", "--quiet"]
    else:
        tool = "uv"
        run([*uv, "venv", "--quiet", "--python", sys.executable, str(VENV)])
        install = [*uv, "pip", "install", "--quiet", "--python", str(PYTHON)]
    print(
        f"Installing the newest releases of {len(names)} direct dependencies"
        f" with {tool} into {VENV.relative_to(ROOT)}/ ..."
    )
    try:
        run([*install, *names])
    except CanaryError as error:
        raise CanaryError(
            "could not install the newest releases from PyPI; is it"
            f" reachable from this machine?\n{error}"
        ) from None
    return tool


def held_back(tool):
    """{name: newest release} for installed packages behind the newest."""
    if tool != "uv":
        return {}
    command = [
        sys.executable, "-m", "uv", "pip", "list", "--outdated",
        "--format", "json", "--python", str(PYTHON),
    ]  # fmt: skip
    try:
        listed = json.loads(run(command))
    except (CanaryError, ValueError):
        print("(could not ask uv which packages are behind their newest)")
        return {}
    return {normalise(p["name"]): p["latest_version"] for p in listed}


def tree(commit, scratch):
    """The folder to test, and what it is: the working tree, or
    ``commit``'s tree, copied into scratch."""
    if not commit:
        return ROOT, "the working tree"
    short = run(["git", "rev-parse", "--short", commit], cwd=ROOT).strip()
    archive = Path(scratch) / "tree.tar"
    run(["git", "archive", "--format=tar", "-o", str(archive), commit],
        cwd=ROOT)  # fmt: skip
    folder = Path(scratch) / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    archive.unlink()
    return folder, f"commit {short}"


def check_kernel(scratch, env):
    """nbval's kernel (--nbval-current-env) must be the canary's Python:
    a one-cell notebook that prints sys.executable must match."""
    probe = Path(scratch) / "probe" / "kernel_probe.ipynb"
    probe.parent.mkdir()
    cell = {
        "cell_type": "code", "execution_count": 1, "id": "probe",
        "metadata": {}, "source": "import sys\nprint(sys.executable)",
        "outputs": [{"name": "stdout", "output_type": "stream",
                     "text": f"{PYTHON}\n"}],
    }  # fmt: skip
    book = {
        "cells": [cell], "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3",
                                    "display_name": "Python 3"}},
    }  # fmt: skip
    probe.write_text(json.dumps(book))
    command = [
        str(PYTHON), "-m", "pytest", "-p", "no:cacheprovider", "-q",
        "--nbval", "--nbval-current-env", probe.name,
    ]  # fmt: skip
    try:
        run(command, cwd=probe.parent, env=env)
    except CanaryError as error:
        raise CanaryError(
            f"nbval's kernel does not run {PYTHON}:\n{error}"
        ) from None


def pytest(args, where, junit, env):
    """Run the canary's pytest in ``where``; pytest's log in build/canary/.

    The progress lines are echoed; exit status 0 or 1 (tests failed) is
    a result, anything else means pytest could not run.
    """
    command = [
        str(PYTHON), "-m", "pytest", "-p", "no:cacheprovider", "-q",
        "--nbval", "--nbval-current-env", f"--junitxml={junit}", *args,
    ]  # fmt: skip
    with open(VENV / "pytest.log", "a") as log:
        log.write("$ " + " ".join(command) + "\n")
        log.flush()
        process = subprocess.Popen(
            command,
            cwd=where,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for line in process.stdout:
            log.write(line)
            if PROGRESS.search(line.rstrip()):
                print(line.rstrip(), flush=True)
        process.wait()
    if process.returncode not in (0, 1) or not junit.exists():
        raise CanaryError(
            f"pytest exited with status {process.returncode}:"
            f" see {VENV.relative_to(ROOT)}/pytest.log"
        )
    return cases(junit.read_text())


def minutes(since):
    """The time since ``since`` (time.monotonic()), as "3 min 5 s"."""
    whole, seconds = divmod(round(time.monotonic() - since), 60)
    return f"{whole} min {seconds} s"


def canary(jobs, commit):
    pinned = direct_pins((ROOT / "requirements.txt").read_text())
    start = time.monotonic()
    tool = create_environment(list(pinned))
    print(f"Installed in {minutes(start)}.")
    listed = json.loads(run([str(PYTHON), "-c", VERSIONS]))
    installed = {normalise(name): v for name, v in listed.items()}
    if "ipykernel" not in installed:
        raise CanaryError("ipykernel is missing from the canary")
    print()
    print("\n".join(version_table(pinned, installed, held_back(tool))))
    moved = [n for n, v in pinned.items() if installed.get(normalise(n)) != v]
    print(f"{len(moved)} of {len(pinned)} direct dependencies moved")
    print()
    with tempfile.TemporaryDirectory(prefix="mnist-canary-") as scratch:
        where, label = tree(commit, scratch)
        output = Path(scratch) / "output"
        env = dict(os.environ, MNIST_OUTPUT_DIR=str(output))
        check_kernel(scratch, env)
        print(f"nbval's kernel runs {PYTHON.relative_to(ROOT)} (checked)")
        notebooks = sorted(
            p.stem for p in (where / "notebooks").glob("[0-9][0-9]_*.ipynb")
        )
        print(
            f"Running {len(notebooks)} notebooks and the tests of {label}"
            " (several minutes) ..."
        )
        start = time.monotonic()
        results = pytest(
            ["-n", jobs, "--dist", "loadfile", "-m", "not after_notebooks",
             "notebooks", *UNIT_TESTS],
            where, VENV / "junit.xml", env,
        )  # fmt: skip
        results += pytest(
            ["-m", "after_notebooks", *AFTER_NOTEBOOKS],
            where, VENV / "junit-after-notebooks.xml", env,
        )  # fmt: skip
    print(f"The tests took {minutes(start)}.")
    print()
    print("\n".join(module_lines(results, UNIT_TESTS + AFTER_NOTEBOOKS)))
    print()
    print("\n".join(notebook_lines(results, notebooks)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--jobs", default="auto", help="pytest workers, as make test's JOBS"
    )
    parser.add_argument(
        "--commit", help="test this commit's tree instead of the working tree"
    )
    args = parser.parse_args(argv)
    start = time.monotonic()
    today = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"Canary, {today}, Python {sys.version.split()[0]}")
    try:
        canary(args.jobs, args.commit)
    except CanaryError as error:
        print(f"The canary could not run: {error}", file=sys.stderr)
        return 1
    print(f"The canary took {minutes(start)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
