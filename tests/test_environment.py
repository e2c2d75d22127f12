"""requirements.txt pins everything the series imports; environment.yml
installs the same set. requirements-extras.txt pins what only the book and
the browser test need, without repeating a pin of requirements.txt."""

import ast
import re
import sys
from importlib.metadata import packages_distributions

import nbformat
import pytest

import install
import navigation

ROOT = navigation.ROOT
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([0-9][^\s;]*)$")
REQUIRED = {
    "jupyterlab", "tensorflow", "scikit-learn", "matplotlib", "seaborn",
    "nbval", "pytest", "ruff", "ipykernel",
}  # fmt: skip
# What the book and the browser test need. Sphinx's extensions and theme
# are named as strings, which the import check below cannot see.
EXTRAS = {
    "sphinx", "myst-nb", "sphinx-book-theme", "sphinx-mathjax-offline",
    "playwright",
}  # fmt: skip


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(name="requirements.txt"):
    lines = (ROOT / name).read_text().splitlines()
    entries = [line.strip() for line in lines]
    entries = [e for e in entries if e and not e.startswith("#")]
    for entry in entries:
        assert PIN.match(entry), f"not an exact pin: {entry}"
    return {normalise(PIN.match(e)[1]): PIN.match(e)[2] for e in entries}


def test_requirements_pin_exactly_the_core_packages():
    assert REQUIRED <= set(pins())


def test_extras_pin_exactly_what_the_book_and_browser_test_need():
    extras = pins("requirements-extras.txt")
    assert EXTRAS <= set(extras)
    assert not set(extras) & set(pins()), "pinned in both files"


def test_environment_yml_installs_the_lock():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*- python=3\.11\s*$", text, re.M)
    assert re.search(r"^\s*- -r requirements\.lock\s*$", text, re.M)
    # Any package environment.yml names itself must carry the same pin.
    named = dict(
        re.findall(r"^\s*- ([A-Za-z0-9_.\-]+)==(\S+)\s*$", text, re.M)
    )
    for name, version in named.items():
        assert pins().get(normalise(name)) == version, name


def locked(name):
    """{package: version} of a lock, asserting every entry has a hash."""
    text = (ROOT / name).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    versions = {}
    for block in entries:
        match = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", block)
        if not match:
            continue
        assert "--hash=sha256:" in block, f"{match[1]} has no hash in {name}"
        versions[normalise(match[1])] = match[2]
    return versions


@pytest.mark.parametrize(
    "pins_file, lock",
    [
        ("requirements.txt", "requirements.lock"),
        ("requirements-extras.txt", "requirements-extras.lock"),
    ],
)
def test_the_locks_hold_every_direct_pin_with_hashes(pins_file, lock):
    """Each lock holds its direct pins at their versions, all hashed: a
    stale lock (a pin changed without `make lock`) fails here."""
    versions = locked(lock)
    for name, version in pins(pins_file).items():
        assert versions.get(name) == version, f"{name}: run `make lock`"


def test_the_two_locks_agree():
    main, extras = (
        locked("requirements.lock"),
        locked("requirements-extras.lock"),
    )
    shared = set(main) & set(extras)
    assert {n: main[n] for n in shared} == {n: extras[n] for n in shared}


def imported_modules():
    sources = [p.read_text() for p in ROOT.glob("tests/*.py")]
    sources += [p.read_text() for p in ROOT.glob("notebooks/*.py")]
    for path in navigation.notebook_paths():
        book = nbformat.read(path, as_version=4)
        for cell in book.cells:
            if cell.cell_type == "code":
                lines = cell.source.splitlines()
                sources.append(
                    "\n".join(x for x in lines if x[:1] not in "%!")
                )
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                yield from (alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                yield node.module.split(".")[0]


def test_every_imported_package_is_pinned():
    local = {p.stem for p in ROOT.glob("notebooks/*.py")}
    local |= {p.stem for p in ROOT.glob("tests/*.py")}
    distributions = packages_distributions()
    pinned = set(pins()) | set(pins("requirements-extras.txt"))
    for module in set(imported_modules()) - local:
        if module in sys.stdlib_module_names:
            continue
        names = {normalise(d) for d in distributions.get(module, [module])}
        assert names & pinned, f"{module} is imported but not pinned"


def test_citation_and_changelog_name_the_same_version():
    """CITATION.cff's version is the CHANGELOG's newest entry."""
    cited = re.search(
        r"^version: (\S+)$", (ROOT / "CITATION.cff").read_text(), re.M
    )
    newest = re.search(
        r"^## (\S+) \(", (ROOT / "CHANGELOG.md").read_text(), re.M
    )
    assert cited and newest and cited.group(1) == newest.group(1)


def test_install_finds_the_locked_uv():
    entry = install.entry((ROOT / "requirements.lock").read_text(), "uv")
    assert entry.startswith(f"uv=={pins()['uv']} ")
    assert entry.count("--hash=sha256:") >= 2
