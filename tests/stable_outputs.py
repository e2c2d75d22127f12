"""Make the stored outputs of executed notebooks the same from run to run.

Run by ``make run`` after each notebook. Two things vary between runs:

- timings: the rules of tests/sanitize.cfg, which nbval applies when it
  compares outputs, are applied to the stored outputs too;
- widget model ids, which ipywidgets draws at random: they are renamed
  1, 2, 3, ... in the order a reader meets them, in the outputs and in the
  widget state the notebook stores.

Re-running a notebook then writes the same bytes.
"""

import configparser
import json
import re
import sys
from pathlib import Path

import nbformat

RULES_FILE = Path(__file__).resolve().parent / "sanitize.cfg"
VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"
REFERENCE = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


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


def mask_timings(book, substitutions):
    for cell in book.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output.text = mask(output.text, substitutions)
            if "text/plain" in output.get("data", {}):
                plain = output.data["text/plain"]
                output.data["text/plain"] = mask(plain, substitutions)


def widget_order(book):
    """Model ids from each displayed widget down to its parts, in order."""
    state = book.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    roots = [
        output.data[VIEW]["model_id"]
        for cell in book.cells
        for output in cell.get("outputs", [])
        if VIEW in output.get("data", {})
    ]
    order, queue = [], list(roots)
    while queue:
        model_id = queue.pop(0)
        if model_id in order:
            continue
        order.append(model_id)
        text = json.dumps(state.get(model_id, {}), sort_keys=True)
        queue.extend(REFERENCE.findall(text))
    rest = sorted(
        (i for i in state if i not in order),
        key=lambda i: json.dumps(state[i], sort_keys=True),
    )
    return order + rest


def rename_widgets(book):
    order = widget_order(book)
    if not order:
        return book
    text = nbformat.writes(book)
    for n, model_id in enumerate(order, start=1):
        text = text.replace(model_id, f"{n:032x}")
    return nbformat.reads(text, as_version=4)


def stabilise(path, substitutions):
    book = nbformat.read(path, as_version=4)
    mask_timings(book, substitutions)
    nbformat.write(rename_widgets(book), path)


def main(paths):
    substitutions = rules()
    for path in paths:
        stabilise(Path(path), substitutions)


if __name__ == "__main__":
    main(sys.argv[1:])
