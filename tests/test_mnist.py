"""Unit tests of notebooks/mnist.py. Bad-input tests work on temporary
copies of the data; nothing here writes to data/ or figures/."""

import gzip
import re
import shutil

import matplotlib
import numpy as np
import pandas as pd
import pytest
import seaborn as sns
from sklearn.base import clone, is_classifier
from sklearn.metrics import confusion_matrix, precision_score, recall_score

import mnist

matplotlib.use("Agg")

TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"


@pytest.fixture(scope="module")
def mnist_data():
    return mnist.load_mnist()


@pytest.fixture
def data_copy(tmp_path):
    """A temporary copy of data/mnist that a test may damage."""
    copy = tmp_path / "mnist"
    shutil.copytree(mnist.MNIST_DIR, copy)
    return copy


def rewrite(path, change):
    """Decompress ``path``, apply ``change`` to its bytes, recompress."""
    raw = bytearray(gzip.decompress(path.read_bytes()))
    path.write_bytes(gzip.compress(bytes(change(raw)), mtime=0))


def test_shapes_and_dtypes(mnist_data):
    (x_train, y_train), (x_test, y_test) = mnist_data
    assert x_train.shape == (60_000, 28, 28)
    assert y_train.shape == (60_000,)
    assert x_test.shape == (10_000, 28, 28)
    assert y_test.shape == (10_000,)
    for array in (x_train, y_train, x_test, y_test):
        assert array.dtype == np.uint8
        assert array.flags.writeable


def test_published_reference_figures(mnist_data):
    (x_train, y_train), (_, y_test) = mnist_data
    assert y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert np.bincount(y_train).tolist() == [
        5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949,
    ]  # fmt: skip
    assert np.bincount(y_test).tolist() == [
        980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009,
    ]  # fmt: skip
    assert x_train.mean() == pytest.approx(33.318, abs=1e-3)
    assert x_train.std() == pytest.approx(78.567, abs=1e-3)


def test_loads_from_another_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert mnist.load_test_labels().shape == (10_000,)


def assert_clear_error(directory, name, *words):
    with pytest.raises(mnist.MnistFileError) as info:
        mnist.load_mnist(directory)
    message = str(info.value)
    assert name in message
    assert f"git checkout -- data/mnist/{name}" in message
    for word in words:
        assert word in message


def test_missing_file(data_copy):
    (data_copy / TEST_IMAGES).unlink()
    assert_clear_error(data_copy, TEST_IMAGES, "missing")


def test_truncated_gzip(data_copy):
    path = data_copy / TEST_IMAGES
    path.write_bytes(path.read_bytes()[:50_000])
    assert_clear_error(data_copy, TEST_IMAGES, "gzip")


def test_corrupt_gzip(data_copy):
    path = data_copy / TEST_LABELS
    path.write_bytes(b"this is not gzip data at all")
    assert_clear_error(data_copy, TEST_LABELS, "gzip")


def test_wrong_magic_number(data_copy):
    path = data_copy / TEST_LABELS
    rewrite(path, lambda raw: raw[:3] + b"\x03" + raw[4:])
    assert_clear_error(data_copy, TEST_LABELS, "magic number 2051")


def test_wrong_count(data_copy):
    path = data_copy / TEST_LABELS
    rewrite(path, lambda raw: raw[:4] + (9_999).to_bytes(4, "big") + raw[8:])
    assert_clear_error(data_copy, TEST_LABELS, "9999 items")


def test_truncated_body(data_copy):
    path = data_copy / TEST_IMAGES
    rewrite(path, lambda raw: raw[:-784])
    assert_clear_error(data_copy, TEST_IMAGES, "truncated")


def test_checksum_mismatch(data_copy):
    path = data_copy / TEST_IMAGES
    rewrite(path, lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]))
    assert_clear_error(data_copy, TEST_IMAGES, "SHA-256")


@pytest.fixture
def predictions(mnist_data):
    """Keyword arguments of save_predictions for random scores."""
    (_, y_train), (_, y_test) = mnist_data
    rng = np.random.default_rng(0)
    y_score = rng.random((len(y_test), 10))
    val_rows = np.arange(54_000, 60_000)
    return {
        "y_true": y_test,
        "y_pred": y_score.argmax(axis=1),
        "y_score": y_score,
        "n_params": 7850,
        "val_rows": val_rows,
        "val_true": y_train[val_rows],
        "val_score": rng.random((len(val_rows), 10)),
    }


