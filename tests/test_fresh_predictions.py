"""The predictions the notebooks wrote in this test run agree with the
committed ones: exactly for scikit-learn, within bands for Keras models,
whose training arithmetic differs from one CPU to another."""

import numpy as np
import pytest

import mnist

# Measured across CPUs and settings; see the README's "How the tests work".
KERAS_ACCURACY_TOLERANCE = 0.003
KERAS_MIN_AGREEMENT = 0.99
EXACT = {"sgd", "knn"}


def fresh_and_committed(name):
    directory = mnist.output_dir("predictions")
    if directory == mnist.PREDICTIONS_DIR:
        pytest.skip("the notebooks wrote into the checkout, not a test run")
    if not (directory / f"{name}.npz").exists():
        pytest.skip(f"{mnist.PRODUCERS[name]} did not run in this session")
    return mnist.load_predictions(name, directory), mnist.load_predictions(
        name
    )


def accuracy(predictions):
    return np.mean(predictions.y_pred == predictions.y_true)


@pytest.mark.after_notebooks
@pytest.mark.parametrize("name", sorted(mnist.PRODUCERS))
def test_fresh_predictions_match_committed(name):
    fresh, committed = fresh_and_committed(name)
    assert fresh.n_params == committed.n_params
    np.testing.assert_array_equal(fresh.val_rows, committed.val_rows)
    if name in EXACT:
        np.testing.assert_array_equal(fresh.y_pred, committed.y_pred)
        np.testing.assert_allclose(
            fresh.y_score, committed.y_score, atol=mnist.SCORE_TOLERANCE
        )
        np.testing.assert_allclose(
            fresh.val_score, committed.val_score, atol=mnist.SCORE_TOLERANCE
        )
        return
    val_agreement = np.mean(
        fresh.val_score.argmax(axis=1) == committed.val_score.argmax(axis=1)
    )
    assert val_agreement >= KERAS_MIN_AGREEMENT, f"{name}: {val_agreement:.4f}"
    assert accuracy(fresh) == pytest.approx(
        accuracy(committed), abs=KERAS_ACCURACY_TOLERANCE
    )
    agreement = np.mean(fresh.y_pred == committed.y_pred)
    assert agreement >= KERAS_MIN_AGREEMENT, f"{name}: {agreement:.4f}"
