r"""Logistic regression: binary, one-vs-all and softmax (multinomial), with L2 regularization.

Conventions, shared with the vectorized form of :mod:`mlcheatsheet.basics.linear_regression`:

* ``X`` has shape ``(n_samples, n_features)`` and usually starts with a column of
  ones (:func:`mlcheatsheet.basics.linear_regression.add_bias_column`, also importable
  from here), so that ``w[0]`` (or row ``W[0]``) is the bias.
  **The bias is never penalized**: the L2 term only covers ``w[1:]``.
* Binary labels ``y`` are 0 or 1; multiclass labels are the integers
  ``0, 1, ..., n_classes - 1``.
* The cost is the mean cross-entropy plus :math:`\frac{\lambda}{2N}\lVert w_{1:}\rVert^2`
  (Ng's convention), with :math:`\lambda` given as ``l2``. Multiplying it by
  :math:`N/\lambda` gives scikit-learn's objective
  :math:`C\sum_i \ell_i + \frac12\lVert w\rVert^2` with :math:`C = 1/\lambda`.

The costs are computed from the scores :math:`z = Xw` in log-sum-exp form
(:math:`-\log\sigma(z) = \log(1 + e^{-z})`, ``np.logaddexp``), never from rounded
probabilities, and the scores themselves through a power-of-two rescaling of the
weights, so that no partial sum overflows into ``inf - inf = nan``: costs and
gradients are finite and correct for weights of any size (``+inf`` only where a
score itself exceeds the float range, about :math:`1.8\times10^{308}`). The L2 term
is rescaled the same way, so ``l2 = 0`` adds exactly 0, never ``0 * inf``. The
sigmoid and softmax are those of :mod:`mlcheatsheet.neural_networks.activations`
(their unchecked forms, for arrays already checked). Training is
:func:`mlcheatsheet.basics.gradient_descent.gradient_descent` on the undecorated cost
and gradient (``_cost``, ``_cost_gradient``: the arrays are checked once, not at
every update).

Every public function declares its input checks in one ``@validate(...)`` line
(``mlcheatsheet._validation``); the specs and relations it names are below.
"""

import numpy as np

from .._numerics import binary_exponent
from .._validation import (MAX_ELEMENTS, check_consistent_length, flag, integer, matrix,
                           nonnegative, optional, positive, probability, size, validate, vector)
from ..basics.gradient_descent import gradient_descent
from ..basics.linear_regression import add_bias_column
from ..neural_networks.activations import _log_softmax, _sigmoid, _softmax
from ..neural_networks.losses import _binary_cross_entropy_with_logits
from .metrics import _PROBS

__all__ = [
    "predict_proba",
    "classify",
    "predict",
    "cost",
    "cost_gradient",
    "update_weights",
    "train",
    "lipschitz_constant",
    "one_vs_all_train",
    "one_vs_all_predict_proba",
    "one_vs_all_predict",
    "softmax_predict_proba",
    "softmax_predict",
    "softmax_cost",
    "softmax_cost_gradient",
    "softmax_train",
]


# --------------------------------------------------------------------------
# Specs and relations (the checks each @validate line names)
# --------------------------------------------------------------------------

_N_CLASSES = optional(size(minimum=2))
#: The specs every trainer shares: ``@validate(**_FIT, ...)``.
_FIT = {"X": matrix, "y": vector, "lr": positive, "n_iter": integer(minimum=0),
        "tol": nonnegative, "l2": nonnegative}


def _weights_fit_X(args):
    """Relation: ``w`` (one weight per column of ``X``) or ``W`` (one row per column)."""
    X = args["X"]
    for name, what in (("w", "weight"), ("W", "row")):
        w = args.get(name)
        if w is not None and w.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must have one {what} per column of X ({X.shape[1]}); "
                             f"got {w.shape[0]}")


