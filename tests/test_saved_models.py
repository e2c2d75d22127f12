"""Trained Keras models stay out of the repository.

Notebook 06 saves its CNN in Keras' native ``.keras`` format and loads it
back, in a temporary directory. Such a file is not byte-stable: Keras
writes the time of saving into the archive's ``metadata.json`` and stamps
the weights member of the zip with the current time, so saving the same
model twice gives different bytes, and a committed ``.keras`` file would
show as modified after every ``make run``. The prediction files in
``data/predictions/`` carry all that later notebooks need.
"""

import json
import os
import zipfile

import pytest

import mnist

MODEL_SUFFIXES = (".keras", ".h5")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def model_files(root):
    """Saved-model files under ``root``, outside hidden folders and build/."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and name != "build"
        ]
        for name in files:
            if name.endswith(MODEL_SUFFIXES):
                yield os.path.relpath(os.path.join(folder, name), root)


def test_no_saved_model_in_the_checkout():
    found = sorted(model_files(mnist.ROOT))
    assert not found, (
        f"saved models in the checkout: {found}. A .keras file changes "
        "bytes every time it is saved; save models to a temporary "
        "directory, as notebook 06 does."
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside Keras
def test_a_keras_file_records_when_it_was_saved(tmp_path):
    """Why the rule above: the archive is stamped with the saving time.

    If this fails, Keras writes reproducible files, and the rule may be
    reconsidered.
    """
    mnist.import_tensorflow()
    import keras

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    path = tmp_path / "model.keras"
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        metadata = json.loads(archive.read("metadata.json"))
        times = {info.filename: info.date_time for info in archive.infolist()}
    assert "date_saved" in metadata
    assert times["model.weights.h5"] != FIXED_ZIP_TIME
