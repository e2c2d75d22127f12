"""Helpers for the MNIST series, each one taught first in a notebook.

- ``load_mnist``, ``read_idx``, ``check_files``: parsing and checking IDX
  files (notebook 01).
- ``flatten_and_scale``: 784 features in [0, 1] per image (notebook 01).
- ``set_style``, ``save_fig``, ``plot_digits``: the series' plot theme,
  saving figures, digit galleries (notebook 01).
- ``plot_confusion_matrix``: a confusion matrix as a heatmap (notebook 03).
- ``save_predictions``, ``load_predictions``: test-set predictions, and
  scores on held-out validation rows, shared with the deep-dive notebooks
  (notebook 03).
- ``StoredScores``: stored scores dressed as a scikit-learn classifier, for
  tools that tune thresholds or calibrate (notebook 02).
- ``errors_at``, ``threshold_explorer``, ``tune_threshold``: mistakes at
  every threshold, a threshold slider, scikit-learn's threshold tuner on
  stored scores (notebook 02).
- ``plot_training_curves``: Keras loss and accuracy per epoch (notebook 05).
- ``import_tensorflow``: importing TensorFlow without its start-up noise
  (notebook 05).
- ``print_summary``: a Keras model's summary as plain text (notebook 05).
- ``RerunError``: what a cell that must not run twice raises (notebook 06).
- ``check``: an exercise's answer checked in place, right or what is off,
  without giving the answer away (notebook 01's Exercises).

Paths are resolved from this file's location, so the helpers work from any
working directory. Figures and predictions are written to ``figures/`` and
``data/predictions/``, or under ``$MNIST_OUTPUT_DIR`` when it is set, as the
tests set it (``output_dir``).
"""

import atexit
import gc
import gzip
import hashlib
import io
import itertools
import os
import struct
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from matplotlib.figure import Figure
from sklearn.base import BaseEstimator, ClassifierMixin

ROOT = Path(__file__).resolve().parent.parent
MNIST_DIR = ROOT / "data" / "mnist"
PREDICTIONS_DIR = ROOT / "data" / "predictions"
FIGURES_DIR = ROOT / "figures"
# When set (the tests set it), figures and predictions are written under
# this directory instead of the checkout; predictions are still read from
# PREDICTIONS_DIR unless a directory is given.
OUTPUT_ENV = "MNIST_OUTPUT_DIR"

# A kernel's exit spent 1-2 s collecting garbage the OS frees anyway (after
# Keras training, measured), and shutting down or restarting waits for it.
atexit.register(gc.freeze)

IMAGES_MAGIC = 2051
LABELS_MAGIC = 2049
IMAGE_SIZE = 28
N_CLASSES = 10

# SHA-256 of each original decompressed file, as pinned in data/README.md.
MNIST_FILES = {
    "train-images-idx3-ubyte.gz": (
        60_000,
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    ),
    "train-labels-idx1-ubyte.gz": (
        60_000,
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    ),
    "t10k-images-idx3-ubyte.gz": (
        10_000,
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    ),
    "t10k-labels-idx1-ubyte.gz": (
        10_000,
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ),
}

# Which notebook writes each model's predictions, in the series' order.
PRODUCERS = {
    "sgd": "03_multiclass_sgd.ipynb",
    "knn": "04_nearest_neighbours.ipynb",
    "dense": "05_dense_networks.ipynb",
    "hidden": "05_dense_networks.ipynb",
    "cnn": "06_cnn.ipynb",
}


class MnistFileError(RuntimeError):
    """An MNIST file is missing, unreadable or not the published file."""


class PredictionsError(RuntimeError):
    """A predictions file is missing, malformed or stale."""


class RerunError(RuntimeError):
    """A cell that must not run twice was run again (say which cell to run).

    A training cell raises it rather than silently continue training a
    model; tests/rerun.py accepts it, and only it, on a second run.
    """


