"""Install the locked environment into the running Python: ``make install``.

requirements.txt is the short list of direct pins that people read and
edit; ``make lock`` compiles it into requirements.lock, every package the
series installs with the hashes of its published files (and
requirements-extras.txt into requirements-extras.lock, for the book and
the browser test). This script installs a lock with hashes required, so
a file that differs from the one locked is refused:

1. uv, at the version and with the hashes the lock gives, through pip;
2. then the whole lock through uv, which is several times faster;
3. and through pip if uv cannot be had or fails.

``python tests/install.py [LOCK]`` (requirements.lock by default).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def entry(lock_text, name):
    """The lines of one package's entry in a lock: its pin and hashes."""
    lines, inside = [], False
    for line in lock_text.splitlines():
        if line.startswith(f"{name}=="):
            inside = True
        elif inside and not line.startswith("    --hash"):
            break
        if inside:
            lines.append(line)
    return "\n".join(lines) + "\n"


def pip(*args):
    command = [sys.executable, "-m", "pip", "install", "--quiet", *args]
    return subprocess.run(command).returncode == 0


def install_uv(lock_text):
    """Install the locked uv with pip, hashes required; False if we cannot."""
    pinned = entry(lock_text, "uv")
    if "--hash" not in pinned:
        return False
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as requirement:
        requirement.write(pinned)
        requirement.flush()
        return pip("--require-hashes", "--no-deps", "-r", requirement.name)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    lock = Path(argv[0]) if argv else ROOT / "requirements.lock"
    text = lock.read_text(encoding="utf-8")
    if install_uv(text):
        command = [
            sys.executable, "-m", "uv", "pip", "install", "--quiet",
            "--python", sys.executable, "--require-hashes", "-r", str(lock),
        ]  # fmt: skip
        if subprocess.run(command).returncode == 0:
            return 0
        print("uv failed; installing with pip instead", file=sys.stderr)
    else:
        print("uv is not available; installing with pip", file=sys.stderr)
    return 0 if pip("--require-hashes", "-r", str(lock)) else 1


if __name__ == "__main__":
    sys.exit(main())
