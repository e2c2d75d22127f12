"""`make doctor` passes on a good clone and names what is wrong on a
broken one: a changed byte in a data file, a missing or wrong package."""

import shutil
import subprocess
import sys

import doctor
import mnist


def test_a_good_clone_passes():
    result = subprocess.run(
        [sys.executable, str(mnist.ROOT / "tests" / "doctor.py")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert "PROBLEM" not in result.stdout
    assert result.stdout.rstrip().endswith("all checks passed")


def test_a_changed_byte_is_named(tmp_path, capsys):
    shutil.copytree(mnist.MNIST_DIR, tmp_path, dirs_exist_ok=True)
    damaged = tmp_path / "train-labels-idx1-ubyte.gz"
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    problem = doctor.check_data(tmp_path)
    assert problem and damaged.name in problem and "git checkout" in problem


def test_missing_and_wrong_packages_are_named(tmp_path, monkeypatch):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "not-a-real-package==1.0 \\\n    --hash=sha256:00\n"
        "pytest==0.0.1 \\\n    --hash=sha256:00\n"
        "pywinpty==3.1.2 ; os_name == 'nonexistent' \\\n"
    )
    original = doctor.locked
    monkeypatch.setattr(doctor, "locked", lambda: original(lock))
    problem = doctor.check_packages()
    assert "not-a-real-package is missing" in problem
    assert "the lock says 0.0.1" in problem
    assert "pywinpty" not in problem  # not for this platform
    assert "make install" in problem