def _restore_hint(path):
    return (
        f"Restore the original with `git checkout -- data/mnist/{path.name}` "
        "(from the repository root)."
    )


def read_idx(path, magic, count, sha256):
    """Parse one gzip-compressed IDX file and check it (notebook 01).

    The header must carry ``magic`` and ``count`` (and 28x28 for images),
    the body must be complete, and the decompressed bytes must have the
    SHA-256 ``sha256``. Returns a new uint8 array; raises
    ``MnistFileError`` naming the file otherwise.
    """
    path = Path(path)
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise MnistFileError(
            f"{path} is missing. {_restore_hint(path)}"
        ) from None
    except (OSError, EOFError, zlib.error) as exc:
        raise MnistFileError(
            f"{path} is not a valid gzip file ({exc}). {_restore_hint(path)}"
        ) from exc

    dims = 3 if magic == IMAGES_MAGIC else 1
    header_size = 4 + 4 * dims
    if len(raw) < header_size:
        raise MnistFileError(
            f"{path} is too short to hold an IDX header. {_restore_hint(path)}"
        )
    found_magic, found_count, *shape = struct.unpack(
        f">{1 + dims}I", raw[:header_size]
    )
    if found_magic != magic:
        raise MnistFileError(
            f"{path} has magic number {found_magic}, expected {magic}. "
            f"{_restore_hint(path)}"
        )
    if found_count != count:
        raise MnistFileError(
            f"{path} holds {found_count} items, expected {count}. "
            f"{_restore_hint(path)}"
        )
    if shape and shape != [IMAGE_SIZE, IMAGE_SIZE]:
        raise MnistFileError(
            f"{path} has images of {shape[0]}x{shape[1]}, expected 28x28. "
            f"{_restore_hint(path)}"
        )
    item_size = IMAGE_SIZE**2 if dims == 3 else 1
    expected_size = header_size + count * item_size
    if len(raw) != expected_size:
        raise MnistFileError(
            f"{path} has {len(raw)} bytes after decompression, expected "
            f"{expected_size}: it is truncated or padded. "
            f"{_restore_hint(path)}"
        )
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise MnistFileError(
            f"{path} does not match its pinned SHA-256 checksum. "
            f"{_restore_hint(path)}"
        )
    data = np.frombuffer(raw, dtype=np.uint8, offset=header_size)
    return data.reshape(count, *shape).copy()


def _read_all(directory):
    """Read and check the four files, in MNIST_FILES order."""
    directory = Path(directory)
    arrays = {}
    for name, (count, sha256) in MNIST_FILES.items():
        magic = IMAGES_MAGIC if "images" in name else LABELS_MAGIC
        arrays[name] = read_idx(directory / name, magic, count, sha256)
    return arrays


def check_files(directory=MNIST_DIR):
    """Check the four MNIST files before any other use (notebook 01).

    Returns ``{file name: number of items}`` when every file passes
    every check of ``read_idx``; raises ``MnistFileError`` naming the
    first bad file otherwise.
    """
    return {name: len(array) for name, array in _read_all(directory).items()}


def load_mnist(directory=MNIST_DIR):
    """Load and verify the four MNIST files (notebook 01).

    Returns ``(x_train, y_train), (x_test, y_test)``: images as uint8
    arrays of shape (n, 28, 28), labels as uint8 arrays of shape (n,).
    Nothing is returned unless all four files pass every check.
    """
    x_train, y_train, x_test, y_test = _read_all(directory).values()
    return (x_train, y_train), (x_test, y_test)


def _load_labels(name, directory):
    count, sha256 = MNIST_FILES[name]
    return read_idx(Path(directory) / name, LABELS_MAGIC, count, sha256)


def load_test_labels(directory=MNIST_DIR):
    """The 10,000 verified test labels (notebook 01's loader, one file)."""
    return _load_labels("t10k-labels-idx1-ubyte.gz", directory)


