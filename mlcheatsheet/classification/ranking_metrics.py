r"""Ranking metrics: how good is the *top* of a list ordered by score?

A search engine, a recommender or a fraud queue shows a few items out of many.
What matters is whether the relevant ones come first. Conventions:

* ``y_true`` holds relevance: 0 or 1 for :func:`precision_at_k`,
  :func:`recall_at_k` and :func:`mean_average_precision`; any non-negative grade
  for :func:`dcg` and :func:`ndcg`. ``y_score`` orders the items (larger first).
* A 1-D pair is one query (one list); a 2-D pair of shape ``(n_queries, n_items)``
  is many, and the result is the mean over queries.
* **Ties** in ``y_score`` have no order, so the metrics at a cut-off ``k`` return
  their *expected* value over all orders of the tied items (as scikit-learn's
  ``ndcg_score`` does). :func:`mean_average_precision` treats a tie as one
  threshold, like :func:`mlcheatsheet.classification.metrics.average_precision`.
* A query with no relevant item has no recall, average precision or NDCG: those
  raise ``ValueError`` (drop such queries, or decide what they should count as).

``RANKING_METRICS`` maps each name to its function.
"""

import numbers

import numpy as np

from .._validation import array, validate
from .metrics import average_precision

__all__ = [
    "RANKING_METRICS",
    "precision_at_k",
    "recall_at_k",
    "mean_average_precision",
    "dcg",
    "ndcg",
]


# --------------------------------------------------------------------------
# Specs and relations (the checks each @validate line names)
# --------------------------------------------------------------------------

#: Spec: one query (a 1-D array) or one row per query (2-D), finite numbers.
_QUERIES = array(ndim=(1, 2))


def _short(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:30] + "..." + text[-6:]


def _cut_off(k, n_items, none_is_all):
    """``k`` as an int from 1 to ``n_items`` (``None`` is ``n_items`` if ``none_is_all``)."""
    if k is None and none_is_all:
        return n_items
    if (isinstance(k, (bool, np.bool_, np.timedelta64)) or not isinstance(k, numbers.Integral)
            or not 1 <= k <= n_items):
        raise ValueError(f"k must be an integer from 1 to the number of items ({n_items}); "
                         f"got {_short(k)}")
    return int(k)


def _ranking(binary, relevant=False, k_none_is_all=False):
    """Relation: ``y_true`` and ``y_score`` as (n_queries, n_items) arrays of one shape.

    ``binary``: relevance 0 or 1 (else grades >= 0); ``relevant``: every query has a
    relevant item. A cut-off ``k``, if the function has one, must be an integer from 1
    to ``n_items``; with ``k_none_is_all``, ``None`` stands for ``n_items``.
    """
    def relation(args):
        y_true, y_score = args["y_true"], args["y_score"]
        if y_true.shape != y_score.shape:
            raise ValueError(f"y_true and y_score must have the same shape; got {y_true.shape} "
                             f"and {y_score.shape} (one row per query, one column per item)")
        bad = (y_true != 0) & (y_true != 1) if binary else y_true < 0
        if bad.any():
            want, hint = (("relevance 0 or 1", " (graded relevance: use dcg or ndcg)") if binary
                          else ("relevance grades >= 0", ""))
            raise ValueError(f"y_true must contain {want}; got {float(y_true[bad][0])!r}{hint}")
        changed = {"y_true": np.atleast_2d(y_true), "y_score": np.atleast_2d(y_score)}
        if "k" in args:
            changed["k"] = _cut_off(args["k"], y_true.shape[-1], k_none_is_all)
        empty = np.flatnonzero(changed["y_true"].sum(axis=1) == 0)
        if relevant and len(empty):
            raise ValueError(f"query {int(empty[0])} has no relevant item: the metric is "
                             "undefined for it (drop such queries first)")
        return changed

    return relation


_GRADED = _ranking(binary=False, k_none_is_all=True)
_GRADED_WITH_RELEVANT = _ranking(binary=False, relevant=True, k_none_is_all=True)


def _expected_gain(relevance, score, discount):
    r"""Expected :math:`\sum_i \mathrm{rel}_{(i)}\,d_i` over random orders of tied scores.

    Tied items share their positions, so each gets the mean relevance of its tie
    group times the sum of the group's discounts.
    """
    _, group, size = np.unique(-score, return_inverse=True, return_counts=True)
    mean_relevance = np.bincount(group, weights=relevance) / size  # groups by falling score
    cumulative = np.r_[0.0, np.cumsum(discount)]
    end = np.cumsum(size)
    return float(mean_relevance @ (cumulative[end] - cumulative[end - size]))


def _top_k(k, n_items):
    return (np.arange(n_items) < k).astype(float)


def _log_discount(k, n_items):
    ranks = np.arange(n_items)
    return np.where(ranks < k, 1.0 / np.log2(ranks + 2.0), 0.0)


@validate(y_true=_QUERIES, y_score=_QUERIES, _=_ranking(binary=True))
def precision_at_k(y_true, y_score, k):
    r"""Fraction of relevant items among the ``k`` highest-scored.

    .. math:: P@k = \frac{1}{k}\sum_{i=1}^{k} \mathrm{rel}_{(i)}

    where :math:`(i)` is the item at rank :math:`i`.

    Parameters
    ----------
    y_true : array_like of shape (n_items,) or (n_queries, n_items)
        Relevance, 0 or 1.
    y_score : array_like of the shape of ``y_true``
    k : int
        Cut-off, from 1 to ``n_items``.

    Returns
    -------
    float
        Mean over queries. Ties across the cut-off give the expected value.

    Examples
    --------
    >>> precision_at_k([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], k=2)
    0.5
    >>> precision_at_k([1, 0, 1], [0.9, 0.5, 0.5], k=2)  # one of two tied items fits
    0.75
    """
    top = _top_k(k, y_true.shape[1])
    hits = [_expected_gain(t, s, top) for t, s in zip(y_true, y_score)]
    return float(np.mean(np.divide(hits, k)))


