r"""Principal component analysis by the singular value decomposition, and kernel PCA.

PCA finds the orthonormal directions :math:`v_1, v_2, \dots` along which the
centred data vary most. With :math:`X_c = X - \bar x` (shape ``(m, n)``) and its
thin SVD :math:`X_c = U S V^\top`, the rows of :math:`V^\top` are the directions
and the eigenvalues of the covariance :math:`C = X_c^\top X_c / (m - 1)` are
:math:`\lambda_j = s_j^2 / (m - 1)`: the variance along :math:`v_j`.

A fitted model is a :class:`PCA` record; the functions take it first.
"""

import dataclasses

import numpy as np

from .._validation import flag, integer, interval, matrix, options, positive, validate
from ..algorithms.svm import kernel_matrix

__all__ = ["PCA", "WORKED_EXAMPLE", "fit_pca", "project", "reconstruct",
           "components_for_variance", "kernel_pca"]

#: The 10 x 2 data of Ng's course notes' worked example ("learn" and "study" in ten
#: documents). The notes lost their table; these are the data of Lindsay Smith's PCA
#: tutorial (2002), which reproduce every number the notes kept.
WORKED_EXAMPLE = np.array([[2.5, 2.4], [0.5, 0.7], [2.2, 2.9], [1.9, 2.2], [3.1, 3.0],
                           [2.3, 2.7], [2.0, 1.6], [1.0, 1.1], [1.5, 1.6], [1.1, 0.9]])


@dataclasses.dataclass(frozen=True)
class PCA:
    """A fitted PCA: the mean, the directions (rows, by decreasing variance), their variances.

    ``components`` has shape (r, n) with r = min(m, n) and orthonormal rows, each signed so
    that its largest entry in absolute value is positive; ``explained_variance`` holds the
    eigenvalues of the covariance, ``explained_variance_ratio`` their shares of the total.
    """

    mean: np.ndarray
    components: np.ndarray
    explained_variance: np.ndarray
    explained_variance_ratio: np.ndarray


def _two_rows(args):
    if len(args["X"]) < 2:
        raise ValueError(f"X must have at least 2 rows to have a covariance; got {len(args['X'])}")


@validate(X=matrix, _=_two_rows)
def fit_pca(X):
    r"""PCA of the rows of ``X``: centre, take the thin SVD, read off directions and variances.

    Parameters
    ----------
    X : array of shape (m, n), m >= 2

    Returns
    -------
    PCA

    Notes
    -----
    .. math:: X - \bar x = U S V^\top, \qquad \lambda_j = \frac{s_j^2}{m - 1}

    Examples
    --------
    >>> model = fit_pca([[0, 0], [2, 2], [4, 4]])
    >>> model.components.round(4).tolist(), model.explained_variance.round(4).tolist()
    ([[0.7071, 0.7071], [-0.7071, 0.7071]], [8.0, 0.0])
    """
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    largest = np.abs(Vt).argmax(axis=1)
    Vt *= np.sign(Vt[np.arange(len(Vt)), largest])[:, None]   # a sign convention
    variance = s**2 / (len(X) - 1)
    total = ((X - mean) ** 2).sum() / (len(X) - 1)
    return PCA(mean, Vt, variance, variance / total if total > 0 else np.zeros_like(s))


def _model(value, name):
    if not isinstance(value, PCA):
        raise TypeError(f"{name} must be a PCA model from fit_pca; got {type(value).__name__}")
    return value


_model.kind = "model"


def _can_whiten(model, k):
    small = model.explained_variance[:k] <= 1e-12 * max(model.explained_variance[0], 1e-300)
    if np.any(small):
        raise ValueError(f"whiten=True divides by the standard deviation of each component, "
                         f"but component {int(np.argmax(small))} has zero variance; "
                         f"use fewer components or whiten=False")


def _project_args(args):
    model, X, k = args["model"], args["X"], args["k"]
    n, r = model.mean.size, len(model.components)
    if X.shape[1] != n:
        raise ValueError(f"X must have {n} columns, as the model's data; got shape {X.shape}")
    if k > r:
        raise ValueError(f"k must be at most the number of components ({r}); got k={k}")
    if args["whiten"]:
        _can_whiten(model, k)


@validate(model=_model, X=matrix, k=integer(minimum=1), whiten=flag, _=_project_args)
def project(model, X, k, whiten=False):
    r"""The coordinates of each row of ``X`` on the first ``k`` principal directions.

    Parameters
    ----------
    model : PCA
    X : array of shape (m, n)
    k : int, at most the number of components
    whiten : bool
        Divide each coordinate by its component's standard deviation, so that the
        projected training data have identity covariance.

    Returns
    -------
    Z : array of shape (m, k)

    Notes
    -----
    .. math:: Z = (X - \bar x) V_k, \qquad
              Z_{\text{white}} = (X - \bar x) V_k \Lambda_k^{-1/2}

    Examples
    --------
    >>> model = fit_pca([[0, 0], [2, 2], [4, 4]])
    >>> project(model, [[0, 0], [4, 4]], 1).round(4).ravel().tolist()
    [-2.8284, 2.8284]
    """
    Z = (X - model.mean) @ model.components[:k].T
    return Z / np.sqrt(model.explained_variance[:k]) if whiten else Z