def load_train_labels(directory=MNIST_DIR):
    """The 60,000 verified training labels (notebook 01's loader)."""
    return _load_labels("train-labels-idx1-ubyte.gz", directory)


def flatten_and_scale(images):
    """Flatten (n, 28, 28) images to (n, 784) float32 pixels in [0, 1]
    (notebook 01)."""
    return images.reshape(len(images), -1).astype(np.float32) / 255


PALETTE = "colorblind"


def set_style():
    """Set the series' plotting theme (notebook 01).

    Colours come from seaborn's "colorblind" palette (``PALETTE``), whose
    ten colours stay apart for the commonest colour-vision deficiencies;
    a figure still never lets colour alone carry a distinction.

    In a notebook it also shows each figure as a picture only. Otherwise
    Jupyter stores a line of text such as ``<Figure size 640x480 with 1
    Axes>`` beside every plot, which says nothing to a reader.
    """
    sns.set_theme(style="whitegrid", palette=PALETTE)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        # Choose the inline backend now: choosing it later would reset the
        # formatters for figures.
        shell.run_line_magic("matplotlib", "inline")
        plain_text = shell.display_formatter.formatters["text/plain"]
        plain_text.for_type(Figure, lambda figure, printer, cycle: None)


def output_dir(kind):
    """Where notebooks write ``kind`` ("figures" or "predictions").

    The checkout's ``figures/`` and ``data/predictions/``, unless the
    environment variable ``MNIST_OUTPUT_DIR`` names another directory, as
    the tests do so that they never write into the checkout.
    """
    default = {"figures": FIGURES_DIR, "predictions": PREDICTIONS_DIR}[kind]
    override = os.environ.get(OUTPUT_ENV)
    return Path(override) / kind if override else default


def save_fig(name, fig=None, directory=None):
    """Save a figure as ``figures/<name>.png`` (notebook 01).

    ``name`` starts with the notebook's number, as in ``"01_gallery"``.
    The PNG carries no software version or date, so re-running a notebook
    writes the same bytes. ``directory`` defaults to ``output_dir``.
    """
    fig = plt.gcf() if fig is None else fig
    directory = output_dir("figures") if directory is None else directory
    path = Path(directory) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(
        path, dpi=100, bbox_inches="tight", metadata={"Software": None}
    )
    return path


def plot_digits(images, titles=None, ncols=10, size=1.0):
    """Show images as a grid of digits, each with an optional title.

    ``images`` has shape (n, 28, 28) or (n, 784). Returns the figure
    (notebook 01).
    """
    images = np.asarray(images).reshape(-1, IMAGE_SIZE, IMAGE_SIZE)
    ncols = min(ncols, len(images))
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(ncols * size, nrows * size * (1 if titles is None else 1.25)),
        squeeze=False,
    )
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i < len(images):
            ax.imshow(images[i], cmap="binary")
            if titles is not None:
                ax.set_title(str(titles[i]), fontsize=9)
    return fig


def plot_confusion_matrix(
    cm, normalize=None, errors_only=False, ax=None, annot=True
):
    """Draw a 10x10 confusion matrix as an annotated heatmap (notebook 03).

    Rows are true labels, columns predicted labels. ``normalize="true"``
    divides each row by its total (recall on the diagonal), ``"pred"``
    each column (precision on the diagonal). ``errors_only`` leaves the
    diagonal blank, so that the mistakes alone set the colour scale.
    ``annot`` prints each cell's value (True), nothing (False), or, given
    an array of strings shaped like ``cm``, those strings (notebook 07).
    Returns the axes.
    """
    cm = np.asarray(cm, dtype=float)
    if normalize == "true":
        cm = cm / cm.sum(axis=1, keepdims=True)
    elif normalize == "pred":
        cm = cm / cm.sum(axis=0, keepdims=True)
    elif normalize is not None:
        raise ValueError(
            f"normalize must be None, 'true' or 'pred', not {normalize!r}"
        )
    mask = np.eye(len(cm), dtype=bool) if errors_only else None
    if ax is None:
        ax = plt.subplots(figsize=(6, 5))[1]
    fmt = ".0f" if normalize is None else ".2f"
    if not isinstance(annot, bool):
        annot, fmt = np.asarray(annot, dtype=str), ""
    sns.heatmap(
        cm,
        annot=annot,
        fmt=fmt,
        annot_kws={"fontsize": 7},
        cmap="Blues",
        mask=mask,
        square=True,
        cbar=False,
        ax=ax,
    )
    ax.set(xlabel="predicted label", ylabel="true label")
    ax.grid(False)
    ax.set_facecolor("0.9")  # a blank diagonal shows as grey
    return ax


