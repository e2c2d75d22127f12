"""pytest hooks for the whole suite: tests never write into the checkout.

The notebooks write their figures and predictions wherever
``MNIST_OUTPUT_DIR`` points (see ``mnist.output_dir``). For a test session
it points at a temporary directory, removed at the end; the deep dives
still read the committed ``data/predictions/``. Tests marked
``after_notebooks`` compare what the notebooks wrote with what is
committed, so they run last.
"""

import os
import shutil
import tempfile

import mnist

_created = []


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "after_notebooks: runs after the notebooks have run"
    )
    if not os.environ.get(mnist.OUTPUT_ENV):
        scratch = tempfile.mkdtemp(prefix="mnist-series-")
        os.environ[mnist.OUTPUT_ENV] = scratch
        _created.append(scratch)


def pytest_unconfigure(config):
    for scratch in _created:
        shutil.rmtree(scratch, ignore_errors=True)
        os.environ.pop(mnist.OUTPUT_ENV, None)


def pytest_collection_modifyitems(items):
    items.sort(
        key=lambda item: item.get_closest_marker("after_notebooks") is not None
    )
