r"""Regression splines: truncated-power, B-spline and natural cubic bases, knots chosen by CV.

A spline of degree :math:`d` with interior knots :math:`\xi_1 < \dots < \xi_K` is a
polynomial of degree :math:`d` between neighbouring knots, joined so that it has
:math:`d - 1` continuous derivatives at each knot. Such functions form a linear
space of dimension :math:`d + 1 + K`, so a spline fit is linear regression on a
basis of that space: the truncated powers :math:`1, x, \dots, x^d,
(x - \xi_k)_+^d` (:func:`truncated_power_basis`, simple but ill-conditioned) or
the B-splines of the Cox--de Boor recursion (:func:`bspline_basis`, each nonzero
on only :math:`d + 1` knot intervals). A *natural* cubic spline is linear beyond
its boundary knots (:func:`natural_cubic_basis`). The number of knots is chosen
by k-fold cross-validation (:func:`choose_n_knots`).
"""

import numpy as np

from .._validation import integer, options, rng, same_shape, size, validate, vector
from ..basics.linear_regression import normal_equation
from ..model_selection import cross_validation as cv

__all__ = [
    "truncated_power_basis",
    "bspline_basis",
    "uniform_knots",
    "natural_cubic_basis",
    "fit_spline",
    "predict_spline",
    "choose_n_knots",
]

#: Spec: a spline degree.
_DEGREE = integer(minimum=0, maximum=10)


def _increasing(name):
    """Relation: the knots are strictly increasing."""
    def relation(args):
        knots = args[name]
        if np.any(np.diff(knots) <= 0):
            raise ValueError(f"{name} must be strictly increasing; got {knots.tolist()!r:.60}")
    return relation


def _knot_vector(args):
    """Relation: a non-decreasing knot vector with at least ``2 (degree + 1)`` knots."""
    t, k = args["t"], args["degree"]
    if len(t) < 2 * k + 2:
        raise ValueError(f"t must have at least 2 * degree + 2 = {2 * k + 2} knots; got {len(t)}")
    if np.any(np.diff(t) < 0):
        raise ValueError(f"t must be non-decreasing; got {t.tolist()!r:.60}")
    if t[k] >= t[len(t) - k - 1]:
        raise ValueError(f"t must leave a base interval t[degree] < t[-degree-1]; got "
                         f"t[{k}] = {t[k]} and t[{len(t) - k - 1}] = {t[len(t) - k - 1]}")


@validate(_increasing("knots"), x=vector, knots=vector, degree=_DEGREE)
def truncated_power_basis(x, knots, degree=3):
    r"""The truncated-power basis :math:`1, x, \dots, x^d, (x - \xi_1)_+^d, \dots, (x - \xi_K)_+^d`.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    knots : array_like of shape (n_knots,)
        The interior knots :math:`\xi_k`, strictly increasing.
    degree : int, default=3

    Returns
    -------
    ndarray of shape (n_samples, degree + 1 + n_knots)

    Examples
    --------
    >>> truncated_power_basis([0.0, 2.0], knots=[1.0], degree=1).tolist()
    [[1.0, 0.0, 0.0], [1.0, 2.0, 1.0]]
    """
    powers = x[:, None] ** np.arange(degree + 1)
    return np.hstack([powers, np.maximum(x[:, None] - knots, 0.0) ** degree])


@validate(_knot_vector, x=vector, t=vector, degree=_DEGREE)
def bspline_basis(x, t, degree=3):
    r"""The B-splines :math:`B_{j,d}(x)` on the knot vector ``t``, by the Cox--de Boor recursion.

    .. math::

        B_{j,0}(x) = [t_j \le x < t_{j+1}], \qquad
        B_{j,p}(x) = \frac{x - t_j}{t_{j+p} - t_j} B_{j,p-1}(x)
                   + \frac{t_{j+p+1} - x}{t_{j+p+1} - t_{j+1}} B_{j+1,p-1}(x),

    a fraction with a zero denominator counting as zero. Each point is put in one
    interval of the base range :math:`[t_d, t_{m-d-1}]` (:math:`m` knots), the
    first or the last for points outside it, so beyond the range the end
    polynomials continue (scikit-learn's ``extrapolation="continue"``, SciPy's
    ``extrapolate=True``). The recursion runs over all points and all basis
    functions at once.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    t : array_like of shape (n_knots,)
        Non-decreasing knots, the ``degree`` outer ones on each side included.
    degree : int, default=3

    Returns
    -------
    ndarray of shape (n_samples, n_knots - degree - 1)
        Every row sums to 1 (partition of unity).

    Examples
    --------
    >>> B = bspline_basis([0.5, 1.0, 1.5], t=[0.0, 1.0, 2.0], degree=0)
    >>> B.tolist()                                      # degree 0: interval indicators
    [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]
    >>> B = bspline_basis([1.5], t=[0.0, 1.0, 2.0, 3.0], degree=1)
    >>> B.tolist()                                      # hat functions
    [[0.5, 0.5]]
    """
    n_basis = len(t) - degree - 1
    interval = np.clip(np.searchsorted(t, x, side="right") - 1, degree, n_basis - 1)
    B = (np.arange(len(t) - 1) == interval[:, None]).astype(float)       # degree 0
    xc = x[:, None]
    for p in range(1, degree + 1):
        left, right = t[: len(t) - p - 1], t[p + 1:]
        span_l, span_r = t[p: len(t) - 1] - left, right - t[1: len(t) - p]
        w_l = np.divide(xc - left, span_l, out=np.zeros((len(x), len(left))),
                        where=span_l > 0)
        w_r = np.divide(right - xc, span_r, out=np.zeros((len(x), len(left))),
                        where=span_r > 0)
        B = w_l * B[:, :-1] + w_r * B[:, 1:]
    return B