class Predictions(NamedTuple):
    """A model's test-set predictions, the model's size, and validation
    scores: scores on training rows that the model which produced them did
    not learn from (the model itself, or a twin trained without them)."""

    y_true: np.ndarray
    y_pred: np.ndarray
    y_score: np.ndarray
    n_params: int
    val_rows: np.ndarray
    val_true: np.ndarray
    val_score: np.ndarray


VALIDATION_FIELDS = ("val_rows", "val_true", "val_score")


def _check_scores(y_true, y_score, what):
    n = len(y_true)
    if y_true.shape != (n,) or y_score.shape != (n, N_CLASSES):
        raise ValueError(
            f"expected {what} labels of shape ({n},) and scores of shape "
            f"({n}, {N_CLASSES}), got {y_true.shape} and {y_score.shape}"
        )


def save_predictions(
    name,
    y_true,
    y_pred,
    y_score,
    n_params,
    *,
    val_rows,
    val_true,
    val_score,
    directory=None,
):
    """Save a model's predictions as ``<name>.npz`` (notebook 03).

    ``y_true`` and ``y_pred`` are (n,) test labels and ``y_score`` an
    (n, 10) array of test scores or probabilities with
    ``y_pred == argmax(y_score)``; ``n_params`` is the model's number of
    trained parameters. ``val_rows`` are training-set rows that the model
    which scored them did not learn from (the saved model, or a twin of it
    trained without those rows), ``val_true`` their labels and
    ``val_score`` the (m, 10) scores on them: the data for calibrating and
    choosing thresholds without touching the test set. The file is
    written in one step, so a failure never leaves half a file behind.
    ``directory`` defaults to ``output_dir("predictions")``. A file that
    already holds the same predictions (the same labels, every score
    within 1e-4) is left as it is: re-running a notebook on another CPU
    does not rewrite it for its last digits.
    """
    y_true = np.asarray(y_true).astype(np.int64)
    y_pred = np.asarray(y_pred).astype(np.int64)
    y_score = np.asarray(y_score, dtype=np.float32)
    val_rows = np.asarray(val_rows).astype(np.int64)
    val_true = np.asarray(val_true).astype(np.int64)
    val_score = np.asarray(val_score, dtype=np.float32)
    _check_scores(y_true, y_score, "test")
    if y_pred.shape != y_true.shape:
        raise ValueError(
            f"expected y_pred of shape {y_true.shape}, got {y_pred.shape}"
        )
    if not np.array_equal(y_pred, y_score.argmax(axis=1)):
        raise ValueError("y_pred must equal y_score.argmax(axis=1)")
    _check_scores(val_true, val_score, "validation")
    if val_rows.shape != val_true.shape or len(val_rows) == 0:
        raise ValueError("val_rows must name one training row per label")
    if directory is None:
        directory = output_dir("predictions")
    path = Path(directory) / f"{name}.npz"
    arrays = {
        "y_true": y_true,
        "y_pred": y_pred,
        "y_score": y_score,
        "n_params": np.int64(n_params),
        "val_rows": val_rows,
        "val_true": val_true,
        "val_score": val_score,
    }
    if _holds(path, arrays):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=path.parent, suffix=".npz", delete=False
    ) as tmp:
        try:
            np.savez_compressed(tmp, **arrays)
        except BaseException:
            os.unlink(tmp.name)
            raise
    os.chmod(tmp.name, 0o644)  # temporary files are private by default
    os.replace(tmp.name, path)
    return path


