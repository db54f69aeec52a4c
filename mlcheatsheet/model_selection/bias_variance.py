r"""The bias–variance decomposition, estimated by simulation.

Draw many training sets from one known process :math:`y = f(x) + \varepsilon`,
:math:`\operatorname{Var}\varepsilon = \sigma^2`, fit a model to each, and predict at
fixed test points. At each point, the expected squared error of the prediction
:math:`\hat f(x)` against a new noisy target splits into three terms:

.. math::
    \mathbb{E}\bigl[(y - \hat f(x))^2\bigr]
    = \underbrace{\sigma^2}_{\text{noise}}
    + \underbrace{\bigl(\mathbb{E}\hat f(x) - f(x)\bigr)^2}_{\text{bias}^2}
    + \underbrace{\mathbb{E}\bigl[(\hat f(x) - \mathbb{E}\hat f(x))^2\bigr]}_{\text{variance}}

:func:`simulate_predictions` makes the predictions, :func:`decompose` splits their
error into bias² and variance (averaged over the test points), and
:func:`expected_test_error` measures the left-hand side directly on fresh noisy
targets, with its Monte-Carlo standard error.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import function, matrix, nonnegative, rng, size, validate, vector

__all__ = ["simulate_predictions", "BiasVariance", "decompose", "expected_test_error"]


def _training_set(value, name):
    """Spec for what ``sample`` returns: a pair ``(x, y)`` of equally long arrays of numbers."""
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (x, y); got {type(value).__name__}")
    x, y = (np.asarray(matrix(v, name) if np.ndim(v) == 2 else vector(v, name)) for v in value)
    if len(x) != len(y):
        raise ValueError(f"{name} must be x and y of one length; got {len(x)} and {len(y)}")
    return x, y


@validate(fit_predict=function(returns=vector), sample=function(returns=_training_set),
          x_test=vector, n_datasets=size(2), rng=rng)
def simulate_predictions(fit_predict, sample, x_test, n_datasets=200, rng=0):
    r"""Predict at ``x_test`` with a model fitted to each of ``n_datasets`` training sets.

    Parameters
    ----------
    fit_predict : callable
        ``fit_predict(x, y, x_test)`` fits the model to ``(x, y)`` and returns its
        predictions at ``x_test``.
    sample : callable
        ``sample(rng)`` draws one training set ``(x, y)`` from the process.
    x_test : array_like of shape (n_points,)
    n_datasets : int, default=200
    rng : numpy.random.Generator or int, default=0

    Returns
    -------
    ndarray of shape (n_datasets, n_points)

    Examples
    --------
    >>> sample = lambda r: (r.uniform(size=5), r.normal(size=5))
    >>> mean_model = lambda x, y, x_test: 0 * x_test + y.mean()
    >>> simulate_predictions(mean_model, sample, [0.0, 1.0], n_datasets=3).shape
    (3, 2)
    """
    return np.array([fit_predict(*sample(rng), x_test) for _ in range(n_datasets)])


@dataclass(frozen=True)
class BiasVariance:
    """Squared bias and variance of simulated predictions, averaged over the test points.

    Attributes
    ----------
    bias2, variance : float
    mean_prediction : ndarray of shape (n_points,)
        :math:`\\mathbb{E}\\hat f(x)` at each test point.
    """

    bias2: float
    variance: float
    mean_prediction: np.ndarray


def _one_per_point(args):
    """Relation: ``f_true`` has one value per column of ``predictions``."""
    if args["f_true"].shape != args["predictions"].shape[1:]:
        raise ValueError(f"f_true must have one value per test point (column of predictions, "
                         f"{args['predictions'].shape[1]}); got {args['f_true'].shape[0]}")


_SIMULATED = dict(predictions=matrix, f_true=vector)


@validate(_one_per_point, **_SIMULATED)
def decompose(predictions, f_true):
    r"""Split the mean squared distance of the predictions from :math:`f` into bias² + variance.

    .. math:: \frac1D\sum_d (\hat f_d(x) - f(x))^2
              = (\bar f(x) - f(x))^2 + \frac1D\sum_d (\hat f_d(x) - \bar f(x))^2,
              \qquad \bar f = \frac1D\sum_d \hat f_d

    holds exactly (the cross term vanishes), so the two terms are averaged over
    the test points as they stand.

    Examples
    --------
    >>> r = decompose([[1.0, 2.0], [3.0, 2.0]], f_true=[0.0, 2.0])
    >>> r.bias2, r.variance                # point 1: bias 2, variance 1; point 2: 0, 0
    (2.0, 0.5)
    """
    mean_prediction = predictions.mean(axis=0)
    bias2 = np.mean((mean_prediction - f_true) ** 2)
    variance = np.mean(predictions.var(axis=0))
    return BiasVariance(float(bias2), float(variance), mean_prediction)


@validate(_one_per_point, **_SIMULATED, noise_sd=nonnegative, rng=rng)
def expected_test_error(predictions, f_true, noise_sd, rng=0):
    r"""The mean squared error against fresh targets :math:`y = f(x) + \varepsilon`.

    One new target per prediction, :math:`\varepsilon \sim N(0, \sigma^2)`.

    Returns
    -------
    mean : float
        The estimate of :math:`\mathbb{E}[(y - \hat f(x))^2]`, averaged over test points.
    standard_error : float
        Its Monte-Carlo standard error (over the simulated training sets, each of
        which contributes the mean over the test points).

    Examples
    --------
    >>> mean, se = expected_test_error([[0.0], [0.0]], f_true=[1.0], noise_sd=0.0)
    >>> mean, se
    (1.0, 0.0)
    """
    y_new = f_true + noise_sd * rng.standard_normal(predictions.shape)
    per_dataset = np.mean((y_new - predictions) ** 2, axis=1)
    standard_error = per_dataset.std(ddof=1) / np.sqrt(len(per_dataset))
    return float(per_dataset.mean()), float(standard_error)
