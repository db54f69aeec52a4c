r"""Support vector machines: kernels, a linear SVM by Pegasos and a kernel SVM by SMO.

Binary classification with labels :math:`y_i \in \{-1, +1\}` (any two labels are
mapped to them, the lower one to :math:`-1`). The soft-margin primal is

.. math:: \min_{w, b}\ \tfrac12\lVert w\rVert^2 + C\sum_i \max(0, 1 - y_i(w^Tx_i + b)),

and its dual, the problem SMO solves, is

.. math:: \min_\alpha\ \tfrac12 \alpha^T Q \alpha - \mathbf 1^T\alpha, \quad
          Q_{ij} = y_i y_j K(x_i, x_j),\quad 0 \le \alpha_i \le C,\quad y^T\alpha = 0.

Only the kernel :math:`K` ever touches the data, so any kernel gives a
nonlinear SVM. The SMO solver is the one of LIBSVM (and of scikit-learn's
``SVC``): at each step it picks the maximal violating pair of multipliers
(first-order working-set selection), solves for that pair exactly, and stops
when the violation is below ``tol``. It keeps the whole kernel matrix in memory
(fine up to a few thousand samples).
"""

import dataclasses

import numpy as np

from .._validation import (integer, matrix, nonnegative, options, positive, real, rng,
                           same_length, validate, vector)

__all__ = ["KernelSVM", "LinearSVM", "kernel_matrix", "quadratic_features", "fit_linear_svm",
           "fit_kernel_svm", "decision_function", "predict", "margin_width"]

KERNELS = ("linear", "polynomial", "rbf", "sigmoid")


@dataclasses.dataclass(frozen=True)
class LinearSVM:
    """A linear SVM: weights ``w``, bias ``b`` and the two labels (for -1 and +1)."""

    w: np.ndarray
    b: float
    labels: np.ndarray


@dataclasses.dataclass(frozen=True)
class KernelSVM:
    """A kernel SVM: support vectors, their coefficients :math:`\\alpha_i y_i`, bias, kernel."""

    support_vectors: np.ndarray
    dual_coef: np.ndarray
    b: float
    support: np.ndarray
    labels: np.ndarray
    kernel: str
    degree: int
    gamma: float
    coef0: float
    n_iter: int


def _same_width(args):
    if args["A"].shape[1] != args["B"].shape[1]:
        raise ValueError(f"A and B must have the same number of columns; got "
                         f"{args['A'].shape[1]} and {args['B'].shape[1]}")


def _kernel(A, B, kernel, degree, gamma, coef0):
    if kernel == "linear":
        return A @ B.T
    if kernel == "polynomial":
        return (gamma * A @ B.T + coef0) ** degree
    if kernel == "rbf":
        sq = (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]
        return np.exp(-gamma * np.maximum(sq, 0.0))
    return np.tanh(gamma * A @ B.T + coef0)


_kernel_specs = dict(kernel=options(*KERNELS), degree=integer(1, 20), gamma=positive, coef0=real)


@validate(A=matrix, B=matrix, **_kernel_specs, _=_same_width)
def kernel_matrix(A, B, kernel="rbf", degree=3, gamma=1.0, coef0=0.0):
    r"""The matrix :math:`K_{ij} = K(a_i, b_j)` of a kernel between the rows of ``A`` and ``B``.

    Linear :math:`a^Tb`; polynomial :math:`(\gamma a^Tb + r)^d`; RBF
    :math:`e^{-\gamma\lVert a - b\rVert^2}`; sigmoid :math:`\tanh(\gamma a^Tb + r)`
    (not positive semi-definite in general). Parameters as in scikit-learn.

    Examples
    --------
    >>> kernel_matrix([[1.0, 2.0]], [[3.0, 1.0]], kernel="polynomial", degree=2).tolist()
    [[25.0]]
    """
    return _kernel(A, B, kernel, degree, gamma, coef0)


def _two_columns(args):
    if args["X"].shape[1] != 2:
        raise ValueError(f"X must have 2 columns; got shape {args['X'].shape}")


