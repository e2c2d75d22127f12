"""Time each notebook's Run All and measure its kernel's peak memory.

``make bench`` (or ``make bench REPEAT=3`` for medians of three runs) prints
one line per notebook: wall time, the slowest cell, and the kernel's peak
resident memory, then its three slowest code cells (index among the code
cells, seconds, and "optional" for going-further cells), then the totals.
``--json FILE`` also writes the figures, which ``make nav SECONDS=1``
reads. Each run executes a copy of the notebook in a fresh kernel, started
from a fresh process, and saves nothing back to the notebook; figures and
prediction files go to a temporary directory, never the checkout.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

OPTIONAL = "optional"  # the tag of going-further cells


def run_once(path):
    """Execute one notebook here; report wall time, slowest cell, peak MB."""
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(
        book,
        timeout=600,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    wall = time.perf_counter() - start
    cells = []
    code = [c for c in book.cells if c.cell_type == "code"]
    for index, cell in enumerate(code):
        stamps = cell.metadata.get("execution", {})
        if "iopub.execute_input" in stamps and "shell.execute_reply" in stamps:
            began = datetime.fromisoformat(stamps["iopub.execute_input"])
            ended = datetime.fromisoformat(stamps["shell.execute_reply"])
            tags = cell.metadata.get("tags", [])
            part = OPTIONAL if OPTIONAL in tags else ""
            cells.append(((ended - began).total_seconds(), index, part))
    # The kernel is this process's only child: its peak RSS, in KiB on Linux.
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "wall": wall,
        "slowest_cell": max(cells)[0],
        "peak_mb": peak_kib / 1024,
        "cells": cells,
    }


def measure(path, repeat):
    runs = []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, __file__, "--once", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(result.stdout.splitlines()[-1]))
    result = {
        key: statistics.median(r[key] for r in runs)
        for key in ("wall", "slowest_cell", "peak_mb")
    }
    # Each cell's median over the runs, slowest first.
    per_cell = zip(*(r["cells"] for r in runs), strict=True)
    result["cells"] = sorted(
        (
            (statistics.median(c[0] for c in cell), cell[0][1], cell[0][2])
            for cell in per_cell
        ),
        reverse=True,
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(run_once(args.notebooks[0].resolve())))
        return
    label = f"median of {args.repeat} runs" if args.repeat > 1 else "1 run"
    print(
        f"{'notebook':34} {'wall s':>7} {'slowest cell s':>15} {'peak MB':>8}"
    )
    scratch = tempfile.TemporaryDirectory(prefix="mnist-bench-")
    os.environ["MNIST_OUTPUT_DIR"] = scratch.name  # as the tests do
    total, peak, results = 0.0, 0.0, {}
    for path in args.notebooks:
        result = measure(path.resolve(), args.repeat)
        results[path.name] = result
        total += result["wall"]
        peak = max(peak, result["peak_mb"])
        print(
            f"{path.name:34} {result['wall']:7.1f} "
            f"{result['slowest_cell']:15.1f} {result['peak_mb']:8.0f}",
            flush=True,
        )
        slowest = ", ".join(
            f"#{index} {seconds:.1f} s {part}".rstrip()
            for seconds, index, part in result["cells"][:3]
        )
        print(f"    slowest code cells: {slowest}", flush=True)
    print(f"{'total (' + label + ')':34} {total:7.1f} {'':15} {peak:8.0f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