def _binary(args):
    """Relation: ``w`` fits ``X``, and ``y`` holds one label 0 or 1 per row of ``X``."""
    _weights_fit_X(args)
    y = args["y"]
    check_consistent_length(X=args["X"], y=y)
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(f"y must contain only the labels 0 and 1; got {float(y[bad][0])!r} "
                         "(for more classes use one_vs_all_train or softmax_train)")


def _multiclass(args):
    """Relation: ``y`` holds one class label per row of ``X``, below the number of classes.

    The number of classes is ``W.shape[1]`` when ``W`` is given, else ``n_classes``,
    else ``max(y) + 1``; it must fit in memory (with one row of weights per feature).
    Returns ``y`` as integers, and ``n_classes`` where the function has it.
    """
    _weights_fit_X(args)
    X, y, W = args["X"], args["y"], args.get("W")
    check_consistent_length(X=X, y=y)
    bad = (y != np.round(y)) | (y < 0)
    if bad.any():
        raise ValueError(f"y must contain integer class labels 0, 1, ...; got {float(y[bad][0])!r}")
    n_classes = args.get("n_classes")
    if W is not None and n_classes is not None and W.shape[1] != n_classes:
        raise ValueError(f"W must have one column per class ({n_classes}); got {W.shape[1]}")
    if W is not None:
        n_classes = W.shape[1]
        if n_classes < 2:
            raise ValueError(f"W must have one column per class, at least 2; got {n_classes}")
    elif n_classes is None:
        if y.max() >= MAX_ELEMENTS:
            raise ValueError(f"y holds the class label {float(y.max())!r}: more classes than "
                             f"can be allocated (at most {MAX_ELEMENTS})")
        n_classes = max(int(y.max()) + 1, 2)
    if y.max() >= n_classes:
        raise ValueError(f"y must contain labels in 0..{n_classes - 1}; got {float(y.max()):g}")
    if W is None and X.shape[1] * n_classes > MAX_ELEMENTS:
        raise ValueError(f"n_classes = {n_classes} with {X.shape[1]} features: the weights "
                         f"would have more entries than can be allocated ({MAX_ELEMENTS})")
    changed = {"y": y.astype(np.intp)}
    if "n_classes" in args:
        changed["n_classes"] = n_classes
    return changed


# --------------------------------------------------------------------------
# Scores, probabilities and the penalty, for weights of any size
# --------------------------------------------------------------------------


def _scores(X, w):
    """``X @ w``: +-inf where it overflows, never nan (``inf - inf``) and no warning.

    ``w`` is divided by a power of two near its largest entry (exactly: only the
    exponents change) before the product and the result multiplied back, so no
    partial sum can overflow; for ordinary weights this is ``X @ w`` to the bit.
    """
    e = binary_exponent(w)
    with np.errstate(over="ignore"):
        return np.ldexp(X @ np.ldexp(w, -e), e)


def _scores_minus_max(X, W):
    """``X @ W`` minus each row's largest entry (softmax does not see the shift).

    Rescaled as in :func:`_scores`, and shifted *before* scaling back, so each row's
    largest entry is exactly 0 and the others are finite or -inf, for any weights.
    """
    e = binary_exponent(W)
    Z = X @ np.ldexp(W, -e)
    with np.errstate(over="ignore"):
        return np.ldexp(Z - Z.max(axis=1, keepdims=True), e)


def _penalty(l2, w, n):
    r"""The L2 term :math:`\frac{\lambda}{2N}\sum_j w_j^2` of the penalized weights ``w``.

    Computed on ``w`` divided by a power of two (exactly) and scaled back at the
    end: huge weights give the right value, or +inf beyond the float range, and
    ``l2 = 0`` gives 0, never ``0 * inf = nan``.
    """
    e = binary_exponent(w)
    v = np.ldexp(w, -e).ravel()
    with np.errstate(over="ignore"):
        return float(np.ldexp(l2 / (2 * n) * (v @ v), 2 * e))