def test_predictions_round_trip(tmp_path, predictions):
    mnist.save_predictions("sgd", **predictions, directory=tmp_path)
    loaded = mnist.load_predictions("sgd", tmp_path)
    for field in ["y_true", "y_pred", "val_rows", "val_true"]:
        np.testing.assert_array_equal(
            getattr(loaded, field), predictions[field]
        )
    for field in ["y_score", "val_score"]:
        np.testing.assert_allclose(
            getattr(loaded, field), predictions[field], rtol=1e-6
        )
    assert loaded.n_params == 7850


def test_predictions_are_byte_stable(tmp_path, predictions):
    first = mnist.save_predictions("a", **predictions, directory=tmp_path)
    second = mnist.save_predictions("b", **predictions, directory=tmp_path)
    assert first.read_bytes() == second.read_bytes()


def test_same_predictions_leave_the_file_alone(tmp_path, predictions):
    """Scores that differ in their last bits do not rewrite the file."""
    path = mnist.save_predictions("a", **predictions, directory=tmp_path)
    before = path.read_bytes()
    score = predictions["y_score"].astype(np.float32)
    nudged = np.nextafter(score, np.float32(2)).astype(np.float32)
    assert not np.array_equal(nudged, score)
    mnist.save_predictions(
        "a", **predictions | {"y_score": nudged}, directory=tmp_path
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "change",
    [
        lambda p: {"y_score": p["y_score"] + 1e-3},
        lambda p: {"val_true": np.roll(p["val_true"], 1)},
        lambda p: {"n_params": 7851},
    ],
)
def test_changed_predictions_rewrite_the_file(tmp_path, predictions, change):
    path = mnist.save_predictions("a", **predictions, directory=tmp_path)
    before = path.read_bytes()
    changed = predictions | change(predictions)
    changed["y_pred"] = np.asarray(changed["y_score"]).argmax(axis=1)
    mnist.save_predictions("a", **changed, directory=tmp_path)
    assert path.read_bytes() != before


def test_a_damaged_file_is_rewritten(tmp_path, predictions):
    path = tmp_path / "a.npz"
    path.write_bytes(b"not a zip file")
    mnist.save_predictions("a", **predictions, directory=tmp_path)
    assert mnist.load_predictions("a", tmp_path).n_params == 7850


@pytest.mark.parametrize(
    ("field", "damage", "message"),
    [
        ("y_pred", lambda p: p["y_true"], "argmax"),
        ("y_score", lambda p: p["y_score"][:, :9], "shape"),
        ("val_score", lambda p: p["val_score"][:-1], "shape"),
        ("val_rows", lambda p: p["val_rows"][:-1], "val_rows"),
    ],
)
def test_save_rejects_inconsistent_predictions(
    tmp_path, predictions, field, damage, message
):
    bad = predictions | {field: damage(predictions)}
    with pytest.raises(ValueError, match=message):
        mnist.save_predictions("x", **bad, directory=tmp_path)
    assert not list(tmp_path.iterdir())


def test_missing_predictions_name_the_notebook(tmp_path):
    with pytest.raises(mnist.PredictionsError, match="03_multiclass_sgd"):
        mnist.load_predictions("sgd", tmp_path)


def test_stale_predictions_are_refused(tmp_path, predictions):
    y_wrong = np.roll(predictions["y_true"], 1)
    stale = predictions | {"y_true": y_wrong}
    mnist.save_predictions("cnn", **stale, directory=tmp_path)
    with pytest.raises(mnist.PredictionsError, match="stale.*06_cnn"):
        mnist.load_predictions("cnn", tmp_path)


def test_stale_validation_labels_are_refused(tmp_path, predictions):
    shifted = predictions | {"val_rows": predictions["val_rows"] - 1}
    mnist.save_predictions("knn", **shifted, directory=tmp_path)
    match = "validation labels.*04_nearest_neighbours"
    with pytest.raises(mnist.PredictionsError, match=match):
        mnist.load_predictions("knn", tmp_path)


def test_missing_validation_scores_name_the_notebook(tmp_path, predictions):
    test_only = {
        key: predictions[key]
        for key in ["y_true", "y_pred", "y_score", "n_params"]
    }
    np.savez_compressed(tmp_path / "hidden.npz", **test_only)
    match = "no validation scores.*05_dense_networks"
    with pytest.raises(mnist.PredictionsError, match=match):
        mnist.load_predictions("hidden", tmp_path)


