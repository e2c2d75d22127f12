"""ruff keeps the notebooks, the module and the tests clean."""

import subprocess
import sys

import pytest

from navigation import ROOT


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