@validate(X=matrix, _=_two_columns)
def quadratic_features(X):
    r"""The feature map :math:`\phi(x) = (x_1^2, \sqrt2\,x_1x_2, x_2^2)` of 2-D points.

    Its inner products are the polynomial kernel :math:`(x^Tz)^2`:
    :math:`\phi(x)^T\phi(z) = x_1^2z_1^2 + 2x_1x_2z_1z_2 + x_2^2z_2^2 = (x^Tz)^2`.

    Examples
    --------
    >>> quadratic_features([[1.0, 2.0]]).round(4).tolist()
    [[1.0, 2.8284, 4.0]]
    """
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([x1**2, np.sqrt(2) * x1 * x2, x2**2])


def _offset(alpha, s, G, C):
    """LIBSVM's rho: the mean of y G over free multipliers, else the middle of its bounds."""
    yG = s * G
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return float(np.mean(yG[free]))
    at_upper = alpha >= C
    lower_bounded = (at_upper & (s > 0)) | (~at_upper & (s < 0))   # yG <= rho for these
    ub = yG[~lower_bounded].min() if (~lower_bounded).any() else np.inf
    lb = yG[lower_bounded].max() if lower_bounded.any() else -np.inf
    return float((ub + lb) / 2)


def _check_binary(args):
    same_length("X", "y")(args)
    labels = np.unique(args["y"])
    if labels.size != 2:
        raise ValueError(f"y must hold exactly two classes; got {labels.tolist()}")


def _signs(y):
    labels = np.unique(y)
    return np.where(y == labels[1], 1.0, -1.0), labels


_sgd = dict(n_iter=integer(1, 10**7), batch_size=integer(1), rng=rng)


@validate(X=matrix, y=vector, lam=positive, **_sgd, _=_check_binary)
def fit_linear_svm(X, y, lam=1e-3, n_iter=2000, batch_size=32, rng=0):
    r"""Linear SVM by Pegasos: mini-batch sub-gradient descent on the regularized hinge loss.

    Minimizes :math:`\frac\lambda2\lVert w\rVert^2 + \frac1n\sum_i \max(0, 1 - y_i(w^Tx_i + b))`
    with step :math:`\eta_t = 1/(\lambda t)`, then a projection onto the ball
    :math:`\lVert w\rVert \le 1/\sqrt\lambda` that contains the optimum;
    :math:`\lambda = 1/(nC)` matches scikit-learn's ``C``. The bias is learned as
    the weight of an extra constant feature (so it is lightly regularized too).

    Examples
    --------
    >>> model = fit_linear_svm([[0.0], [1.0], [3.0], [4.0]], [0, 0, 1, 1], lam=0.1, rng=0)
    >>> predict(model, [[0.5], [3.5]]).tolist()
    [0.0, 1.0]
    """
    s, labels = _signs(y)
    Z = np.column_stack([X, np.ones(y.size)])          # the last weight is the bias
    w = np.zeros(Z.shape[1])
    for t in range(1, n_iter + 1):
        batch = rng.integers(0, y.size, size=batch_size)
        Zb, sb = Z[batch], s[batch]
        violated = sb * (Zb @ w) < 1                   # inside the margin or wrong side
        eta = 1.0 / (lam * t)
        w = (1 - eta * lam) * w + eta / batch_size * (sb[violated] @ Zb[violated])
        w *= min(1.0, 1.0 / (np.sqrt(lam) * np.linalg.norm(w) + 1e-300))
    return LinearSVM(w=w[:-1], b=float(w[-1]), labels=labels)


_smo = dict(_kernel_specs, C=positive, tol=positive, max_iter=integer(1, 10**8))