def _reconstruct_args(args):
    model, Z = args["model"], args["Z"]
    if Z.shape[1] > len(model.components):
        raise ValueError(f"Z must have at most {len(model.components)} columns (the number of "
                         f"components); got shape {Z.shape}")
    if args["whiten"]:
        _can_whiten(model, Z.shape[1])


@validate(model=_model, Z=matrix, whiten=flag, _=_reconstruct_args)
def reconstruct(model, Z, whiten=False):
    r"""Map ``k``-dimensional coordinates back to the data space: the inverse of :func:`project`.

    Parameters
    ----------
    model : PCA
    Z : array of shape (m, k)
        Coordinates from :func:`project` with the same ``whiten``.
    whiten : bool

    Returns
    -------
    X_hat : array of shape (m, n)
        The closest points to the data in the span of the first ``k`` directions.

    Notes
    -----
    .. math:: \hat X = Z V_k^\top + \bar x

    Examples
    --------
    >>> model = fit_pca([[0, 1], [2, 2], [4, 4]])
    >>> reconstruct(model, project(model, [[2, 2]], 2)).round(6).tolist()
    [[2.0, 2.0]]
    """
    k = Z.shape[1]
    scale = np.sqrt(model.explained_variance[:k]) if whiten else 1.0
    return (Z * scale) @ model.components[:k] + model.mean


@validate(model=_model, retained=interval(0, 1, closed="right"))
def components_for_variance(model, retained=0.99):
    r"""The smallest ``k`` whose components keep at least the fraction ``retained`` of the variance.

    Ng's course notes choose :math:`k` as the smallest with
    :math:`\sum_{j \le k} \lambda_j / \sum_j \lambda_j \ge 0.99` ("99 % of variance retained").

    Parameters
    ----------
    model : PCA
    retained : float in (0, 1]

    Returns
    -------
    int

    Examples
    --------
    >>> components_for_variance(fit_pca([[0, 0], [2, 2.1], [4, 3.9]]), 0.99)
    1
    """
    kept = np.cumsum(model.explained_variance_ratio)
    return int(min(np.searchsorted(kept, retained * (1 - 1e-12)) + 1, len(kept)))


def _kernel_pca_args(args):
    if args["k"] > len(args["X"]):
        raise ValueError(f"k must be at most the number of rows of X ({len(args['X'])}); "
                         f"got k={args['k']}")


_KPCA = dict(kernel=options("rbf", "polynomial", "linear"), gamma=positive,
             degree=integer(minimum=1, maximum=20))


@validate(X=matrix, k=integer(minimum=1), **_KPCA, _=_kernel_pca_args)
def kernel_pca(X, k, kernel="rbf", gamma=1.0, degree=3):
    r"""Kernel PCA: PCA in the feature space of a kernel, through the centred Gram matrix.

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, at most m
    kernel : {"rbf", "polynomial", "linear"}
        As :func:`mlcheatsheet.algorithms.svm.kernel_matrix` (``polynomial`` with ``coef0 = 1``).
    gamma : float > 0
    degree : int

    Returns
    -------
    Z : array of shape (m, k)
        The training points' coordinates on the first ``k`` components; a component
        of zero eigenvalue gives zeros.

    Notes
    -----
    With :math:`K_{ij} = k(x_i, x_j)` and :math:`H = I - \frac1m \mathbf 1 \mathbf 1^\top`,
    the centred Gram matrix :math:`\tilde K = H K H` has eigenpairs
    :math:`(\mu_j, a_j)`, and :math:`Z_{:, j} = \sqrt{\mu_j}\, a_j`.

    Examples
    --------
    >>> Z = kernel_pca([[0.0], [1.0], [3.0]], 1, kernel="linear")
    >>> np.abs(Z).round(4).ravel().tolist()
    [1.3333, 0.3333, 1.6667]
    """
    K = kernel_matrix(X, X, kernel=kernel, degree=degree, gamma=gamma, coef0=1.0)
    H = np.eye(len(X)) - 1.0 / len(X)
    mu, A = np.linalg.eigh(H @ K @ H)
    mu, A = mu[::-1][:k], A[:, ::-1][:, :k]                   # the largest first
    A *= np.sign(A[np.abs(A).argmax(axis=0), np.arange(k)])   # a sign convention
    return A * np.sqrt(np.maximum(mu, 0.0))