@validate(x=vector, n_knots=size(2), degree=_DEGREE)
def uniform_knots(x, n_knots=5, degree=3):
    r"""scikit-learn's knot vector: ``n_knots`` equally spaced knots over the data's range.

    ``n_knots`` knots from the smallest to the largest ``x`` (both boundaries
    included), extended by ``degree`` more at the same spacing on each side.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        The data (only its smallest and largest values count).
    n_knots : int, default=5
    degree : int, default=3

    Returns
    -------
    ndarray of shape (n_knots + 2 * degree,)

    Examples
    --------
    >>> uniform_knots([0.0, 4.0], n_knots=3, degree=1).tolist()
    [-2.0, 0.0, 2.0, 4.0, 6.0]
    """
    base = np.linspace(x.min(), x.max(), n_knots)
    step = base[1] - base[0]
    return np.r_[base[0] - step * np.arange(degree, 0, -1), base,
                 base[-1] + step * np.arange(1, degree + 1)]


@validate(_increasing("knots"), x=vector, knots=vector)
def natural_cubic_basis(x, knots):
    r"""A basis of the natural cubic splines on ``knots``: cubic between knots, linear beyond.

    With :math:`K` knots :math:`\xi_1 < \dots < \xi_K` (boundaries included), the
    :math:`K` functions :math:`N_1 = 1`, :math:`N_2 = x` and
    :math:`N_{k+2} = d_k - d_{K-1}` for :math:`k = 1, \dots, K - 2`, where

    .. math:: d_k(x) = \frac{(x - \xi_k)_+^3 - (x - \xi_K)_+^3}{\xi_K - \xi_k}

    (Hastie, Tibshirani and Friedman, eq. 5.4--5.5). The linear tails spend no
    parameters on the edges, where a cubic is most erratic.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    knots : array_like of shape (n_knots,)
        At least two, strictly increasing.

    Returns
    -------
    ndarray of shape (n_samples, n_knots)

    Examples
    --------
    >>> natural_cubic_basis([0.0, 3.0], knots=[0.0, 1.0, 2.0]).tolist()
    [[1.0, 0.0, 0.0], [1.0, 3.0, 6.0]]
    """
    cube = np.maximum(x[:, None] - knots, 0.0) ** 3
    d = (cube[:, :-1] - cube[:, -1:]) / (knots[-1] - knots[:-1])
    return np.column_stack([np.ones_like(x), x, d[:, :-1] - d[:, -1:]])


#: The three bases, by name, as functions of (x, interior knots, boundary knots, degree).
_BASES = {
    "bspline": lambda x, inner, lo, hi, d: bspline_basis(
        x, uniform_knots(np.array([lo, hi]), len(inner) + 2, d), d),
    "truncated_power": lambda x, inner, lo, hi, d: truncated_power_basis(x, inner, d),
    "natural": lambda x, inner, lo, hi, d: natural_cubic_basis(x, np.r_[lo, inner, hi]),
}


def _design(x, lo, hi, n_knots, degree, basis):
    inner = np.linspace(lo, hi, n_knots + 2)[1:-1]
    return _BASES[basis](x, inner, lo, hi, degree)


#: Relation: one target per sample.
_paired = same_shape("x", "y")
#: Specs of a spline fit's settings.
_SETTINGS = dict(n_knots=integer(0, 200), degree=_DEGREE,
                 basis=options("bspline", "truncated_power", "natural"))


def _enough_points(args):
    """Relation: at least as many distinct points as basis functions."""
    need = args["n_knots"] + args["degree"] + 1 if args["basis"] != "natural" \
        else args["n_knots"] + 2
    if len(np.unique(args["x"])) < need:
        raise ValueError(f"n_knots={args['n_knots']} needs {need} distinct x values; "
                         f"got {len(np.unique(args['x']))}")


