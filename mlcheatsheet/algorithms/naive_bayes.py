r"""Naive Bayes classifiers: Gaussian, multinomial and Bernoulli, all in log space.

Bayes' rule with the "naive" assumption that the features are independent given
the class:

.. math:: \log P(c \mid x) = \log P(c) + \sum_j \log P(x_j \mid c) - \log P(x),

where :math:`\log P(x)` is a log-sum-exp over the classes. Every product of
probabilities is a sum of logarithms, so 10⁴ features do not underflow to 0/0.

* **Gaussian**: :math:`x_j \mid c \sim \mathcal N(\mu_{cj}, \sigma^2_{cj})`; as in
  scikit-learn, ``var_smoothing`` times the largest feature variance is added to
  every variance (a feature constant within a class would otherwise divide by 0).
* **Multinomial** (counts): :math:`P(x_j \mid c) \propto \theta_{cj}^{x_j}` with
  :math:`\theta_{cj} = (N_{cj} + \alpha) / (N_c + \alpha d)`: Laplace smoothing
  for :math:`\alpha = 1`.
* **Bernoulli** (presence): :math:`x_j > ` ``binarize`` is "present", and
  :math:`p_{cj} = (N_{cj} + \alpha) / (N_c + 2\alpha)`.

A fitted model is a :class:`NaiveBayes` record; the functions take it first.
"""

import dataclasses

import numpy as np

from .._validation import matrix, nonnegative, positive, real, same_length, validate, vector

__all__ = ["NaiveBayes", "fit_gaussian_nb", "fit_multinomial_nb", "fit_bernoulli_nb",
           "joint_log_likelihood", "predict_log_proba", "predict_proba", "predict"]


@dataclasses.dataclass(frozen=True)
class NaiveBayes:
    """A fitted naive Bayes model: the kind, the classes, log priors and per-class parameters.

    ``params`` holds ``(mean, var)`` (Gaussian), ``(log_theta,)`` (multinomial) or
    ``(log_p, log_1_minus_p)`` (Bernoulli), each of shape (classes, features).
    """

    kind: str
    classes: np.ndarray
    log_prior: np.ndarray
    params: tuple
    binarize: float = 0.0


def _two_classes(args):
    same_length("X", "y")(args)
    if np.unique(args["y"]).size < 2:
        raise ValueError(f"y must hold at least two classes; got {np.unique(args['y']).tolist()}")


def _counts(args):
    _two_classes(args)
    if np.any(args["X"] < 0):
        raise ValueError("X must hold counts >= 0 for multinomial naive Bayes; got a negative entry")


def _by_class(X, y):
    classes, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(classes.size)[codes]               # (n, C)
    n_c = onehot.sum(axis=0)
    return classes, onehot, n_c, np.log(n_c / y.size)


def _zero_variance(args):
    _two_classes(args)
    if args["var_smoothing"] == 0:
        classes, codes = np.unique(args["y"], return_inverse=True)
        for c in range(classes.size):
            rows = args["X"][codes == c]
            if np.any(rows.var(axis=0) == 0):
                raise ValueError("X has a feature with zero variance within class "
                                 f"{classes[c]:g}; use var_smoothing > 0")


@validate(X=matrix, y=vector, var_smoothing=nonnegative, _=_zero_variance)
def fit_gaussian_nb(X, y, var_smoothing=1e-9):
    r"""Gaussian naive Bayes: a mean and a variance per class and feature.

    Examples
    --------
    >>> model = fit_gaussian_nb([[0.0], [1.0], [4.0], [5.0]], [0, 0, 1, 1])
    >>> model.params[0].ravel().tolist(), predict(model, [[0.8], [4.2]]).tolist()
    ([0.5, 4.5], [0.0, 1.0])
    """
    classes, onehot, n_c, log_prior = _by_class(X, y)
    mean = onehot.T @ X / n_c[:, None]
    var = onehot.T @ X**2 / n_c[:, None] - mean**2
    var = np.maximum(var, 0.0) + var_smoothing * X.var(axis=0).max()
    return NaiveBayes("gaussian", classes, log_prior, (mean, var))