# Scores that differ by less are the same predictions: SGD's differ by up
# to 1.5e-5 between CPUs, the networks' probabilities by about 2e-7.
SCORE_TOLERANCE = 1e-4


def _holds(path, arrays):
    """Whether the file at ``path`` holds ``arrays``: the same keys, labels
    and counts exactly, every score within ``SCORE_TOLERANCE``."""
    try:
        with np.load(path) as stored:
            if set(stored.files) != set(arrays):
                return False
            return all(
                stored[key].shape == value.shape
                and (
                    np.allclose(
                        stored[key], value, rtol=0, atol=SCORE_TOLERANCE
                    )
                    if key.endswith("score")
                    else np.array_equal(stored[key], value)
                )
                for key, value in arrays.items()
            )
    except (OSError, ValueError, zipfile.BadZipFile):
        return False


def load_predictions(name, directory=PREDICTIONS_DIR, labels_dir=MNIST_DIR):
    """Load a model's saved predictions (notebook 03).

    Raises ``PredictionsError`` naming the notebook to run when the file
    is missing or malformed, was made for other labels than the test set,
    or lacks validation scores that match the training labels.
    """
    path = Path(directory) / f"{name}.npz"
    producer = PRODUCERS.get(name, "the notebook that trains this model")
    rerun = f"Run notebooks/{producer} to (re)create it."
    if not path.exists():
        raise PredictionsError(f"{path} does not exist. {rerun}")
    try:
        with np.load(path) as saved:
            missing = set(VALIDATION_FIELDS) - set(saved.files)
            if missing:
                raise PredictionsError(
                    f"{path} has no validation scores "
                    f"({', '.join(sorted(missing))} missing): it was written "
                    f"by an older version of the series. {rerun}"
                )
            saved = Predictions(*(saved[key] for key in Predictions._fields))
    except (OSError, ValueError, KeyError, zlib.error) as exc:
        raise PredictionsError(
            f"{path} cannot be read ({exc}). {rerun}"
        ) from exc
    y_test = load_test_labels(labels_dir)
    if saved.y_true.shape != y_test.shape or not np.array_equal(
        saved.y_true, y_test
    ):
        raise PredictionsError(
            f"{path} is stale: its y_true is not the MNIST test labels. "
            f"{rerun}"
        )
    m = len(saved.val_true)
    if (
        saved.y_pred.shape != y_test.shape
        or saved.y_score.shape != (len(y_test), N_CLASSES)
        or saved.val_rows.shape != (m,)
        or saved.val_score.shape != (m, N_CLASSES)
    ):
        raise PredictionsError(
            f"{path} has arrays of the wrong shape. {rerun}"
        )
    y_train = load_train_labels(labels_dir)
    rows = saved.val_rows
    if (
        m == 0
        or rows.min() < 0
        or rows.max() >= len(y_train)
        or not np.array_equal(saved.val_true, y_train[rows])
    ):
        raise PredictionsError(
            f"{path} is stale: its validation labels are not the MNIST "
            f"training labels of its val_rows. {rerun}"
        )
    return saved._replace(n_params=int(saved.n_params))


class StoredScores(ClassifierMixin, BaseEstimator):
    """A "classifier" whose decision scores are its input (notebook 02).

    scikit-learn's threshold tuners and calibrators take a fitted
    classifier, not an array of scores. Fitted on stored scores (one column
    for a binary problem, one per class otherwise) and their labels, this
    one hands those scores back, so that the tool works on exactly them.
    ``BaseEstimator`` gives it parameters and tags, ``ClassifierMixin``
    makes it a classifier.
    """

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def decision_function(self, X):
        X = np.asarray(X)
        return X[:, 0] if X.shape[1] == 1 else X

    def predict(self, X):
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[scores.argmax(axis=1)]