def _penalized(w):
    """``w`` with the bias (first entry, or first row) set to zero."""
    p = w.copy()
    p[0] = 0.0
    return p


# --------------------------------------------------------------------------
# Binary logistic regression
# --------------------------------------------------------------------------


@validate(X=matrix, w=vector, _=_weights_fit_X)
def predict_proba(X, w):
    r"""Probability of class 1 for every sample: :math:`p = \sigma(Xw)`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features, with a leading column of ones for the bias
        (:func:`~mlcheatsheet.basics.linear_regression.add_bias_column`).
    w : array_like of shape (n_features,)
        Weights; ``w[0]`` is the bias.

    Returns
    -------
    ndarray of shape (n_samples,)
        Values in :math:`[0, 1]`.

    Examples
    --------
    >>> predict_proba([[1.0, 0.0], [1.0, 2.0]], [-1.0, 0.5]).tolist()
    [0.2689414213699951, 0.5]
    """
    return _sigmoid(_scores(X, w))  # σ(Xw)


@validate(y_prob=_PROBS, threshold=probability)
def classify(y_prob, threshold=0.5):
    r"""Map probabilities to classes: 1 where :math:`p \ge` ``threshold``, else 0.

    Parameters
    ----------
    y_prob : array_like of shape (n_samples,)
        Predicted probabilities of class 1.
    threshold : float, default=0.5
        The classification threshold, in :math:`[0, 1]`. A probability exactly at
        the threshold goes to class 1.

    Returns
    -------
    ndarray of int of shape (n_samples,)

    Examples
    --------
    The 2017 cheatsheet's example:

    >>> classify([0.967, 0.448, 0.015, 0.780, 0.978, 0.004]).tolist()
    [1, 0, 0, 1, 1, 0]
    >>> classify([0.5, 0.7], threshold=0.7).tolist()
    [0, 1]
    """
    return (y_prob >= threshold).astype(np.int64)


@validate(X=matrix, w=vector, threshold=probability, _=_weights_fit_X)
def predict(X, w, threshold=0.5):
    r"""Predicted classes: :func:`classify` applied to :func:`predict_proba`.

    Returns
    -------
    ndarray of int of shape (n_samples,)
        0 or 1 for every sample.

    Examples
    --------
    >>> predict([[1.0, -1.0], [1.0, 3.0]], [0.0, 1.0]).tolist()
    [0, 1]
    """
    return classify(predict_proba(X, w), threshold)


@validate(X=matrix, y=vector, w=vector, l2=nonnegative, _=_binary)
def cost(X, y, w, l2=0.0):
    r"""Mean binary cross-entropy of :math:`\sigma(Xw)`, plus the L2 penalty.

    .. math::

        J(w) = -\frac1N \sum_{i=1}^N \bigl[y_i \log p_i + (1-y_i)\log(1-p_i)\bigr]
               + \frac{\lambda}{2N}\sum_{j\ge1} w_j^2,
        \qquad p_i = \sigma(x_i^\top w)

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    w : array_like of shape (n_features,)
    l2 : float, default=0.0
        Regularization strength :math:`\lambda \ge 0`; the bias ``w[0]`` is not penalized.

    Returns
    -------
    float

    Notes
    -----
    Evaluated from the scores :math:`z = Xw` as :math:`-\log\sigma(z) = \log(1+e^{-z})`
    and :math:`-\log(1-\sigma(z)) = \log(1+e^{z})` (``np.logaddexp(0, -z)``, as
    :func:`mlcheatsheet.neural_networks.losses.binary_cross_entropy_with_logits`), which is
    exact for any weights; :math:`\log\sigma(z)` would round to :math:`\log 0` for
    :math:`z < -745`. Huge weights give the right cost (see the module notes), not nan.

    Examples
    --------
    With all weights 0 every probability is 1/2, so the cost is :math:`\ln 2`:

    >>> round(cost([[1.0, 2.0], [1.0, -1.0]], [1, 0], [0.0, 0.0]), 6)
    0.693147

    With :math:`w = (0, 2)` the logits are 4 and -2, the losses
    :math:`\log(1+e^{-4})` and :math:`\log(1+e^{-2})`, and the penalty adds
    :math:`\frac{1}{2\cdot 2}\cdot 2^2 = 1`:

    >>> round(cost([[1.0, 2.0], [1.0, -1.0]], [1, 0], [0.0, 2.0], l2=1.0), 6)
    1.072539
    """
    z = _scores(X, w)  # X @ w
    return _binary_cross_entropy_with_logits(y, z) + _penalty(l2, w[1:], len(y))


