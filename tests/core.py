"""Write the core edition: the notebooks without their going-further cells.

``make core`` writes ``build/core/`` (git-ignored): the series as a class
meets it in its sessions, every cell tagged ``optional`` removed
(nbconvert's ``TagRemovePreprocessor``), with what a learner needs to run
it, as in the student edition. The committed notebooks are not changed.

``--execute`` then runs each core notebook top to bottom in a fresh
kernel, in order, and fails if any cell raises: that is how we know no
core leans on optional material. Figures and predictions go to a
temporary directory.
"""

import argparse
import copy
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.preprocessors import TagRemovePreprocessor

import navigation
import student

OUT = navigation.ROOT / "build" / "core"


def core_edition(book):
    """``book`` without the cells tagged ``optional``."""
    book = copy.deepcopy(book)
    remove = TagRemovePreprocessor(remove_cell_tags={navigation.OPTIONAL})
    book, _ = remove.preprocess(book, {})
    nbformat.validate(book)
    return book


def execute(path):
    """Run one notebook; return the error message, or None."""
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(
        book,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        return str(error).strip().splitlines()[-1][:300]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    written = student.write(args.out, edition=core_edition)
    for path in written:
        print(f"wrote {os.path.relpath(path)}")
    if not args.execute:
        return 0
    failed = 0
    with tempfile.TemporaryDirectory(prefix="mnist-core-") as scratch:
        os.environ["MNIST_OUTPUT_DIR"] = scratch
        for path in written:
            error = execute(path.resolve())
            print(f"{path.name}: core edition runs: {error or 'ok'}")
            failed += error is not None
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