def errors_at(y_true, scores, thresholds):
    """False negatives and false positives at each threshold (notebook 02).

    A score at or above a threshold means "positive". Each class's scores
    are sorted once; a binary search (``np.searchsorted``) then counts, for
    every threshold at once, the positives below it (missed) and the
    negatives at or above it (false alarms). Returns two integer arrays
    shaped like ``thresholds``.
    """
    y_true = np.asarray(y_true, dtype=bool)
    scores = np.asarray(scores)
    if y_true.shape != scores.shape:
        raise ValueError(
            f"{len(y_true)} labels but {len(scores)} scores: they must pair"
        )
    positives = np.sort(scores[y_true])
    negatives = np.sort(scores[~y_true])
    fn = np.searchsorted(positives, thresholds)
    fp = len(negatives) - np.searchsorted(negatives, thresholds)
    return fn, fp


class ThresholdExplorer:
    """A slider over a binary classifier's threshold (notebook 02).

    ``threshold_explorer`` builds one. Moving the slider retrains nothing:
    the counts at a threshold come from ``errors_at``, and the figure, the
    confusion matrix and the operating point on the precision/recall and
    ROC curves, is redrawn as a PNG when the handle is let go. Precision
    and recall are shown as HTML, each in a ``<span>`` with a class of its
    own (``widget-precision``, ``widget-recall``), and the slider carries
    the class ``threshold-slider``, so that tests/browser.py can find them.
    """

    def __init__(self, y_true, scores, start, low, high, labels):
        import ipywidgets as widgets  # only the slider needs them
        from sklearn.metrics import precision_recall_curve, roc_curve

        self.labels = list(labels)
        self.y_true = np.asarray(y_true, dtype=bool)
        self.scores = np.asarray(scores)
        self.n_pos = int(self.y_true.sum())
        self.n_neg = len(self.y_true) - self.n_pos
        precision, recall, _ = precision_recall_curve(self.y_true, scores)
        fpr, tpr, _ = roc_curve(self.y_true, scores)
        self.curves = (recall, precision), (fpr, tpr)
        self.slider = widgets.FloatSlider(
            value=start,
            min=low,
            max=high,
            step=0.01,
            readout_format=".4f",
            description="threshold",
            continuous_update=False,
        )
        self.slider.add_class("threshold-slider")
        self.slider.layout.width = "36em"
        self.numbers = widgets.HTML()
        self.picture = widgets.Image(format="png")
        self.slider.observe(self.update, names="value")
        self.update()
        self.widget = _help_box([self.slider, self.numbers, self.picture])

    def counts(self, threshold):
        """TN, FP, FN and TP at a threshold."""
        fn, fp = errors_at(self.y_true, self.scores, threshold)
        return self.n_neg - fp, fp, fn, self.n_pos - fn

    def rates(self, threshold):
        """Precision (nan when nothing is called positive), recall and
        false positive rate at a threshold."""
        tn, fp, fn, tp = map(int, self.counts(threshold))
        precision = tp / (tp + fp) if tp + fp else np.nan
        return precision, tp / (tp + fn), fp / (fp + tn)

    def readout(self, threshold):
        """Precision and recall at a threshold, as HTML."""
        precision, recall, _ = self.rates(threshold)
        return (
            f'precision <span class="widget-precision">{precision:.4f}'
            f'</span>, recall <span class="widget-recall">{recall:.4f}'
            "</span>"
        )

    def figure(self, threshold):
        """The confusion matrix and the operating point on both curves."""
        precision, recall, fpr = self.rates(threshold)
        fig, (ax_cm, ax_pr, ax_roc) = plt.subplots(1, 3, figsize=(11, 3.4))
        cm = np.reshape(self.counts(threshold), (2, 2))
        sns.heatmap(
            cm, annot=True, fmt=",", cmap="Blues", cbar=False, ax=ax_cm
        )
        ax_cm.set(xlabel="predicted", ylabel="actual")
        ax_cm.set_xticklabels(self.labels)
        ax_cm.set_yticklabels(self.labels, rotation=0)
        (pr_x, pr_y), (roc_x, roc_y) = self.curves
        ax_pr.plot(pr_x, pr_y)
        ax_pr.plot(recall, precision, "ko")
        ax_pr.set(xlabel="recall", ylabel="precision")
        ax_roc.plot(roc_x, roc_y)
        ax_roc.plot(fpr, recall, "ko")
        ax_roc.set(xlabel="false positive rate", ylabel="true positive rate")
        return fig

    def update(self, change=None):
        threshold = self.slider.value
        self.numbers.value = self.readout(threshold)
        fig = self.figure(threshold)
        buffer = io.BytesIO()
        fig.tight_layout()
        fig.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
        plt.close(fig)
        self.picture.value = buffer.getvalue()


