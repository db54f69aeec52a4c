r"""Hyperparameter search: try settings, cross-validate each, keep the best.

- :func:`~mlcheatsheet.model_selection.cross_validation.grid_search` (also importable
  from here) tries every combination of a grid;
- :func:`random_search` draws ``n_iter`` settings from distributions instead;
- :func:`log_uniform`, :func:`uniform` and :func:`int_uniform` are the distributions,
  each sampled by inverting its cdf at uniform draws of an ``rng`` (a list of values
  in a search space means each of them equally likely);
- :func:`doubling_grid` is the grid of Ng's course notes, 0 then 0.01 doubled.

Both searches score every setting with
:func:`~mlcheatsheet.model_selection.cross_validation.cross_validate` on the same
folds, and return a :class:`~mlcheatsheet.model_selection.cross_validation.SearchResult`.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .._validation import check_rng, integer, positive, real, rng, size, validate
from . import cross_validation as cv
from .cross_validation import SearchResult, grid_search  # noqa: F401  (one search, two doors)

__all__ = ["Distribution", "log_uniform", "uniform", "int_uniform",
           "sample_params", "random_search", "doubling_grid"]


@dataclass(frozen=True)
class Distribution:
    """A distribution of one hyperparameter, given by its quantile function and its cdf.

    Attributes
    ----------
    name : str
    ppf : callable
        The quantile function: maps uniform draws ``u`` in [0, 1) to values.
    cdf : callable
        The cumulative distribution function.
    """

    name: str
    ppf: Callable
    cdf: Callable

    def sample(self, size, rng=0):
        """``size`` draws: the quantile function at uniform draws of ``rng``."""
        return self.ppf(check_rng(rng).uniform(size=size))


def _ordered(args):
    """Relation: ``low < high``."""
    if not args["low"] < args["high"]:
        raise ValueError(f"low must be less than high; got low={args['low']!r}, "
                         f"high={args['high']!r}")


@validate(_ordered, low=positive, high=positive)
def log_uniform(low, high):
    r"""Log-uniform on :math:`[a, b]`: :math:`\log X` is uniform on :math:`[\log a, \log b]`.

    Each factor of ten gets the same probability, which suits a penalty or a
    learning rate whose useful values span decades. The cdf is
    :math:`F(x) = \frac{\log x - \log a}{\log b - \log a}` (scipy's ``loguniform``).

    Examples
    --------
    >>> d = log_uniform(0.01, 100.0)
    >>> float(d.cdf(1.0)), float(d.ppf(0.75))            # the middle decade boundary
    (0.5, 10.0)
    """
    a, b = np.log(low), np.log(high)
    return Distribution(
        f"log_uniform({low:g}, {high:g})",
        ppf=lambda u: np.exp(a + np.asarray(u) * (b - a)),
        cdf=lambda x: np.clip((np.log(np.maximum(x, low)) - a) / (b - a), 0, 1))


@validate(_ordered, low=real, high=real)
def uniform(low, high):
    r"""Uniform on :math:`[a, b]`: :math:`F(x) = (x - a)/(b - a)`.

    Examples
    --------
    >>> d = uniform(0.0, 0.5)
    >>> float(d.ppf(0.5)), float(d.cdf(0.1))
    (0.25, 0.2)
    """
    return Distribution(f"uniform({low:g}, {high:g})",
                        ppf=lambda u: low + np.asarray(u) * (high - low),
                        cdf=lambda x: np.clip((np.asarray(x) - low) / (high - low), 0, 1))


@validate(_ordered, low=integer(-2**62, 2**62), high=integer(-2**62, 2**62))
def int_uniform(low, high):
    r"""Each integer of ``low, low + 1, ..., high`` (both included) equally likely.

    Examples
    --------
    >>> d = int_uniform(1, 4)
    >>> d.ppf([0.0, 0.3, 0.99]).tolist(), float(d.cdf(2))
    ([1, 2, 4], 0.5)
    """
    n = high - low + 1
    return Distribution(f"int_uniform({low}, {high})",
                        ppf=lambda u: low + np.floor(np.asarray(u) * n).astype(int),
                        cdf=lambda x: np.clip((np.floor(x) - low + 1) / n, 0, 1))


def _choice(values):
    """Each of ``values`` equally likely: what a list in a search space means."""
    table = np.empty(len(values), dtype=object)
    table[:] = values
    n = len(values)
    return Distribution(f"choice({values!r})",
                        ppf=lambda u: table[np.floor(np.asarray(u) * n).astype(int)],
                        cdf=lambda x: np.clip((np.floor(x) + 1) / n, 0, 1))


def _distributions(value, name):
    """Spec: a dict from parameter names to Distributions (a list: one of its values)."""
    if not isinstance(value, dict) or not value or not all(isinstance(k, str) for k in value):
        raise TypeError(f"{name} must be a dict from parameter names to distributions, e.g. "
                        f"{{'alpha': log_uniform(1e-3, 1e3)}}; got {type(value).__name__}")
    out = {}
    for k, d in value.items():
        if isinstance(d, (list, tuple)) and len(d) > 0:
            d = _choice(d)
        if not isinstance(d, Distribution):
            raise TypeError(f"{name}[{k!r}] must be a Distribution (log_uniform, uniform, "
                            f"int_uniform) or a non-empty list of values; got "
                            f"{type(d).__name__}")
        out[k] = d
    return out


_distributions.kind = "grid"


_SEARCH = dict(**cv._MODEL, **cv._DATA)
_SPACE = dict(distributions=_distributions, n_iter=size(), rng=rng)


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v


@validate(**_SPACE)
def sample_params(distributions, n_iter=10, rng=0):
    r"""Draw ``n_iter`` settings, each parameter independently from its distribution.

    One block of uniform draws of shape ``(n_iter, n_parameters)`` is taken from
    ``rng``; column ``j`` goes through parameter ``j``'s quantile function.

    Examples
    --------
    >>> ps = sample_params({"alpha": log_uniform(1e-3, 1e3), "kind": ["a", "b"]}, 3, rng=0)
    >>> len(ps), sorted(ps[0]), all(1e-3 <= p["alpha"] <= 1e3 for p in ps)
    (3, ['alpha', 'kind'], True)
    """
    u = rng.uniform(size=(n_iter, len(distributions)))
    columns = [d.ppf(u[:, j]) for j, d in enumerate(distributions.values())]
    return [{k: _plain(col[i]) for k, col in zip(distributions, columns)}
            for i in range(n_iter)]


@validate(cv._folds_fit_X, cv._rows, **_SEARCH, **_SPACE)
def random_search(fit, score, X, y, folds, distributions, n_iter=10, rng=0):
    r"""Cross-validate ``n_iter`` random settings; keep the best mean validation score.

    With the same budget as a grid, random search tries ``n_iter`` distinct values
    of *every* parameter, where a :math:`m \times m` grid tries only :math:`m`:
    when few parameters matter, that is what finds a good setting
    (Bergstra and Bengio, 2012).

    Parameters
    ----------
    fit, score, X, y, folds
        As in :func:`~mlcheatsheet.model_selection.cross_validation.cross_validate`.
    distributions : dict
        Parameter name to :class:`Distribution` (or a list: one of its values).
    n_iter : int, default=10
        The budget: how many settings are tried.
    rng : numpy.random.Generator or int, default=0

    Returns
    -------
    SearchResult
        ``params`` in the order they were drawn (a prefix is a smaller search).

    Examples
    --------
    >>> fit = lambda X, y, shrink: shrink * y.mean(keepdims=True)
    >>> score = lambda m, X, y: -float(((y - m[0]) ** 2).mean())
    >>> X, y = np.zeros((6, 1)), np.array([1.0, 2.0, 3.0, 1.0, 2.0, 3.0])
    >>> r = random_search(fit, score, X, y, cv.kfold(6, 3), {"shrink": uniform(0, 1)}, 20)
    >>> len(r.params), round(r.best_params["shrink"], 1)
    (20, 1.0)
    """
    params = sample_params(distributions, n_iter, rng)
    scores = np.array([cv.cross_validate(fit, score, X, y, folds, **p) for p in params])
    means = scores.mean(axis=2)                      # (setting, train/test)
    best = int(np.argmax(means[:, 1]))
    return SearchResult(params[best], float(means[best, 1]), params,
                        mean_train_scores=means[:, 0], mean_test_scores=means[:, 1])


@validate(start=positive, n_doublings=integer(0, 60))
def doubling_grid(start=0.01, n_doublings=10):
    r"""Zero, then ``start`` doubled ``n_doublings`` times: Ng's grid for :math:`\lambda`.

    Examples
    --------
    >>> doubling_grid()
    [0.0, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24]
    """
    return [0.0] + [start * 2**k for k in range(n_doublings + 1)]