@validate(X=matrix, y=vector, w=vector, l2=nonnegative, _=_binary)
def cost_gradient(X, y, w, l2=0.0):
    r"""Gradient of :func:`cost`.

    .. math:: \nabla J(w) = \frac1N X^\top\bigl(\sigma(Xw) - y\bigr) + \frac{\lambda}{N}\tilde w

    :math:`\tilde w` is ``w`` with its bias entry set to 0. Without the penalty this
    is the linear-regression gradient with :math:`\sigma(Xw)` in place of :math:`Xw`.

    Returns
    -------
    ndarray of shape (n_features,)

    Examples
    --------
    >>> cost_gradient([[1.0, 2.0], [1.0, -1.0]], [1, 0], [0.0, 0.0]).tolist()
    [0.0, -0.75]
    """
    # d cost / d z_i = (σ(z_i) - y_i) / N; the chain rule through z = Xw gives X^T
    residual = (_sigmoid(_scores(X, w)) - y) / len(y)
    return X.T @ residual + l2 / len(y) * _penalized(w)


@validate(X=matrix, y=vector, w=vector, lr=positive, l2=nonnegative, _=_binary)
def update_weights(X, y, w, lr, l2=0.0):
    r"""One gradient-descent step: :math:`w \leftarrow w - \alpha\,\nabla J(w)`.

    Returns a new array; ``w`` is not modified (the 2017 version subtracted in
    place, changing the caller's array).

    Examples
    --------
    >>> update_weights([[1.0, 2.0], [1.0, -1.0]], [1, 0], [0.0, 0.0], lr=0.1).tolist()
    [0.0, 0.075]
    """
    return w - lr * cost_gradient(X, y, w, l2)


@validate(**_FIT, w=optional(vector), _=_binary)
def train(X, y, w=None, lr=0.1, n_iter=1000, tol=0.0, l2=0.0):
    r"""Fit binary logistic regression by gradient descent on :func:`cost`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features with a bias column
        (:func:`~mlcheatsheet.basics.linear_regression.add_bias_column`); scale them first
        if their ranges differ a lot.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    w : array_like of shape (n_features,), optional
        Starting weights; zeros by default.
    lr : float, default=0.1
        Learning rate.
    n_iter : int, default=1000
        Maximum number of updates.
    tol : float, default=0.0
        Stop once an update lowers the cost by less than ``tol``.
    l2 : float, default=0.0
        L2 strength :math:`\lambda` (see :func:`cost`).

    Returns
    -------
    w : ndarray of shape (n_features,)
    cost_history : ndarray of shape (n_updates + 1,)
        ``cost_history[0]`` is the cost of the starting weights,
        ``cost_history[k]`` the cost after update ``k``.

    Raises
    ------
    mlcheatsheet.basics.gradient_descent.DivergenceError
        If the learning rate makes the cost blow up.

    Notes
    -----
    On linearly separable data the unregularized cost has no minimum (it keeps
    falling as :math:`\lVert w\rVert \to \infty`); use ``l2 > 0`` or a fixed ``n_iter``.

    Examples
    --------
    >>> X = add_bias_column([[-2.0], [-1.0], [1.0], [2.0], [0.5], [-0.5]])
    >>> y = [0, 0, 1, 1, 0, 1]
    >>> w, costs = train(X, y, lr=0.5, n_iter=200)
    >>> predict(X, w).tolist(), bool(costs[-1] < costs[0])
    ([0, 0, 1, 1, 1, 0], True)
    """
    w0 = np.zeros(X.shape[1]) if w is None else w
    res = gradient_descent(
        fun=lambda v: _cost(X, y, v, l2), grad=lambda v: _cost_gradient(X, y, v, l2),
        x0=w0, lr=lr, n_iter=n_iter, tol=tol,
    )
    return res.x, res.history


