"""Run every code cell of each notebook twice in a row, in a fresh kernel.

A learner runs a cell twice; it must do what they expect. ``make
test-rerun`` (run by CI) executes each notebook in order, running every
code cell a second time right after the first, and fails when a second
run raises anything but ``mnist.RerunError``: the clear stop of a cell
that must not run twice (a training cell that would continue training).
Figures and predictions go to a temporary directory, never the checkout.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebooks"))
import mnist  # noqa: E402

ALLOWED = "RerunError"


def problems(path):
    """(cell index, run, error name) for each cell that fails."""
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(
        book,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    found = []
    with client.setup_kernel():
        for index, cell in enumerate(book.cells):
            if cell.cell_type != "code":
                continue
            for run in (1, 2):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    if run == 2 and error.ename == ALLOWED:
                        continue
                    found.append((index, run, error.ename, str(error)))
                    if run == 1:  # later cells would fail for this reason
                        return found
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="mnist-rerun-") as scratch:
        os.environ[mnist.OUTPUT_ENV] = scratch
        for path in args.notebooks:
            found = problems(path.resolve())
            verdict = "ok" if not found else f"{len(found)} failing"
            print(f"{path.name}: every cell run twice: {verdict}", flush=True)
            for index, run, name, text in found:
                print(f"  cell {index}, run {run}: {name}")
                print("    " + text.strip().splitlines()[-1][:300])
            failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