def test_corrupt_predictions_are_refused(tmp_path):
    (tmp_path / "dense.npz").write_bytes(b"not a zip file")
    with pytest.raises(mnist.PredictionsError, match="05_dense_networks"):
        mnist.load_predictions("dense", tmp_path)


def test_save_fig_is_byte_stable(tmp_path):
    fig = mnist.plot_digits(np.eye(28)[None].repeat(3, axis=0), [1, 2, 3])
    first = mnist.save_fig("01_a", fig, tmp_path).read_bytes()
    second = mnist.save_fig("01_b", fig, tmp_path).read_bytes()
    assert first == second


def test_confusion_matrix_rejects_unknown_normalisation():
    with pytest.raises(ValueError, match="normalize"):
        mnist.plot_confusion_matrix(np.eye(10), normalize="all")


def test_load_mnist_matches_a_hand_parser(mnist_data):
    """The loader returns exactly what notebook 01's hand parser reads."""

    def parse(name):
        raw = gzip.decompress((mnist.MNIST_DIR / name).read_bytes())
        ndim = raw[3]
        shape = [
            int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big")
            for i in range(ndim)
        ]
        return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(shape)

    names = [
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        TEST_IMAGES, TEST_LABELS,
    ]  # fmt: skip
    (x_train, y_train), (x_test, y_test) = mnist_data
    arrays = [x_train, y_train, x_test, y_test]
    for name, array in zip(names, arrays, strict=True):
        np.testing.assert_array_equal(array, parse(name))


def test_flatten_and_scale(mnist_data):
    x_test = mnist_data[1][0]
    flat = mnist.flatten_and_scale(x_test)
    assert flat.shape == (10_000, 784)
    assert flat.dtype == np.float32
    assert flat.min() == 0 and flat.max() == 1
    np.testing.assert_array_equal(flat[0] * 255, x_test[0].ravel())


