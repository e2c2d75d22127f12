"""Time each notebook's Run All and measure its kernel's peak memory.

``make bench`` (or ``make bench REPEAT=3`` for medians of three runs) prints
one line per notebook: wall time, the slowest cell, and the kernel's peak
resident memory, then the totals. Each run executes a copy of the notebook
in a fresh kernel, started from a fresh process, and saves nothing back to
the notebook; figures and prediction files are written as in ``make run``.
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient


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
    for cell in book.cells:
        stamps = cell.metadata.get("execution", {})
        if "iopub.execute_input" in stamps and "shell.execute_reply" in stamps:
            began = datetime.fromisoformat(stamps["iopub.execute_input"])
            ended = datetime.fromisoformat(stamps["shell.execute_reply"])
            cells.append((ended - began).total_seconds())
    # The kernel is this process's only child: its peak RSS, in KiB on Linux.
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "wall": wall,
        "slowest_cell": max(cells),
        "peak_mb": peak_kib / 1024,
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
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(run_once(args.notebooks[0].resolve())))
        return
    label = f"median of {args.repeat} runs" if args.repeat > 1 else "1 run"
    print(
        f"{'notebook':34} {'wall s':>7} {'slowest cell s':>15} {'peak MB':>8}"
    )
    total, peak = 0.0, 0.0
    for path in args.notebooks:
        result = measure(path.resolve(), args.repeat)
        total += result["wall"]
        peak = max(peak, result["peak_mb"])
        print(
            f"{path.name:34} {result['wall']:7.1f} "
            f"{result['slowest_cell']:15.1f} {result['peak_mb']:8.0f}",
            flush=True,
        )
    print(f"{'total (' + label + ')':34} {total:7.1f} {'':15} {peak:8.0f}")


if __name__ == "__main__":
    main()
