"""Mask timings in the stored outputs of executed notebooks.

Run by ``make run`` after each notebook: the rules of tests/sanitize.cfg,
which nbval applies when it compares outputs, are applied to the outputs
stored in the file too. Re-running a notebook then writes the same bytes,
although each run takes a different time.
"""

import configparser
import re
import sys
from pathlib import Path

import nbformat

RULES_FILE = Path(__file__).resolve().parent / "sanitize.cfg"


def rules():
    config = configparser.ConfigParser()
    config.read(RULES_FILE, encoding="utf-8")
    return [
        (re.compile(section["regex"]), section["replace"])
        for section in map(config.__getitem__, config.sections())
    ]


def mask(text, substitutions):
    for pattern, replacement in substitutions:
        text = pattern.sub(replacement, text)
    return text


def mask_notebook(path, substitutions):
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output.text = mask(output.text, substitutions)
            if "text/plain" in output.get("data", {}):
                plain = output.data["text/plain"]
                output.data["text/plain"] = mask(plain, substitutions)
    nbformat.write(book, path)


def main(paths):
    substitutions = rules()
    for path in paths:
        mask_notebook(Path(path), substitutions)


if __name__ == "__main__":
    main(sys.argv[1:])