def _help_box(children):
    """A VBox whose text form, all that shows where no JavaScript runs, is
    a line of help rather than a list of its parts."""
    import ipywidgets as widgets

    class HelpBox(widgets.VBox):
        def __repr__(self):
            return (
                "A threshold slider: run this notebook in Jupyter to use it."
            )

    return HelpBox(children)


def threshold_explorer(
    y_true,
    scores,
    start=0.0,
    low=-10.0,
    high=10.0,
    labels=("negative", "positive"),
):
    """A slider from ``low`` to ``high`` over the threshold on ``scores``,
    starting at ``start``, with precision, recall, the confusion matrix
    (its classes named by ``labels``) and both curves (notebook 02); see
    ``ThresholdExplorer``."""
    explorer = ThresholdExplorer(y_true, scores, start, low, high, labels)
    return explorer.widget


def tune_threshold(y_true, scores, cost, thresholds=100):
    """scikit-learn's ``TunedThresholdClassifierCV`` on stored scores
    (notebook 02).

    The tuner takes a fitted classifier, not scores: ``StoredScores``
    hands our scores back as its decision scores (``cv="prefit"``, nothing
    is trained). ``cost(y_true, y_pred)`` is made a scorer with
    ``greater_is_better=False``, so that the tuner, which maximises the
    score, minimises the cost. It tries ``thresholds`` (a number of evenly
    spaced thresholds from the lowest score to the highest, or the
    thresholds themselves) and keeps the costs in ``cv_results_``.
    Returns the fitted tuner.
    """
    from sklearn.metrics import make_scorer
    from sklearn.model_selection import TunedThresholdClassifierCV

    column = np.asarray(scores).reshape(-1, 1)
    return TunedThresholdClassifierCV(
        StoredScores().fit(column, y_true),
        scoring=make_scorer(cost, greater_is_better=False),
        response_method="decision_function",
        thresholds=thresholds,
        cv="prefit",
        refit=False,
        store_cv_results=True,
    ).fit(column, y_true)


def plot_training_curves(curves, title):
    """Plot loss and accuracy per epoch, training (circles, solid) against
    validation (squares, dashed), as notebook 05 does.

    ``curves`` is a DataFrame of a Keras ``History.history``, indexed by
    epoch, with ``loss``, ``accuracy``, ``val_loss`` and ``val_accuracy``.
    Returns the figure.
    """
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    for ax, metric in zip(axes, ["loss", "accuracy"], strict=True):
        ax.plot(curves.index, curves[metric], "o-", label="train")
        ax.plot(
            curves.index, curves[f"val_{metric}"], "s--", label="validation"
        )
        ax.set(xlabel="epoch", ylabel=metric, title=f"{title}: {metric}")
        ax.legend()
    return fig


def print_summary(model):
    """Print a Keras model's summary as plain text (notebook 05).

    ``model.summary()`` in a notebook shows rich's HTML, whose blue layer
    names and green counts are too pale on white to read (they fail the
    book's colour-contrast check, ``tests/accessibility.py``). Given a
    ``print_fn``, Keras writes the same table without colour.
    """
    model.summary(print_fn=lambda text, **_: print(text, end=""))