@validate(X=matrix, l2=nonnegative, softmax=flag)
def lipschitz_constant(X, l2=0.0, softmax=False):
    r"""An upper bound :math:`L` on the curvature of :func:`cost` (or :func:`softmax_cost`).

    .. math::

        L = \frac{\lambda_{\max}(X^\top X)}{4N} + \frac{\lambda}{N}
        \quad\text{(binary)}, \qquad
        L = \frac{\lambda_{\max}(X^\top X)}{2N} + \frac{\lambda}{N}
        \quad\text{(softmax)}

    The Hessian of the binary cost is :math:`\frac1N X^\top S X` plus the penalty,
    with :math:`S = \operatorname{diag}(p_i(1-p_i))` and :math:`p(1-p) \le \frac14`;
    for softmax the per-sample curvature is at most :math:`\frac12` (Böhning's
    bound). Gradient descent with ``lr = 1 / L`` lowers the cost at every update,
    whatever the weights; above ``2 / L`` it may not.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    l2 : float, default=0.0
        The L2 strength the cost will be trained with.
    softmax : bool, default=False
        Bound the softmax cost instead of the binary one.

    Returns
    -------
    float

    Examples
    --------
    >>> lipschitz_constant([[1.0, 0.0], [0.0, 1.0]])   # X^T X = I, N = 2: 1 / 8
    0.125
    >>> lipschitz_constant([[1.0, 0.0], [0.0, 1.0]], l2=1.0, softmax=True)   # 1/4 + 1/2
    0.75
    """
    sigma = float(np.linalg.norm(X, 2))  # largest singular value: lambda_max(X^T X) = sigma^2
    if sigma > np.sqrt(np.finfo(float).max):
        raise ValueError(f"X is too large for its curvature bound to fit in float64 (largest "
                         f"singular value {sigma:.3g}, whose square overflows); scale the features")
    return sigma**2 / len(X) / (2.0 if softmax else 4.0) + l2 / len(X)


# --------------------------------------------------------------------------
# Multiclass: one-vs-all
# --------------------------------------------------------------------------


@validate(**_FIT, n_classes=_N_CLASSES, _=_multiclass)
def one_vs_all_train(X, y, n_classes=None, lr=0.1, n_iter=1000, tol=0.0, l2=0.0):
    r"""Train one binary classifier per class: class :math:`k` against all the others.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features with a bias column.
    y : array_like of shape (n_samples,)
        Integer labels in ``0..n_classes - 1``.
    n_classes : int, optional
        Number of classes; ``max(y) + 1`` by default.
    lr, n_iter, tol, l2
        As in :func:`train`, for every classifier.

    Returns
    -------
    W : ndarray of shape (n_features, n_classes)
        Column ``k`` holds the weights of "class k or not".
    cost_histories : list of ndarray
        The cost history of each binary classifier.

    Examples
    --------
    >>> X = add_bias_column([[0.0], [0.2], [2.0], [2.2], [4.0], [4.2]])
    >>> W, _ = one_vs_all_train(X, [0, 0, 1, 1, 2, 2], lr=0.5, n_iter=2000)
    >>> W.shape, one_vs_all_predict(X, W).tolist()
    ((2, 3), [0, 0, 1, 1, 2, 2])
    """
    columns, histories = [], []
    for k in range(n_classes):
        y_k = (y == k).astype(float)  # 1 for class k, 0 for the others
        w_k, history = train(X, y_k, lr=lr, n_iter=n_iter, tol=tol, l2=l2)
        columns.append(w_k)
        histories.append(history)
    return np.column_stack(columns), histories


