"""Notebook 01 stops at its first look at the data with the module's clear
error when a file is missing or damaged. Each case runs the notebook on a
scratch copy of the series whose data has one file broken."""

import gzip
import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import mnist

FIRST = mnist.ROOT / "notebooks" / "01_load_explore_scale.ipynb"
IMAGES = "train-images-idx3-ubyte.gz"


def missing(path):
    path.unlink()


def truncated(path):
    path.write_bytes(path.read_bytes()[:100_000])


def not_gzip(path):
    path.write_bytes(b"<html>Moved Permanently</html>")


def changed_byte(path):
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[5_000] ^= 1
    path.write_bytes(gzip.compress(bytes(raw), mtime=0))


@pytest.mark.parametrize(
    "damage", [missing, truncated, not_gzip, changed_byte]
)
def test_first_data_cell_names_the_file(tmp_path, damage):
    shutil.copytree(mnist.MNIST_DIR, tmp_path / "data" / "mnist")
    (tmp_path / "notebooks").mkdir()
    shutil.copy(mnist.ROOT / "notebooks" / "mnist.py", tmp_path / "notebooks")
    damage(tmp_path / "data" / "mnist" / IMAGES)
    book = nbformat.read(FIRST, as_version=4)
    client = NotebookClient(
        book,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path / "notebooks")}},
    )
    with pytest.raises(CellExecutionError) as info:
        client.execute()
    assert info.value.ename == "MnistFileError"
    assert IMAGES in info.value.evalue
    assert f"git checkout -- data/mnist/{IMAGES}" in info.value.evalue
    failed = [
        cell
        for cell in book.cells
        if any(o.output_type == "error" for o in cell.get("outputs", []))
    ]
    assert len(failed) == 1 and "mnist.check_files" in failed[0].source