@validate(_paired, _enough_points, x=vector, y=vector, **_SETTINGS)
def fit_spline(x, y, n_knots=3, degree=3, basis="bspline"):
    r"""Least-squares regression spline with ``n_knots`` equally spaced interior knots.

    The knots split :math:`[\min x, \max x]` into ``n_knots + 1`` equal
    intervals; the fit is linear regression on the chosen basis.
    ``"natural"`` is a natural cubic spline (``degree`` is ignored) whose
    boundary knots are :math:`\min x` and :math:`\max x`.

    Returns
    -------
    bounds : ndarray of shape (2,)
        :math:`\min x, \max x`, where the knots were placed.
    w : ndarray of shape (n_basis,)
        The weights of the basis functions.

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 9)
    >>> bounds, w = fit_spline(x, x**3, n_knots=1, degree=3)
    >>> bool(np.allclose(predict_spline([0.25, 2.0], bounds, w, 1, 3), [0.25**3, 8.0]))
    True
    """
    bounds = np.array([x.min(), x.max()])
    return bounds, normal_equation(_design(x, *bounds, n_knots, degree, basis), y)


def _weights_fit(args):
    """Relation: as many weights as the basis has functions."""
    need = args["n_knots"] + args["degree"] + 1 if args["basis"] != "natural" \
        else args["n_knots"] + 2
    if len(args["w"]) != need:
        raise ValueError(f"w must have {need} weights for n_knots={args['n_knots']}, "
                         f"degree={args['degree']}, basis={args['basis']!r}; got {len(args['w'])}")
    if args["bounds"].shape != (2,) or args["bounds"][0] >= args["bounds"][1]:
        raise ValueError(f"bounds must be two increasing numbers; got {args['bounds'].tolist()}")


@validate(_weights_fit, x=vector, bounds=vector, w=vector, **_SETTINGS)
def predict_spline(x, bounds, w, n_knots=3, degree=3, basis="bspline"):
    r"""Evaluate a spline from :func:`fit_spline` at ``x`` (end pieces continue beyond the data).

    Examples
    --------
    >>> predict_spline([0.5], bounds=[0.0, 1.0], w=[1.0, 1.0, 1.0], n_knots=0, degree=2).tolist()
    [1.0]
    """
    return _design(x, *bounds, n_knots, degree, basis) @ w


def _fit(X, y, n_knots, degree, basis):
    return fit_spline(X[:, 0], y, n_knots, degree, basis)


def _neg_mse(fitted, X, y, n_knots, degree, basis):
    return -float(np.mean((y - predict_spline(X[:, 0], *fitted, n_knots, degree, basis)) ** 2))


def _candidates(value, name):
    """Spec: a non-empty list of distinct knot counts."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty list of knot counts; got "
                        f"{type(value).__name__}")
    counts = [integer(0, 200)(c, f"{name}[{i}]") for i, c in enumerate(value)]
    if len(set(counts)) != len(counts):
        raise ValueError(f"{name} must not repeat a count; got {counts}")
    return counts


_candidates.kind = "array"


def _k_fits(args):
    """Relation: each training part has more points than the largest basis has functions."""
    n, k = len(args["x"]), args["n_splits"]
    top = max(args["n_knots"]) + args["degree"] + 1
    if k > n:
        raise ValueError(f"n_splits={k} is more than the {n} samples")
    if n - int(np.ceil(n / k)) < top:
        raise ValueError(f"{max(args['n_knots'])} knots need {top} training points per fold; "
                         f"{n} samples in {k} folds leave {n - int(np.ceil(n / k))}")


#: Specs of the knot search.
_SEARCH = dict(x=vector, y=vector, n_knots=_candidates, degree=_DEGREE,
               basis=_SETTINGS["basis"], n_splits=integer(2), rng=rng)


@validate(_paired, _k_fits, **_SEARCH)
def choose_n_knots(x, y, n_knots, degree=3, basis="bspline", n_splits=5, rng=0):
    r"""The knot count with the lowest mean squared error over shuffled k-fold cross-validation.

    Parameters
    ----------
    x, y : array_like of shape (n_samples,)
    n_knots : list of int
        The candidate numbers of interior knots.
    degree : int, default=3
    basis : {"bspline", "truncated_power", "natural"}, default="bspline"
    n_splits : int, default=5
    rng : int or numpy.random.Generator, default=0

    Returns
    -------
    best : int
        The chosen number of knots (the smaller one on ties).
    cv_mse : ndarray of shape (n_candidates,)
        Mean validation error of each candidate, in the order given.

    Examples
    --------
    >>> x = np.linspace(-1, 1, 40)
    >>> best, cv_mse = choose_n_knots(x, np.abs(x), n_knots=[0, 1, 2], degree=1, n_splits=4)
    >>> best, bool(cv_mse[1] < cv_mse[0] / 100)          # one knot: the kink of |x|
    (1, True)
    """
    folds = cv.kfold(len(x), n_splits, shuffle=True, rng=rng)
    scores = np.array([np.mean(cv.cross_validate(
        _fit, lambda f, X, y_, k=k: _neg_mse(f, X, y_, k, degree, basis), x[:, None], y,
        folds, n_knots=k, degree=degree, basis=basis), axis=1)[1] for k in n_knots])
    best = int(np.argmax(scores))
    ties = [k for k, s in zip(n_knots, scores) if s == scores[best]]
    return int(min(ties)), -scores
