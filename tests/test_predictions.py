"""The committed prediction files are current and as good as promised."""

import numpy as np
import pytest

import mnist

MIN_ACCURACY = {
    "sgd": 0.915,
    "knn": 0.965,
    "dense": 0.925,
    "hidden": 0.975,
    "cnn": 0.990,
}


def test_every_model_has_a_floor():
    assert set(MIN_ACCURACY) == set(mnist.PRODUCERS)


@pytest.mark.parametrize("name", MIN_ACCURACY)
def test_test_accuracy(name):
    saved = mnist.load_predictions(name)
    np.testing.assert_array_equal(saved.y_pred, saved.y_score.argmax(axis=1))
    assert np.mean(saved.y_pred == saved.y_true) >= MIN_ACCURACY[name]
    assert saved.n_params > 0


@pytest.mark.parametrize("name", MIN_ACCURACY)
def test_validation_scores(name):
    saved = mnist.load_predictions(name)
    assert len(np.unique(saved.val_rows)) == len(saved.val_rows) >= 5_000
    val_accuracy = np.mean(saved.val_score.argmax(axis=1) == saved.val_true)
    assert val_accuracy >= MIN_ACCURACY[name] - 0.01