@validate(y_true=_QUERIES, y_score=_QUERIES, _=_ranking(binary=True, relevant=True))
def recall_at_k(y_true, y_score, k):
    r"""Fraction of all relevant items that are among the ``k`` highest-scored.

    Parameters
    ----------
    y_true : array_like of shape (n_items,) or (n_queries, n_items)
        Relevance, 0 or 1; every query needs a relevant item.
    y_score : array_like of the shape of ``y_true``
    k : int
        Cut-off, from 1 to ``n_items``.

    Returns
    -------
    float in [0, 1]
        Mean over queries.

    Examples
    --------
    >>> recall_at_k([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], k=2)
    0.5
    """
    top = _top_k(k, y_true.shape[1])
    hits = [_expected_gain(t, s, top) for t, s in zip(y_true, y_score)]
    return float(np.mean(np.divide(hits, y_true.sum(axis=1))))


@validate(y_true=_QUERIES, y_score=_QUERIES, _=_ranking(binary=True, relevant=True))
def mean_average_precision(y_true, y_score):
    r"""Mean over queries of the average precision (MAP).

    .. math:: \mathrm{MAP} = \frac1Q \sum_{q=1}^Q \mathrm{AP}_q

    where :math:`\mathrm{AP}_q` is :func:`mlcheatsheet.classification.metrics.average_precision` of
    query :math:`q`: the mean of the precision at the rank of each relevant item.

    Parameters
    ----------
    y_true : array_like of shape (n_items,) or (n_queries, n_items)
        Relevance, 0 or 1; every query needs a relevant item.
    y_score : array_like of the shape of ``y_true``

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> round(mean_average_precision([[1, 0, 1], [0, 1, 0]],
    ...                              [[0.9, 0.8, 0.7], [0.9, 0.8, 0.7]]), 6)  # (5/6 + 1/2) / 2
    0.666667
    """
    return float(np.mean([average_precision(t, s) for t, s in zip(y_true, y_score)]))


@validate(y_true=_QUERIES, y_score=_QUERIES, _=_GRADED)
def dcg(y_true, y_score, k=None):
    r"""Discounted cumulative gain: relevance summed down the ranking, discounted by rank.

    .. math:: \mathrm{DCG}@k = \sum_{i=1}^{k} \frac{\mathrm{rel}_{(i)}}{\log_2(i + 1)}

    The first item counts fully, the second :math:`1/\log_2 3 \approx 0.63`, the
    tenth :math:`1/\log_2 11 \approx 0.29`.

    Parameters
    ----------
    y_true : array_like of shape (n_items,) or (n_queries, n_items)
        Relevance grades, >= 0.
    y_score : array_like of the shape of ``y_true``
    k : int, optional
        Cut-off; all items by default.

    Returns
    -------
    float >= 0
        Mean over queries.

    Examples
    --------
    >>> round(dcg([3, 2, 0], [0.9, 0.8, 0.7]), 6)   # 3/1 + 2/log2(3)
    4.26186
    """
    discount = _log_discount(k, y_true.shape[1])
    return float(np.mean([_expected_gain(t, s, discount) for t, s in zip(y_true, y_score)]))


@validate(y_true=_QUERIES, y_score=_QUERIES, _=_GRADED_WITH_RELEVANT)
def ndcg(y_true, y_score, k=None):
    r"""Normalized DCG: :func:`dcg` divided by the DCG of the best possible order.

    .. math:: \mathrm{NDCG}@k = \frac{\mathrm{DCG}@k}{\mathrm{IDCG}@k}

    where IDCG sorts the items by their true relevance. 1 means the top ``k``
    is in the ideal order.

    Parameters
    ----------
    y_true : array_like of shape (n_items,) or (n_queries, n_items)
        Relevance grades, >= 0; every query needs an item with relevance > 0.
    y_score : array_like of the shape of ``y_true``
    k : int, optional
        Cut-off; all items by default.

    Returns
    -------
    float in [0, 1]
        Mean over queries.

    Examples
    --------
    >>> ndcg([3, 2, 0], [0.9, 0.8, 0.7])
    1.0

    The worst order: :math:`(0 + 2/\log_2 3 + 3/2) / (3 + 2/\log_2 3)`:

    >>> round(ndcg([0, 2, 3], [0.9, 0.8, 0.7]), 6)
    0.648041
    """
    discount = _log_discount(k, y_true.shape[1])
    ideal = [_expected_gain(t, t, discount) for t in y_true]  # sorted by relevance
    found = [_expected_gain(t, s, discount) for t, s in zip(y_true, y_score)]
    return float(np.mean(np.divide(found, ideal)))


RANKING_METRICS = {
    "precision_at_k": precision_at_k,
    "recall_at_k": recall_at_k,
    "mean_average_precision": mean_average_precision,
    "dcg": dcg,
    "ndcg": ndcg,
}
"""Every ranking metric: name -> function."""
