"""ruff keeps the notebooks, the module and the tests clean, and codespell
keeps the prose free of common misspellings."""

import subprocess
import sys

import nbformat
import pytest

from navigation import ROOT, notebook_paths

# Text files codespell reads as they are; notebooks are read cell by cell,
# so that the base64 of their figures is not taken for words.
TEXT_FILES = [
    "README.md", "CHANGELOG.md", "CITATION.cff", "conftest.py", "Makefile",
    "environment.yml",
    "requirements.txt", "requirements-extras.txt", ".ci/run",
]  # fmt: skip


@pytest.mark.parametrize(
    "command", [["check"], ["format", "--check"]], ids=" ".join
)
def test_ruff(command):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            *command,
            "conftest.py",
            "notebooks",
            "tests",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_spelling(tmp_path):
    """Markdown and code of every notebook, then the module, the tests and
    the top-level files. Words codespell must accept are in pyproject.toml."""
    for path in notebook_paths():
        book = nbformat.read(path, as_version=4)
        for kind, suffix in (("markdown", ".md"), ("code", ".py")):
            cells = [c.source for c in book.cells if c.cell_type == kind]
            (tmp_path / (path.stem + suffix)).write_text("\n\n".join(cells))
    files = [str(ROOT / name) for name in TEXT_FILES]
    files += [str(p) for p in (ROOT / "notebooks").glob("*.py")]
    files += [str(p) for p in (ROOT / "tests").glob("*.py")]
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", str(tmp_path), *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    found = result.stdout.replace(str(tmp_path) + "/", "notebooks/")
    assert result.returncode == 0, found + result.stderr