@validate(X=matrix, W=matrix, _=_weights_fit_X)
def one_vs_all_predict_proba(X, W):
    r"""Each one-vs-all classifier's probability :math:`\sigma(x^\top W_{:,k})`.

    The columns are separate binary models, so a row does **not** sum to 1 in
    general (divide by the row sum if a distribution is needed).

    Returns
    -------
    ndarray of shape (n_samples, n_classes)

    Examples
    --------
    >>> one_vs_all_predict_proba([[1.0, 0.0]], [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]]).tolist()
    [[0.5, 0.5, 0.5]]
    """
    return _sigmoid(_scores(X, W))


@validate(X=matrix, W=matrix, _=_weights_fit_X)
def one_vs_all_predict(X, W):
    r"""Predict the class whose one-vs-all classifier is most confident.

    That is :math:`\arg\max_k x^\top W_{:,k}`: the sigmoid is increasing, so the
    largest score is also the largest probability.

    Returns
    -------
    ndarray of int of shape (n_samples,)
        Class indices.

    Examples
    --------
    >>> one_vs_all_predict([[1.0, -1.0], [1.0, 1.0]], [[0.0, 0.0], [-1.0, 1.0]]).tolist()
    [0, 1]
    """
    return np.argmax(_scores_minus_max(X, W), axis=1)  # the argmax of X @ W


# --------------------------------------------------------------------------
# Multiclass: softmax (multinomial) regression
# --------------------------------------------------------------------------


@validate(X=matrix, W=matrix, _=_weights_fit_X)
def softmax_predict_proba(X, W):
    r"""Class probabilities :math:`P = \operatorname{softmax}(XW)`, row by row.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    W : array_like of shape (n_features, n_classes)

    Returns
    -------
    ndarray of shape (n_samples, n_classes)
        Every row sums to 1.

    Examples
    --------
    >>> softmax_predict_proba([[1.0, 0.0]], [[0.0, 0.0], [5.0, -5.0]]).tolist()
    [[0.5, 0.5]]
    """
    return _softmax(_scores_minus_max(X, W), axis=1)


@validate(X=matrix, W=matrix, _=_weights_fit_X)
def softmax_predict(X, W):
    r"""Predict the most probable class, :math:`\arg\max_k (XW)_{ik}`.

    Returns
    -------
    ndarray of int of shape (n_samples,)
        Class indices.

    Examples
    --------
    >>> softmax_predict([[1.0, -1.0], [1.0, 1.0]], [[0.0, 0.0], [-1.0, 1.0]]).tolist()
    [0, 1]
    """
    return np.argmax(_scores_minus_max(X, W), axis=1)  # the argmax of X @ W


@validate(X=matrix, y=vector, W=matrix, l2=nonnegative, _=_multiclass)
def softmax_cost(X, y, W, l2=0.0):
    r"""Mean categorical cross-entropy of :math:`\operatorname{softmax}(XW)`, plus the L2 penalty.

    .. math::

        J(W) = -\frac1N \sum_{i=1}^N \log P_{i, y_i}
               + \frac{\lambda}{2N}\sum_{j\ge1}\sum_k W_{jk}^2,
        \qquad P = \operatorname{softmax}(XW)

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Integer labels in ``0..n_classes - 1``.
    W : array_like of shape (n_features, n_classes)
    l2 : float, default=0.0
        Regularization strength; the bias row ``W[0]`` is not penalized.

    Returns
    -------
    float

    Notes
    -----
    Computed from :math:`\log P = Z - \log\sum_k e^{Z_k}` with :math:`Z = XW` minus each
    row's largest score (``log_softmax``), so no exponential overflows; the result is
    the right one, not nan, for weights of any size (see the module notes).
    With two classes, softmax regression is binary logistic regression with
    weights :math:`W_{:,1} - W_{:,0}`.

    Examples
    --------
    All-zero weights give every one of :math:`K` classes probability :math:`1/K`:

    >>> round(softmax_cost([[1.0, 2.0], [1.0, -1.0]], [0, 2], np.zeros((2, 3))), 6)  # ln 3
    1.098612
    """
    log_P = _log_softmax(_scores_minus_max(X, W), axis=1)
    nll = -np.mean(log_P[np.arange(len(y)), y])  # log-probabilities of the true classes
    return float(nll) + _penalty(l2, W[1:], len(y))