@validate(X=matrix, y=vector, **_smo, _=_check_binary)
def fit_kernel_svm(X, y, C=1.0, kernel="rbf", degree=3, gamma=1.0, coef0=0.0, tol=1e-3,
                   max_iter=100_000):
    r"""Kernel SVM: the dual solved by SMO with maximal-violating-pair selection.

    Examples
    --------
    >>> model = fit_kernel_svm([[0.0], [2.0]], [-1, 1], kernel="linear", C=10.0)
    >>> model.dual_coef.tolist(), model.b, margin_width(model)
    ([-0.5, 0.5], -1.0, 2.0)
    """
    s, labels = _signs(y)
    K = _kernel(X, X, kernel, degree, gamma, coef0)
    alpha = np.zeros(y.size)
    G = -np.ones(y.size)                          # gradient of the dual: Q alpha - 1
    for step in range(max_iter):
        up = ((s > 0) & (alpha < C)) | ((s < 0) & (alpha > 0))
        low = ((s < 0) & (alpha < C)) | ((s > 0) & (alpha > 0))
        score = -s * G
        i = np.flatnonzero(up)[np.argmax(score[up])]
        j = np.flatnonzero(low)[np.argmin(score[low])]
        if score[i] - score[j] < tol:                  # KKT conditions hold to tol
            break
        curvature = max(K[i, i] + K[j, j] - 2 * K[i, j], 1e-12)
        t = (score[i] - score[j]) / curvature          # exact step for the pair
        t = min(t, C - alpha[i] if s[i] > 0 else alpha[i],
                alpha[j] if s[j] > 0 else C - alpha[j])
        alpha[i] += s[i] * t
        alpha[j] -= s[j] * t
        G += t * s * (K[:, i] - K[:, j])
    rho = _offset(alpha, s, G, C)
    sv = alpha > 0
    return KernelSVM(support_vectors=X[sv], dual_coef=alpha[sv] * s[sv], b=float(-rho),
                     support=np.flatnonzero(sv), labels=labels, kernel=kernel,
                     degree=degree, gamma=gamma, coef0=coef0, n_iter=step + 1)


def _svm(value, name):
    if not isinstance(value, (LinearSVM, KernelSVM)):
        raise TypeError(f"{name} must be a LinearSVM or KernelSVM from fit_linear_svm or "
                        f"fit_kernel_svm; got {type(value).__name__}")
    return value


_svm.kind = "model"


def _width(args):
    model, X = args["model"], args["X"]
    d = model.w.size if isinstance(model, LinearSVM) else model.support_vectors.shape[1]
    if X.shape[1] != d:
        raise ValueError(f"X must have {d} columns, as the model's training data; got shape {X.shape}")


@validate(model=_svm, X=matrix, _=_width)
def decision_function(model, X):
    r""":math:`f(x) = w^Tx + b`, or :math:`\sum_i \alpha_i y_i K(x_i, x) + b` for a kernel SVM.

    Examples
    --------
    >>> model = fit_kernel_svm([[0.0], [2.0]], [-1, 1], kernel="linear", C=10.0)
    >>> decision_function(model, [[0.0], [1.0], [3.0]]).tolist()
    [-1.0, 0.0, 2.0]
    """
    if isinstance(model, LinearSVM):
        return X @ model.w + model.b
    K = _kernel(X, model.support_vectors, model.kernel, model.degree, model.gamma, model.coef0)
    return K @ model.dual_coef + model.b


@validate(model=_svm, X=matrix, _=_width)
def predict(model, X):
    """The label on the side of the boundary each row falls (the higher label where f > 0).

    Examples
    --------
    >>> predict(fit_kernel_svm([[0.0], [2.0]], [3, 7], kernel="linear"), [[-1.0], [5.0]]).tolist()
    [3.0, 7.0]
    """
    return np.where(decision_function.__wrapped__(model, X) > 0, model.labels[1], model.labels[0])


@validate(model=_svm)
def margin_width(model):
    r"""The width :math:`2/\lVert w\rVert` of the margin of a linear SVM (or a linear-kernel one).

    Examples
    --------
    >>> margin_width(LinearSVM(w=np.array([3.0, 4.0]), b=0.0, labels=np.array([0.0, 1.0])))
    0.4
    """
    if isinstance(model, KernelSVM):
        if model.kernel != "linear":
            raise ValueError(f"model must have a linear kernel for a margin in input space; "
                             f"got kernel={model.kernel!r}")
        w = model.dual_coef @ model.support_vectors
    else:
        w = model.w
    return float(2.0 / np.linalg.norm(w))