def test_failed_save_leaves_no_file(tmp_path, predictions, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez_compressed", broken)
    with pytest.raises(OSError, match="disk full"):
        mnist.save_predictions("sgd", **predictions, directory=tmp_path)
    assert not list(tmp_path.iterdir())


def test_training_curves_show_train_and_validation():
    curves = pd.DataFrame(
        {"loss": [2, 1], "accuracy": [0.5, 0.8]}
        | {"val_loss": [2.5, 1.5], "val_accuracy": [0.4, 0.7]},
        index=[1, 2],
    )
    fig = mnist.plot_training_curves(curves, "model")
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["model: loss", "model: accuracy"]
    assert all(len(ax.lines) == 2 for ax in fig.axes)
    for ax in fig.axes:  # marker and line style, not colour alone
        train, validation = ax.lines
        assert train.get_marker() != validation.get_marker()
        assert train.get_linestyle() != validation.get_linestyle()


def test_check_files_counts_every_file():
    counts = mnist.check_files()
    assert counts == {name: n for name, (n, _) in mnist.MNIST_FILES.items()}


def test_check_files_names_the_bad_file(data_copy):
    (data_copy / TEST_LABELS).write_bytes(b"not gzip")
    with pytest.raises(mnist.MnistFileError, match=TEST_LABELS):
        mnist.check_files(data_copy)


def test_output_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(mnist.OUTPUT_ENV, raising=False)
    assert mnist.output_dir("figures") == mnist.FIGURES_DIR
    assert mnist.output_dir("predictions") == mnist.PREDICTIONS_DIR
    monkeypatch.setenv(mnist.OUTPUT_ENV, str(tmp_path))
    assert mnist.output_dir("figures") == tmp_path / "figures"
    assert mnist.output_dir("predictions") == tmp_path / "predictions"


def test_saving_writes_to_the_output_dir(tmp_path, predictions, monkeypatch):
    monkeypatch.setenv(mnist.OUTPUT_ENV, str(tmp_path))
    path = mnist.save_predictions("sgd", **predictions)
    assert path == tmp_path / "predictions" / "sgd.npz"
    figure = mnist.save_fig("01_test", mnist.plot_digits(np.zeros((1, 784))))
    assert figure == tmp_path / "figures" / "01_test.png"


def test_errors_only_leaves_the_diagonal_blank():
    cm = np.full((10, 10), 3) + np.diag(np.full(10, 90))
    ax = mnist.plot_confusion_matrix(cm, errors_only=True)
    labels = [text.get_text() for text in ax.texts]
    assert labels == ["3"] * 90


def test_confusion_matrix_annotations_can_be_chosen():
    cm = np.arange(100).reshape(10, 10)
    assert not mnist.plot_confusion_matrix(cm, annot=False).texts
    labels = np.full((10, 10), "x")
    ax = mnist.plot_confusion_matrix(cm, annot=labels)
    assert [text.get_text() for text in ax.texts] == ["x"] * 100


def test_stored_scores_hand_back_their_input():
    binary = np.array([[-1.5], [0.2], [3.0]])
    model = mnist.StoredScores().fit(binary, [False, True, True])
    np.testing.assert_array_equal(
        model.decision_function(binary), binary[:, 0]
    )
    np.testing.assert_array_equal(model.predict(binary), [False, True, True])
    scores = np.array([[0.1, 2.0, -1.0], [3.0, 0.0, 1.0]])
    model = mnist.StoredScores().fit(scores, [1, 0, 2])
    np.testing.assert_array_equal(model.decision_function(scores), scores)
    np.testing.assert_array_equal(model.predict(scores), [1, 0])
    assert clone(model).get_params() == {}
    assert is_classifier(model)


def scores_with_ties():
    """Labels and scores, some tied, as a binary classifier gives them."""
    rng = np.random.default_rng(0)
    y_true = rng.random(500) < 0.2
    scores = np.round(rng.normal(size=500) + 1.5 * y_true, 1)
    return y_true, scores


def test_errors_at_counts_as_the_confusion_matrix_does():
    y_true, scores = scores_with_ties()
    thresholds = np.array([-10.0, -0.3, 0.0, 0.4, 1.2, 10.0])
    fn, fp = mnist.errors_at(y_true, scores, thresholds)
    for t, fn_t, fp_t in zip(thresholds, fn, fp, strict=True):
        cm = confusion_matrix(y_true, scores >= t, labels=[False, True])
        assert (fn_t, fp_t) == (cm[1, 0], cm[0, 1])
    with pytest.raises(ValueError, match="must pair"):
        mnist.errors_at(y_true[:-1], scores, 0.0)


def test_threshold_explorer_shows_precision_and_recall():
    y_true, scores = scores_with_ties()
    explorer = mnist.ThresholdExplorer(
        y_true, scores, 0.0, -10.0, 10.0, ("no", "yes")
    )
    assert "threshold-slider" in explorer.slider._dom_classes
    assert "run this notebook in Jupyter" in repr(explorer.widget)
    for t in (-1.0, 0.5, 1.3):
        explorer.slider.value = t
        called = scores >= t
        expected = [
            precision_score(y_true, called),
            recall_score(y_true, called),
        ]
        shown = re.findall(
            r'class="widget-\w+">([^<]+)<', explorer.numbers.value
        )
        assert shown == [f"{value:.4f}" for value in expected]
        assert bytes(explorer.picture.value).startswith(b"\x89PNG")
    explorer.slider.value = 10.0  # above every score: precision is 0/0
    assert np.isnan(explorer.rates(10.0)[0])
    assert 'widget-precision">nan<' in explorer.numbers.value


def test_tune_threshold_counts_the_cost_as_errors_at_does():
    y_true, scores = scores_with_ties()

    def cost(y, y_pred):
        y, y_pred = np.asarray(y, bool), np.asarray(y_pred, bool)
        return 5 * np.sum(y & ~y_pred) + np.sum(~y & y_pred)

    tuned = mnist.tune_threshold(y_true, scores, cost, thresholds=20)
    grid = tuned.cv_results_["thresholds"]
    fn, fp = mnist.errors_at(y_true, scores, grid)
    np.testing.assert_array_equal(-tuned.cv_results_["scores"], 5 * fn + fp)
    assert tuned.best_threshold_ == grid[np.argmin(5 * fn + fp)]
    candidates = np.unique(scores)  # every distinct score: the exact search
    exact = mnist.tune_threshold(y_true, scores, cost, thresholds=candidates)
    fn, fp = mnist.errors_at(y_true, scores, candidates)
    assert -exact.best_score_ == (5 * fn + fp).min()


@pytest.mark.parametrize("exercise", sorted(mnist.EXERCISE_ANSWERS))
def test_check_accepts_each_stored_answer(exercise, capsys):
    mnist.check(exercise, mnist.EXERCISE_ANSWERS[exercise])
    assert capsys.readouterr().out == f"{exercise}: correct\n"


@pytest.mark.parametrize(
    "exercise, answer, says",
    [
        ("01.2", None, "not answered yet"),
        ("01.2", 1, "not yet: that is not the value we get"),
        ("01.2", "zero", "expected a number, got str"),
        ("01.3", 66, "not yet"),
        ("01.3", 67.4, "not yet"),
        ("01.4", (94.1, 256), "close (value 1), but not it"),
        ("01.4", (94.08, 255), "not yet (value 2)"),
        ("01.4", 94.08, "expected 2 values, got one"),
        ("01.4", [94.08, 256, 0], "expected 2 values, got 3"),
        ("01.4", (94.08, True), "expected a number (value 2), got True"),
        ("01.2", False, "expected a number, got True or False"),
        ("02.2", (0.8342, 0.8602), "the right values, in another order"),
        ("02.2", (0.8602, 0.834), "close (value 2), but not it"),
        ("03.1", (0.9191, 0.5612), "not yet (value 1)"),  # top-1 accuracy
        ("03.1", (0.9645, 56.12), "not yet (value 2)"),  # a percentage
        ("04.2", (133_333_333, 19_200_000_000), "not yet (value 1)"),
        ("04.2", (133.4, 19200.0), "close (value 1), but not it"),
        ("04.2", (133.3, 1600.0), "not yet (value 2)"),  # 12, not 144, times
        ("08.1", 0.991553, "expected 2 values, got one"),
        ("08.1", (0.991561, 0.991553), "the right values, in another"),
        ("01.4", (256, 94.08), "the right values, in another"),
        ("08.1", (0.9916, 0.9916), "close (value 1)"),  # 4 decimals
        ("08.1", (0.991553, 0.99), "close (value 2), but not it"),
        ("09.4", 36, "not yet"),  # 1.96 * sqrt(b + c), rounded
        ("09.4", 77, "not yet"),  # the observed gap
        (
            "10.3",
            (0.4633, 0.9924, 0.5425, 0.9513, 0.9913),
            "not yet (value 2)",
        ),
        (  # the k-NN's 0 is exact: no coverage reaches 99.5%
            "10.3",
            (0.4633, 0.0001, 0.5425, 0.9513, 0.9913),
            "not yet (value 2)",
        ),
        ("10.3", (0.4633, 0, 0.5425, 0.9513), "expected 5 values, got 4"),
    ],
)
def test_check_rejects_wrong_answers_without_the_answer(
    exercise, answer, says, capsys
):
    mnist.check(exercise, answer)
    out = capsys.readouterr().out
    assert out.startswith(f"{exercise}: {says}")
    verdict = out.removeprefix(f"{exercise}: ")
    assert "correct" not in verdict
    assert str(mnist.EXERCISE_ANSWERS[exercise]) not in verdict


def test_check_takes_arrays_and_series(capsys):
    mnist.check("01.4", np.array([94.08, 256]))
    mnist.check("07.2", pd.Series([5, 4]))
    assert capsys.readouterr().out == "01.4: correct\n07.2: correct\n"


def test_check_names_an_unknown_exercise():
    with pytest.raises(KeyError, match="99.9"):
        mnist.check("99.9", 1)


def test_set_style_sets_the_colorblind_palette():
    with matplotlib.rc_context():
        mnist.set_style()
        cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
        shown = [matplotlib.colors.to_hex(c) for c in cycle]
    palette = [
        matplotlib.colors.to_hex(c) for c in sns.color_palette(mnist.PALETTE)
    ]
    assert mnist.PALETTE == "colorblind"
    assert shown == palette
    assert shown != [
        matplotlib.colors.to_hex(c) for c in sns.color_palette("deep")
    ]


def test_print_summary_is_plain_text(capsys):
    keras = mnist.import_tensorflow().keras
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(3, name="scores")], name="tiny"
    )
    mnist.print_summary(model)
    out = capsys.readouterr().out
    assert 'Model: "tiny"' in out
    assert "scores (Dense)" in out
    assert "Total params: 15" in out  # 4 x 3 weights and 3 biases
    assert "\x1b[" not in out  # no terminal colour codes
    assert out.endswith("\n") and not out.endswith("\n\n")