@validate(X=matrix, y=vector, W=matrix, l2=nonnegative, _=_multiclass)
def softmax_cost_gradient(X, y, W, l2=0.0):
    r"""Gradient of :func:`softmax_cost`.

    .. math:: \nabla J(W) = \frac1N X^\top (P - Y) + \frac{\lambda}{N}\tilde W

    :math:`Y` holds the one-hot labels and :math:`\tilde W` is ``W`` with its bias
    row set to 0. Column :math:`k` is the binary gradient with :math:`\sigma`
    replaced by the softmax probability of class :math:`k`.

    Returns
    -------
    ndarray of shape (n_features, n_classes)

    Examples
    --------
    >>> softmax_cost_gradient([[1.0, 2.0]], [1], np.zeros((2, 2))).tolist()
    [[0.5, -0.5], [1.0, -1.0]]
    """
    residual = _softmax(_scores_minus_max(X, W), axis=1)  # P = softmax(X @ W)
    residual[np.arange(len(y)), y] -= 1.0  # P - Y
    return X.T @ residual / len(y) + l2 / len(y) * _penalized(W)


@validate(**_FIT, W=optional(matrix), n_classes=_N_CLASSES, _=_multiclass)
def softmax_train(X, y, W=None, n_classes=None, lr=0.1, n_iter=1000, tol=0.0, l2=0.0):
    r"""Fit softmax (multinomial logistic) regression by gradient descent on :func:`softmax_cost`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features with a bias column.
    y : array_like of shape (n_samples,)
        Integer labels in ``0..n_classes - 1``.
    W : array_like of shape (n_features, n_classes), optional
        Starting weights; zeros by default.
    n_classes : int, optional
        ``max(y) + 1`` by default (or ``W.shape[1]`` if ``W`` is given).
    lr, n_iter, tol, l2
        As in :func:`train`.

    Returns
    -------
    W : ndarray of shape (n_features, n_classes)
    cost_history : ndarray of shape (n_updates + 1,)

    Examples
    --------
    >>> X = add_bias_column([[0.0], [0.2], [2.0], [2.2], [4.0], [4.2]])
    >>> W, costs = softmax_train(X, [0, 0, 1, 1, 2, 2], lr=0.5, n_iter=2000)
    >>> softmax_predict(X, W).tolist(), round(float(costs[0]), 4)  # starts at ln 3
    ([0, 0, 1, 1, 2, 2], 1.0986)
    """
    W0 = np.zeros((X.shape[1], n_classes)) if W is None else W
    res = gradient_descent(
        fun=lambda V: _softmax_cost(X, y, V, l2),
        grad=lambda V: _softmax_cost_gradient(X, y, V, l2),
        x0=W0, lr=lr, n_iter=n_iter, tol=tol,
    )
    return res.x, res.history


# The computations without their checks, for the loops of the trainers: the arrays are
# checked once, by the trainer, not at every update.
_cost = cost.__wrapped__
_cost_gradient = cost_gradient.__wrapped__
_softmax_cost = softmax_cost.__wrapped__
_softmax_cost_gradient = softmax_cost_gradient.__wrapped__
