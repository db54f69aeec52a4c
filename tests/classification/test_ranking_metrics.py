"""Tests of mlcheatsheet.classification.ranking_metrics: registry, oracles, ties, edge cases, hand-worked values.

Oracles: scikit-learn's ``dcg_score`` / ``ndcg_score`` (which also average over
the orders of tied scores) and ``average_precision_score``; for precision@k and
recall@k, which scikit-learn does not have, a brute force over every order of the
tied items, and ``precision_score`` / ``recall_score`` of the top k when there
are no ties.
"""

import itertools

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mlcheatsheet.classification import ranking_metrics as R
from mlcheatsheet.classification.ranking_metrics import RANKING_METRICS

SETTINGS = settings(max_examples=100, deadline=None, database=None)
# The expected value over tie orders is a mean of up to 7! sums; the two ways of
# computing it round differently in the last bits.
TOL = 1e-12


ORACLES = {  # (y_true, y_score, k) of one query -> value
    "precision_at_k": None,  # brute force below
    "recall_at_k": None,
    "mean_average_precision": lambda t, s, k: skm.average_precision_score(t, s),
    "dcg": lambda t, s, k: skm.dcg_score([t], [s], k=k),
    "ndcg": lambda t, s, k: skm.ndcg_score([t], [s], k=k),
}
BINARY = {"precision_at_k", "recall_at_k", "mean_average_precision"}
TAKES_K = {"precision_at_k": True, "recall_at_k": True, "dcg": False, "ndcg": False,
           "mean_average_precision": None}  # True: k required, False: optional, None: no k


def brute_force_top_k(y_true, y_score, k, denominator):
    """Mean over every order of the tied items of (relevant items in the top k) / denominator."""
    values = []
    for order in itertools.permutations(range(len(y_true))):
        ranked = [y_score[i] for i in order]
        if all(a >= b for a, b in zip(ranked, ranked[1:])):  # a valid ranking by score
            values.append(sum(y_true[i] for i in order[:k]) / denominator)
    return float(np.mean(values))


ORACLES["precision_at_k"] = lambda t, s, k: brute_force_top_k(t, s, k, k)
ORACLES["recall_at_k"] = lambda t, s, k: brute_force_top_k(t, s, k, sum(t))


def call(name, y_true, y_score, k):
    f = RANKING_METRICS[name]
    return f(y_true, y_score) if TAKES_K[name] is None else f(y_true, y_score, k=k)


def test_every_ranking_metric_is_registered_and_covered():
    public = {n for n in R.__all__ if callable(getattr(R, n))}
    assert public == set(RANKING_METRICS)
    for name, f in RANKING_METRICS.items():
        assert f is getattr(R, name)
    assert set(ORACLES) == set(TAKES_K) == set(RANKING_METRICS) and BINARY < set(RANKING_METRICS)


@st.composite
def query(draw, binary, min_items=1, max_items=7):
    """One query with at least one relevant item; scores with many ties."""
    n = draw(st.integers(min_items, max_items))
    relevance = st.integers(0, 1) if binary else st.sampled_from([0.0, 0.0, 1.0, 2.0, 3.5])
    y = draw(arrays(np.float64, n, elements=relevance))
    if not y.any():
        y[draw(st.integers(0, n - 1))] = 1.0
    s = draw(arrays(np.float64, n, elements=st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0])))
    k = draw(st.integers(1, n))
    return y, s, k


@pytest.mark.parametrize("name", sorted(RANKING_METRICS))
def test_matches_oracle(name):
    @SETTINGS
    @given(query(binary=name in BINARY, min_items=2 if name in ("dcg", "ndcg") else 1))
    def check(case):
        y_true, y_score, k = case
        ours = call(name, y_true, y_score, k)
        assert type(ours) is float
        assert ours == pytest.approx(ORACLES[name](y_true, y_score, k), rel=TOL, abs=TOL)

    check()


@pytest.mark.parametrize("name", ["dcg", "ndcg"])
def test_default_k_is_all_items(name, rng):
    y, s = rng.integers(0, 4, size=9).astype(float), rng.normal(size=9)
    y[0] = 2.0
    assert RANKING_METRICS[name](y, s) == RANKING_METRICS[name](y, s, k=9)


def test_one_item():
    # scikit-learn refuses a single document; the definitions still hold
    assert R.dcg([2.0], [0.1]) == 2.0 and R.ndcg([2.0], [0.1]) == 1.0
    assert R.precision_at_k([1], [0.1], k=1) == 1.0 == R.mean_average_precision([1], [0.1])


@SETTINGS
@given(st.tuples(st.integers(1, 5), st.integers(2, 6)).flatmap(
    lambda qn: st.lists(query(binary=True, min_items=qn[1], max_items=qn[1]),
                        min_size=qn[0], max_size=qn[0])))