def import_tensorflow():
    """Import TensorFlow without its start-up messages (notebook 05).

    TensorFlow 2.21 writes log lines to file descriptor 2 while it loads
    and first looks for devices, whatever ``TF_CPP_MIN_LOG_LEVEL`` says
    (tensorflow/tensorflow#100442). Jupyter would show them as stderr, so
    we point descriptor 2 at /dev/null for those two steps only. Python
    exceptions are unaffected. ``TF_ENABLE_ONEDNN_OPTS=0`` also turns off
    oneDNN kernels whose rounding depends on the CPU.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    sys.stderr.flush()
    saved_fd = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import tensorflow as tf

        tf.config.list_physical_devices()
    finally:
        os.dup2(saved_fd, 2)
        os.close(saved_fd)
        os.close(devnull)
    return tf


# Answers that `check` compares with; a learner who reads them here has
# chosen to look. Numbers match when they agree to the decimals shown.
EXERCISE_ANSWERS = {
    "01.2": 0,  # the digit with the most ink
    "01.3": 67,  # pixels that are 0 in every training image
    "01.4": (94.08, 256),  # float16 megabytes, distinct grey levels
    "02.2": (0.8602, 0.8342),  # precision, recall at the threshold of best F1
    "03.1": (0.9645, 0.5612),  # SGD's top-2 accuracy, share of misses 2nd
    "04.2": (133.3, 19200.0),  # millions of distances, 5,000 and 60,000
    "07.2": (5, 4),  # SGD's digits of lowest precision and specificity
    "08.1": (0.991553, 0.991561),  # CNN's macro F1: mean of F1s, F1 of means
    "09.4": 37,  # smallest significant |b - c| for sgd and dense
    # largest test coverage at 99.5% accuracy, sgd to cnn (k-NN: none)
    "10.3": (0.4633, 0, 0.5425, 0.9513, 0.9913),
}


def _compare(expected, answer, where=""):
    """Why ``answer`` is not ``expected``, or "" when it is."""
    if isinstance(expected, tuple):
        if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__"):
            return f"expected {len(expected)} values{where}, got one"
        answer = list(answer)  # a tuple, list, array or Series
        if len(answer) != len(expected):
            return f"expected {len(expected)} values{where}, got {len(answer)}"
        problems = [
            _compare(want, got, f" (value {i + 1})")
            for i, (want, got) in enumerate(zip(expected, answer, strict=True))
        ]
        problem = next((p for p in problems if p), "")
        if problem and any(
            not any(map(_compare, expected, order))
            for order in itertools.permutations(answer)
        ):
            return "the right values, in another order: check the order"
        return problem
    if isinstance(answer, (bool, np.bool_)):
        return f"expected a number{where}, got True or False"
    try:
        got = float(answer)
    except (TypeError, ValueError):
        return f"expected a number{where}, got {type(answer).__name__}"
    if got == expected:
        return ""
    if isinstance(expected, float):  # right to the decimals it shows
        decimals = len(repr(expected).partition(".")[2])
        if round(got, decimals) == expected:
            return ""
        if abs(got - expected) <= 0.01 * abs(expected):
            return f"close{where}, but not it: check your rounding or a step"
    return f"not yet{where}: that is not the value we get"


def check(exercise, answer):
    """Say whether an exercise's answer is right, without giving it away
    (the notebooks' Exercises, from 01). ``answer=None`` means not answered
    yet.
    Prints the verdict and returns nothing, so a cell shows only that."""
    if exercise not in EXERCISE_ANSWERS:
        raise KeyError(f"no exercise {exercise!r} to check")
    if answer is None:
        print(f"{exercise}: not answered yet")
        return
    problem = _compare(EXERCISE_ANSWERS[exercise], answer)
    print(f"{exercise}: {problem}" if problem else f"{exercise}: correct")
