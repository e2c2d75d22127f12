"""Check that this machine can run the series: ``make doctor``.

One line per check, ``ok`` or ``PROBLEM`` with what to do about it; the exit
status is the number of problems (0 when all is well). The checks: the
Python version, every package of requirements.lock (for this platform)
installed at its locked version, the four MNIST files against their
published checksums, TensorFlow importable, a Jupyter kernel registered,
and enough free memory and disk. ``--data DIR`` checks the MNIST files in
another folder.
"""

import argparse
import importlib.metadata
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "notebooks"))

from packaging.markers import Marker  # noqa: E402
from packaging.utils import canonicalize_version  # noqa: E402

import mnist  # noqa: E402

MIN_PYTHON = (3, 11, 5)  # soupsieve, which nbconvert needs
MIN_MEMORY_GB = 2.0  # peak kernel memory is about 1 GB (make bench)
MIN_DISK_GB = 1.0
ENTRY = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)(?: ; ([^\\]+))?", re.M)
REINSTALL = "run `make install` (or `pip install -r requirements.lock`)"


def check_python():
    found = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:3] < MIN_PYTHON:
        return f"Python {found} is too old: install Python 3.11.5 or newer"
    return None


def locked(path=ROOT / "requirements.lock"):
    """(name, version) for every package the lock installs here."""
    for name, version, marker in ENTRY.findall(Path(path).read_text()):
        if not marker or Marker(marker.strip()).evaluate():
            yield name, version


def check_packages():
    wrong = []
    for name, pinned in locked():
        try:
            found = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            wrong.append(f"{name} is missing")
            continue
        if canonicalize_version(found) != canonicalize_version(pinned):
            wrong.append(f"{name} is {found}, the lock says {pinned}")
    if wrong:
        return "; ".join(wrong) + f": {REINSTALL}"
    return None


def check_data(directory):
    try:
        mnist.check_files(directory)
    except mnist.MnistFileError as error:
        return str(error)
    return None


def check_tensorflow():
    try:
        mnist.import_tensorflow()  # quietly, as notebook 05 does
    except Exception as error:  # any failure to import is the problem
        return f"TensorFlow does not import ({error}): {REINSTALL}"
    return None


def check_kernel():
    listed = subprocess.run(
        [sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
        capture_output=True,
        text=True,
    )
    if listed.returncode or '"python3"' not in listed.stdout:
        return (
            "no python3 Jupyter kernel is registered: "
            "run `.venv/bin/python -m ipykernel install --sys-prefix`"
        )
    return None


def available_memory_gb():
    """MemAvailable from /proc/meminfo; None where there is none."""
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return None
    for line in meminfo.read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    return None


def check_memory():
    free = available_memory_gb()
    if free is not None and free < MIN_MEMORY_GB:
        return (
            f"only {free:.1f} GB of memory is free; a notebook needs about "
            f"{MIN_MEMORY_GB:.0f} GB: close other programs"
        )
    return None


def check_disk():
    free = shutil.disk_usage(ROOT).free / 2**30
    if free < MIN_DISK_GB:
        return (
            f"only {free:.1f} GB of disk is free here; the book and the "
            f"editions need about {MIN_DISK_GB:.0f} GB: free some space"
        )
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=mnist.MNIST_DIR)
    args = parser.parse_args(argv)
    checks = [
        ("Python 3.11.5 or newer", check_python),
        ("packages as locked in requirements.lock", check_packages),
        ("the four MNIST files", lambda: check_data(args.data)),
        ("TensorFlow imports", check_tensorflow),
        ("a Jupyter kernel", check_kernel),
        ("free memory", check_memory),
        ("free disk", check_disk),
    ]
    problems = 0
    for label, check in checks:
        problem = check()
        if problem:
            problems += 1
            print(f"PROBLEM  {label}: {problem}")
        else:
            print(f"ok       {label}")
    print("all checks passed" if not problems else f"{problems} problem(s)")
    return problems


if __name__ == "__main__":
    sys.exit(main())