@validate(X=matrix, y=vector, alpha=positive, _=_counts)
def fit_multinomial_nb(X, y, alpha=1.0):
    r"""Multinomial naive Bayes on counts, with additive (Laplace for ``alpha=1``) smoothing.

    Examples
    --------
    >>> model = fit_multinomial_nb([[3, 0], [0, 2]], [0, 1])
    >>> np.exp(model.params[0]).round(3).tolist()
    [[0.8, 0.2], [0.25, 0.75]]
    """
    classes, onehot, _, log_prior = _by_class(X, y)
    counts = onehot.T @ X + alpha                      # N_cj + alpha
    log_theta = np.log(counts) - np.log(counts.sum(axis=1, keepdims=True))
    return NaiveBayes("multinomial", classes, log_prior, (log_theta,))


@validate(X=matrix, y=vector, alpha=positive, binarize=real, _=_two_classes)
def fit_bernoulli_nb(X, y, alpha=1.0, binarize=0.0):
    r"""Bernoulli naive Bayes on presence/absence (``x > binarize``), with smoothing ``alpha``.

    Examples
    --------
    >>> model = fit_bernoulli_nb([[1, 0], [1, 1], [0, 1]], [0, 0, 1])
    >>> np.exp(model.params[0]).round(3).tolist()
    [[0.75, 0.5], [0.333, 0.667]]
    """
    classes, onehot, n_c, log_prior = _by_class(X, y)
    p = (onehot.T @ (X > binarize) + alpha) / (n_c[:, None] + 2 * alpha)
    return NaiveBayes("bernoulli", classes, log_prior, (np.log(p), np.log1p(-p)), binarize)


def _model(value, name):
    if not isinstance(value, NaiveBayes):
        raise TypeError(f"{name} must be a NaiveBayes model from fit_*_nb; got {type(value).__name__}")
    return value


_model.kind = "model"


def _width(args):
    d = args["model"].params[0].shape[1]
    if args["X"].shape[1] != d:
        raise ValueError(f"X must have {d} columns, as the model's training data; "
                         f"got shape {args['X'].shape}")


@validate(model=_model, X=matrix, _=_width)
def joint_log_likelihood(model, X):
    r""":math:`\log P(c) + \sum_j \log P(x_j \mid c)` for every row of ``X`` and class ``c``.

    Examples
    --------
    >>> model = fit_gaussian_nb([[0.0], [2.0], [4.0], [6.0]], [0, 0, 1, 1])
    >>> joint_log_likelihood(model, [[1.0]]).round(3).tolist()
    [[-1.612, -9.612]]
    """
    if model.kind == "gaussian":
        mean, var = model.params
        log_pdf = -0.5 * (np.log(2 * np.pi * var)[None] + (X[:, None, :] - mean) ** 2 / var)
        return model.log_prior + log_pdf.sum(axis=2)
    if model.kind == "multinomial":
        return model.log_prior + X @ model.params[0].T
    log_p, log_q = model.params
    present = (X > model.binarize).astype(float)
    return model.log_prior + present @ log_p.T + (1 - present) @ log_q.T


@validate(model=_model, X=matrix, _=_width)
def predict_log_proba(model, X):
    r"""Posterior log probabilities :math:`\log P(c \mid x)`, normalized by log-sum-exp.

    Examples
    --------
    >>> model = fit_gaussian_nb([[0.0], [2.0], [4.0], [6.0]], [0, 0, 1, 1])
    >>> np.exp(predict_log_proba(model, [[3.0]])).round(3).tolist()
    [[0.5, 0.5]]
    """
    jll = joint_log_likelihood.__wrapped__(model, X)
    top = jll.max(axis=1, keepdims=True)
    return jll - (top + np.log(np.exp(jll - top).sum(axis=1, keepdims=True)))


@validate(model=_model, X=matrix, _=_width)
def predict_proba(model, X):
    """Posterior probabilities :math:`P(c \\mid x)`; each row sums to 1.

    Examples
    --------
    >>> model = fit_bernoulli_nb([[1, 0], [1, 1], [0, 1]], [0, 0, 1])
    >>> predict_proba(model, [[1, 0]]).round(3).tolist()
    [[0.9, 0.1]]
    """
    return np.exp(predict_log_proba.__wrapped__(model, X))


@validate(model=_model, X=matrix, _=_width)
def predict(model, X):
    """The class of highest posterior probability (the lowest label on a tie).

    Examples
    --------
    >>> predict(fit_multinomial_nb([[3, 0], [0, 2]], [0, 1]), [[5, 1]]).tolist()
    [0.0]
    """
    return model.classes[np.argmax(joint_log_likelihood.__wrapped__(model, X), axis=1)]
