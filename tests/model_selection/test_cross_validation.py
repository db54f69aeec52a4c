"""Tests of mlcheatsheet.model_selection.cross_validation: scikit-learn's splitters and
GridSearchCV as oracles, partition and stratification properties, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Ridge
from sklearn.model_selection import (GridSearchCV, GroupKFold, GroupShuffleSplit, KFold,
                                     LeaveOneOut, StratifiedKFold, TimeSeriesSplit,
                                     cross_val_score, validation_curve)

from mlcheatsheet.model_selection import cross_validation as cv

SETTINGS = settings(max_examples=60, deadline=None, database=None)


def _same_folds(ours, theirs):
    theirs = list(theirs)
    assert len(ours) == len(theirs)
    for (tr, te), (tr2, te2) in zip(ours, theirs):
        assert tr.tolist() == sorted(tr2.tolist()) and te.tolist() == sorted(te2.tolist())


# ------------------------------------------------------------------ oracles


@pytest.mark.parametrize("n, k", [(10, 2), (10, 3), (7, 7), (23, 5), (100, 10)])
def test_kfold_matches_sklearn(n, k):
    _same_folds(cv.kfold(n, k), KFold(k).split(np.zeros(n)))


def test_leave_one_out_matches_sklearn():
    _same_folds(cv.leave_one_out(9), LeaveOneOut().split(np.zeros(9)))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [2, 3, 5])
def test_stratified_kfold_matches_sklearn(seed, k):
    y = np.random.default_rng(seed).choice([3, 1, 2], size=40, p=[0.5, 0.3, 0.2])
    _same_folds(cv.stratified_kfold(y, k), StratifiedKFold(k).split(np.zeros(40), y))


@pytest.mark.parametrize("n, k", [(6, 2), (20, 3), (23, 5), (100, 4)])
def test_time_series_folds_match_sklearn(n, k):
    _same_folds(cv.time_series_folds(n, k), TimeSeriesSplit(k).split(np.zeros(n)))


def test_group_kfold_matches_sklearn_when_group_sizes_differ():
    groups = np.repeat(np.arange(8), [9, 8, 7, 6, 5, 4, 3, 2])      # distinct sizes: no ties
    _same_folds(cv.group_kfold(groups, 3), GroupKFold(3).split(np.zeros(len(groups)), groups=groups))


def _ridge_fit(X, y, alpha=1.0):
    m = Ridge(alpha=alpha).fit(X, y)
    return np.r_[m.intercept_, m.coef_]


def _neg_mse(w, X, y):
    return -float(np.mean((w[0] + X @ w[1:] - y) ** 2))


def _problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 8))
    return X, X @ rng.normal(size=8) + rng.normal(scale=2.0, size=60)


def test_cross_validate_matches_cross_val_score():
    X, y = _problem()
    _, ours = cv.cross_validate(_ridge_fit, _neg_mse, X, y, cv.kfold(60, 5), alpha=3.0)
    theirs = cross_val_score(Ridge(alpha=3.0), X, y, cv=KFold(5), scoring="neg_mean_squared_error")
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)


def test_grid_search_chooses_what_grid_search_cv_chooses():
    X, y = _problem(1)
    alphas = [0.0, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]
    ours = cv.grid_search(_ridge_fit, _neg_mse, X, y, cv.kfold(60, 5), {"alpha": alphas})
    theirs = GridSearchCV(Ridge(), {"alpha": alphas}, cv=KFold(5),
                          scoring="neg_mean_squared_error").fit(X, y)
    assert ours.best_params == theirs.best_params_
    np.testing.assert_allclose(ours.mean_test_scores, theirs.cv_results_["mean_test_score"],
                               rtol=1e-10)


def test_validation_curve_matches_sklearn_per_fold():
    X, y = _problem(2)
    alphas = [0.0, 0.1, 1.0, 10.0, 100.0]
    train, test = cv.validation_curve(_ridge_fit, _neg_mse, X, y, cv.kfold(60, 4), "alpha", alphas)
    train2, test2 = validation_curve(Ridge(), X, y, param_name="alpha", param_range=alphas,
                                     cv=KFold(4), scoring="neg_mean_squared_error")
    assert train.shape == test.shape == (5, 4)
    np.testing.assert_allclose(train, train2, rtol=1e-10)
    np.testing.assert_allclose(test, test2, rtol=1e-10)


def test_validation_curve_means_are_grid_search_means():
    X, y = _problem(3)
    alphas = [0.01, 1.0, 100.0]
    folds = cv.kfold(60, 5)
    train, test = cv.validation_curve(_ridge_fit, _neg_mse, X, y, folds, "alpha", alphas)
    search = cv.grid_search(_ridge_fit, _neg_mse, X, y, folds, {"alpha": alphas})
    np.testing.assert_array_equal(test.mean(axis=1), search.mean_test_scores)
    np.testing.assert_array_equal(train.mean(axis=1), search.mean_train_scores)


def test_group_split_part_sizes_follow_group_shuffle_split():
    # scikit-learn's GroupShuffleSplit also takes its fractions of the distinct groups (it
    # rounds the test count up, we round by largest remainder: 20 groups make both exact)
    groups = np.repeat(np.arange(20), np.arange(1, 21))
    theirs_train, theirs_test = next(GroupShuffleSplit(1, test_size=0.3, random_state=0)
                                     .split(np.zeros(len(groups)), groups=groups))
    train, test = cv.group_split(groups, (0.7, 0.3), rng=0)
    assert len(np.unique(groups[test])) == len(np.unique(groups[theirs_test])) == 6
    assert len(np.unique(groups[train])) == len(np.unique(groups[theirs_train])) == 14


def test_grid_search_over_two_parameters_tries_every_combination():
    fit = lambda X, y, a, b: np.array([a * 10.0 + b])  # noqa: E731
    score = lambda m, X, y: -abs(float(m[0]) - 21.0)  # noqa: E731
    r = cv.grid_search(fit, score, np.zeros((4, 1)), np.zeros(4), cv.kfold(4, 2),
                       {"a": [1, 2, 3], "b": [0, 1]})
    assert len(r.params) == 6 and r.best_params == {"a": 2, "b": 1} and r.best_score == 0.0


# ------------------------------------------------------------------ properties


def _is_partition(parts, n):
    joined = np.concatenate(parts)
    return sorted(joined.tolist()) == list(range(n))


@SETTINGS
@given(n=st.integers(2, 200), k=st.integers(2, 12), shuffle=st.booleans(), seed=st.integers(0, 99))
def test_kfold_test_folds_partition_the_data(n, k, shuffle, seed):
    k = min(k, n)
    folds = cv.kfold(n, k, shuffle=shuffle, rng=seed)
    assert _is_partition([te for _, te in folds], n)
    assert all(_is_partition([tr, te], n) for tr, te in folds)
    sizes = [len(te) for _, te in folds]
    assert max(sizes) - min(sizes) <= 1


@SETTINGS
@given(counts=st.lists(st.integers(5, 40), min_size=2, max_size=4), k=st.integers(2, 5),
       shuffle=st.booleans(), seed=st.integers(0, 99))
def test_stratified_folds_keep_each_class_within_one_sample_of_its_share(counts, k, shuffle, seed):
    y = np.random.default_rng(seed).permutation(np.repeat(np.arange(len(counts)), counts))
    folds = cv.stratified_kfold(y, k, shuffle=shuffle, rng=seed)
    assert _is_partition([te for _, te in folds], len(y))
    for _, te in folds:
        in_fold = np.bincount(y[te], minlength=len(counts))
        assert np.all(np.abs(in_fold - np.array(counts) / k) < 1)


@SETTINGS
@given(n=st.integers(10, 300), seed=st.integers(0, 99),
       fractions=st.sampled_from([(0.7, 0.3), (0.6, 0.2, 0.2), (0.5, 0.25, 0.25), (0.9, 0.1)]))
def test_split_is_a_partition_with_sizes_within_one_of_the_fractions(n, seed, fractions):
    parts = cv.split(n, fractions, rng=seed)
    assert _is_partition(parts, n)
    assert all(abs(len(p) - f * n) < 1 for p, f in zip(parts, fractions))


@SETTINGS
@given(counts=st.lists(st.integers(10, 60), min_size=2, max_size=4), seed=st.integers(0, 99))
def test_stratified_split_keeps_class_counts_within_one_sample(counts, seed):
    y = np.random.default_rng(seed).permutation(np.repeat(np.arange(len(counts)), counts))
    parts = cv.split(len(y), (0.6, 0.2, 0.2), rng=seed, stratify=y)
    assert _is_partition(parts, len(y))
    for p, f in zip(parts, (0.6, 0.2, 0.2)):
        assert np.all(np.abs(np.bincount(y[p], minlength=len(counts)) - f * np.array(counts)) < 1)


@SETTINGS
@given(sizes=st.lists(st.integers(1, 9), min_size=3, max_size=12), k=st.integers(2, 3))
def test_group_kfold_never_puts_a_group_on_both_sides(sizes, k):
    groups = np.repeat(np.arange(len(sizes)), sizes)
    folds = cv.group_kfold(groups, k)
    assert _is_partition([te for _, te in folds], len(groups))
    for tr, te in folds:
        assert not set(groups[tr]) & set(groups[te])


@SETTINGS
@given(sizes=st.lists(st.integers(1, 9), min_size=5, max_size=15), seed=st.integers(0, 99),
       fractions=st.sampled_from([(0.7, 0.3), (0.5, 0.5), (0.6, 0.2, 0.2)]))
def test_group_split_puts_each_group_whole_in_one_part(sizes, seed, fractions):
    ids = np.random.default_rng(seed).permutation(100)[: len(sizes)]    # arbitrary group ids
    groups = np.random.default_rng(seed).permutation(np.repeat(ids, sizes))
    parts = cv.group_split(groups, fractions, rng=seed)
    assert _is_partition(parts, len(groups))
    seen = [set(groups[p].tolist()) for p in parts]
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            assert not seen[i] & seen[j]
    for s_, f in zip(seen, fractions):                 # group counts within one of f * groups
        assert abs(len(s_) - f * len(sizes)) < 1


def test_time_split_and_time_series_folds_never_train_on_the_future():
    train, val, test = cv.time_split(50, (0.6, 0.2, 0.2))
    assert train.max() < val.min() and val.max() < test.min()
    assert all(tr.max() < te.min() for tr, te in cv.time_series_folds(50, 4))


def test_repeated_kfold_is_k_folds_per_repeat_and_the_repeats_differ():
    folds = cv.repeated_kfold(12, 3, n_repeats=4, rng=0)
    assert len(folds) == 12
    for r in range(4):
        assert _is_partition([te for _, te in folds[3 * r: 3 * r + 3]], 12)
    assert folds[0][1].tolist() != folds[3][1].tolist()


def test_split_70_30_of_ten_by_hand():
    train, test = cv.split(10, rng=3)
    assert (len(train), len(test)) == (7, 3)
    assert [len(p) for p in cv.split(10, (0.6, 0.2, 0.2))] == [6, 2, 2]


# ------------------------------------------------------------------ bad input


def test_more_folds_than_samples_is_refused():
    with pytest.raises(ValueError, match="n_splits"):
        cv.kfold(3, n_splits=4)


def test_a_class_too_small_for_the_folds_is_refused():
    with pytest.raises(ValueError, match="class 1 has 1"):
        cv.stratified_kfold([0, 0, 0, 1], n_splits=2)


def test_a_split_that_leaves_a_class_out_of_a_part_is_refused():
    with pytest.raises(ValueError, match="class 1"):
        cv.split(12, (0.7, 0.3), stratify=[0] * 11 + [1])


def test_too_few_groups_for_the_parts_is_refused():
    with pytest.raises(ValueError, match="groups has 2 distinct group"):
        cv.group_split([4, 4, 5, 5], (0.6, 0.2, 0.2))


def test_validation_curve_needs_a_list_of_values_and_a_name():
    args = (_ridge_fit, _neg_mse, np.zeros((4, 1)), np.zeros(4), cv.kfold(4, 2))
    with pytest.raises(TypeError, match="values"):
        cv.validation_curve(*args, "alpha", 1.0)
    with pytest.raises(TypeError, match="param_name"):
        cv.validation_curve(*args, 3, [1.0])


def test_fractions_must_sum_to_one():
    with pytest.raises(ValueError, match="fractions"):
        cv.split(10, (0.7, 0.2))


def test_folds_outside_the_data_are_refused():
    with pytest.raises(ValueError, match="folds"):
        cv.cross_validate(_ridge_fit, _neg_mse, np.zeros((4, 1)), np.zeros(4), cv.kfold(6, 2))


def test_fit_returning_nothing_numeric_names_fit():
    with pytest.raises(TypeError, match="fit"):
        cv.cross_validate(lambda X, y: "model", _neg_mse, np.zeros((4, 1)), np.zeros(4),
                          cv.kfold(4, 2))


def test_a_grid_that_is_not_a_dict_of_lists_is_refused():
    with pytest.raises(TypeError, match="grid"):
        cv.grid_search(_ridge_fit, _neg_mse, np.zeros((4, 1)), np.zeros(4), cv.kfold(4, 2),
                       {"alpha": 1.0})


def test_validation_curve_names_the_value_that_fit_refused():
    def fit(X, y, shrink):
        if not isinstance(shrink, float):
            raise TypeError(f"shrink must be a float, not {type(shrink).__name__}")
        return np.array([shrink, 0.0])          # intercept and one weight, for _neg_mse

    with pytest.raises(TypeError, match=r"values\[1\] \('1'\) was refused by fit as shrink"):
        cv.validation_curve(fit, _neg_mse, np.zeros((4, 1)), np.zeros(4), cv.kfold(4, 2),
                            "shrink", [0.5, "1"])