def test_many_queries_average_one_query_each(cases):
    k = min(k for _, _, k in cases)
    Y, S = np.array([y for y, _, _ in cases]), np.array([s for _, s, _ in cases])
    for name in RANKING_METRICS:
        expected = np.mean([call(name, y, s, k) for y, s in zip(Y, S)])
        assert call(name, Y, S, k) == pytest.approx(expected, rel=1e-14)
    assert R.ndcg(Y, S, k=k) == pytest.approx(skm.ndcg_score(Y, S, k=k), rel=TOL)


def test_without_ties_precision_and_recall_at_k_are_those_of_the_top_k(rng):
    y, s = rng.integers(0, 2, size=20), rng.permutation(20) / 20.0
    y[0] = 1
    for k in (1, 5, 20):
        top = (s >= np.sort(s)[-k]).astype(int)
        assert R.precision_at_k(y, s, k) == pytest.approx(skm.precision_score(y, top), rel=1e-15)
        assert R.recall_at_k(y, s, k) == pytest.approx(skm.recall_score(y, top), rel=1e-15)


# ------------------------------------------------------------------ hand-worked values


def test_hand_worked_ranking():
    # relevance in score order: 1, 0, 1, 0, 0
    y, s = [1, 0, 1, 0, 0], [5.0, 4.0, 3.0, 2.0, 1.0]
    assert R.precision_at_k(y, s, 1) == 1.0
    assert R.precision_at_k(y, s, 3) == pytest.approx(2 / 3)
    assert R.recall_at_k(y, s, 2) == 0.5
    assert R.mean_average_precision(y, s) == pytest.approx((1 + 2 / 3) / 2)  # P at ranks 1 and 3
    assert R.dcg(y, s) == pytest.approx(1 + 1 / np.log2(4))  # gains at ranks 1 and 3
    assert R.ndcg(y, s) == pytest.approx((1 + 0.5) / (1 + 1 / np.log2(3)))


def test_ties_at_the_cut_off_count_their_expected_share():
    # items scored 0.9 (relevant), then three tied at 0.5 of which one is relevant:
    # precision@2 = (1 + 1/3) / 2, whichever tied item takes the second place.
    y, s = [1, 0, 1, 0], [0.9, 0.5, 0.5, 0.5]
    assert R.precision_at_k(y, s, 2) == pytest.approx(2 / 3)
    assert R.recall_at_k(y, s, 2) == pytest.approx(2 / 3)


def test_perfect_and_worst_orders():
    y = np.array([3.0, 2.0, 1.0, 0.0])
    assert R.ndcg(y, y) == 1.0 and R.ndcg(y, -y) < 1.0
    assert R.mean_average_precision([1, 1, 0], [3, 2, 1]) == 1.0


# ------------------------------------------------------------------ edge cases and errors


@pytest.mark.parametrize("name", ["recall_at_k", "mean_average_precision", "ndcg"])
def test_a_query_without_relevant_items_is_an_error(name):
    with pytest.raises(ValueError, match="query 1 has no relevant item"):
        call(name, [[1, 0], [0, 0]], [[0.5, 0.2], [0.5, 0.2]], 1)


def test_precision_and_dcg_without_relevant_items_are_zero():
    assert R.precision_at_k([0, 0], [0.5, 0.1], k=1) == 0.0
    assert R.dcg([0, 0], [0.5, 0.1]) == 0.0


@pytest.mark.parametrize("k", [0, 4, 1.0, True, None])
def test_bad_k(k):
    with pytest.raises(ValueError, match=r"k must be an integer from 1 to the number of items "
                                         r"\(3\); got"):
        R.precision_at_k([1, 0, 0], [0.3, 0.2, 0.1], k=k)


def test_input_errors():
    with pytest.raises(ValueError, match=r"same shape; got \(3,\) and \(2,\)"):
        R.ndcg([1, 0, 0], [0.1, 0.2])
    with pytest.raises(ValueError, match="y_true must contain relevance 0 or 1; got 2.0"):
        R.precision_at_k([2, 0], [0.1, 0.2], k=1)
    with pytest.raises(ValueError, match="relevance grades >= 0; got -1.0"):
        R.dcg([-1, 0], [0.1, 0.2])
    with pytest.raises(ValueError, match="y_true must not be empty"):
        R.ndcg([], [])
    with pytest.raises(ValueError, match="y_score must contain only finite numbers"):
        R.ndcg([1, 0], [np.nan, 0.2])
    with pytest.raises(ValueError, match="y_true must be 1 or 2-dimensional"):
        R.ndcg([[[1]]], [[[1]]])


# ------------------------------------------------------------------ the built page


@pytest.mark.site
def test_page_shows_the_library_numbers(site):
    from test_site import text_of

    graded, ranked = [3, 2, 3, 0, 1, 2, 0, 0], list(range(8, 0, -1))
    text = text_of(site / "classification" / "ranking_metrics.html")
    assert f"DCG = {R.dcg(graded, ranked):.3f}" in text
    assert f"NDCG = {R.ndcg(graded, ranked):.3f}" in text
