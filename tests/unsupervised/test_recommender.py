"""Recommender: a planted low-rank matrix recovered to the noise level, every ALS solve equal
to scikit-learn's Ridge, the cost never rising, mean normalization for a cold user, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Ridge

from mlcheatsheet.unsupervised import recommender as rc


def _planted(n_items=200, n_users=150, rank=3, noise=0.3, seen=0.3, seed=0):
    rng = np.random.default_rng(seed)
    truth = rng.normal(size=(n_items, rank)) @ rng.normal(size=(rank, n_users))
    Y = truth + rng.normal(scale=noise, size=truth.shape)
    observed = rng.uniform(size=truth.shape) < seen
    held_out = ~observed & (rng.uniform(size=truth.shape) < 0.2)
    return Y, observed.astype(float), held_out


def test_planted_rank_three_matrix_is_recovered_to_the_noise_level():
    Y, R, held_out = _planted()
    X, Theta, _ = rc.als(Y, R, rank=3, lam=0.1, n_iter=30)
    rmse = np.sqrt(((X @ Theta.T - Y)[held_out] ** 2).mean())
    assert rmse <= 1.1 * 0.3


def test_every_user_vector_is_the_ridge_solution_given_the_item_features():
    Y, R, _ = _planted(60, 40, seed=1)
    X, Theta, _ = rc.als(Y, R, rank=3, lam=2.0, n_iter=3)
    for j in range(Y.shape[1]):
        rated = R[:, j] == 1
        ridge = Ridge(alpha=2.0, fit_intercept=False, solver="cholesky").fit(X[rated], Y[rated, j])
        np.testing.assert_allclose(Theta[j], ridge.coef_, atol=1e-10)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), rank=st.integers(1, 4), lam=st.floats(0.01, 5.0))
def test_cost_never_increases(seed, rank, lam):
    Y, R, _ = _planted(30, 20, rank=2, seen=0.5, seed=seed)
    R[:, 0] = 1                                            # every item rated at least once
    history = rc.als(Y, R, rank=rank, lam=lam, n_iter=15, rng=seed)[2]
    assert np.all(np.diff(history) <= 1e-10 * history[0])


def test_cost_by_hand():
    # one item, two users: predictions 2 and -1 against ratings 3 and -1, lam = 1:
    # J = (1 + 0) / 2 + (1 + 4 + 1) / 2 = 3.5
    assert rc.cost([[1.0]], [[2.0], [-1.0]], [[3.0, -1.0]], [[1, 1]], lam=1.0) == 3.5


def test_a_user_with_no_ratings_is_predicted_the_item_means():
    Y, R, _ = _planted(50, 30, seed=2)
    R[:, -1] = 0                                           # the last user has rated nothing
    Y_norm, mu = rc.mean_normalize(Y, R)
    X, Theta, _ = rc.als(Y_norm, R, rank=3, lam=1.0, n_iter=10)
    np.testing.assert_allclose(Theta[-1], 0.0, atol=1e-12)
    np.testing.assert_allclose(rc.predict(X, Theta, mu)[:, -1], mu, atol=1e-12)
    np.testing.assert_allclose(mu, [Y[i, R[i] == 1].mean() for i in range(len(Y))])


def test_an_item_nobody_rated_is_refused():
    with pytest.raises(ValueError, match="item 1 has no rating at all"):
        rc.mean_normalize([[5.0, 1.0], [0.0, 0.0]], [[1, 1], [0, 0]])


def test_the_mask_must_be_zero_one_and_of_the_same_shape():
    with pytest.raises(ValueError, match="0/1 mask"):
        rc.als([[5.0, 1.0]], [[1, 2]], rank=1)
    with pytest.raises(ValueError, match="0/1 mask"):
        rc.als([[5.0, 1.0]], [[1]], rank=1)


# --- top-N recommendation ---------------------------------------------------------------------

def test_top_n_by_hand():
    scores = np.array([[4.0, 1.0, 0.0], [5.0, 2.0, 0.0], [3.0, 2.0, 0.0], [9.0, 0.0, 0.0]])
    R = np.array([[0, 0, 0], [1, 0, 0], [0, 0, 0], [1, 1, 0]])
    # user 0 rated items 1 and 3: items 0 then 2; user 1: the tie between 1 and 2 goes to 1;
    # user 2: four equal scores, lowest indices first
    assert rc.top_n(scores, R, n=2).tolist() == [[0, 2], [1, 2], [0, 1]]


@settings(max_examples=60, deadline=None, database=None)
@given(seed=st.integers(0, 10_000), n_items=st.integers(3, 12), n_users=st.integers(1, 5),
       levels=st.integers(2, 6))
def test_top_n_returns_the_best_unrated_items_best_first(seed, n_items, n_users, levels):
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, levels, size=(n_items, n_users)).astype(float)   # many ties
    R = (rng.uniform(size=scores.shape) < 0.4).astype(float)
    R[: n_items // 2, :] = 0                                   # at least n_items // 2 unrated
    n = max(1, n_items // 2)
    picked = rc.top_n(scores, R, n)
    for j in range(n_users):
        unrated = np.flatnonzero(R[:, j] == 0)
        # the oracle: sort the unrated items by (falling score, rising index) with lexsort
        expected = unrated[np.lexsort((unrated, -scores[unrated, j]))][:n]
        assert picked[j].tolist() == expected.tolist()


def test_precision_at_k_of_the_scores_is_the_hit_rate_of_top_n():
    from mlcheatsheet.classification import ranking_metrics as rm

    Y, R, _ = _planted(80, 30, seed=3)
    X, Theta, _ = rc.als(Y, R, rank=3, lam=0.1, n_iter=10)
    scores = X @ Theta.T + np.random.default_rng(0).normal(scale=1e-9, size=Y.shape)  # no ties
    liked = (Y >= np.quantile(Y, 0.8, axis=0)).astype(float)
    picked = rc.top_n(scores, R, n=5)
    for j in range(Y.shape[1]):
        unrated = R[:, j] == 0
        hits = liked[picked[j], j].mean()
        assert rm.precision_at_k(liked[unrated, j], scores[unrated, j], k=5) == pytest.approx(hits)


def test_top_n_refuses_more_items_than_a_user_left_unrated():
    with pytest.raises(ValueError, match=r"n \(2\) must be at most .* user 1 has 1"):
        rc.top_n(np.zeros((3, 2)), [[0, 1], [0, 1], [0, 0]], n=2)
    with pytest.raises(ValueError, match="R must be a 0/1 mask"):
        rc.top_n(np.zeros((3, 2)), np.zeros((2, 3)), n=1)
    with pytest.raises(ValueError, match="n"):
        rc.top_n(np.zeros((3, 2)), np.zeros((3, 2)), n=0)
