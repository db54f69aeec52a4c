"""Tests of mlcheatsheet.model_selection.resampling: the bootstrap against scipy.stats.bootstrap
and its known standard error of the mean, the jackknife against s / sqrt(n) and by hand."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mlcheatsheet.model_selection import resampling as rs

SETTINGS = settings(max_examples=40, deadline=None, database=None)


def test_bootstrap_standard_error_of_the_mean_is_the_plug_in_formula():
    # the bootstrap SE of the mean is sqrt((n-1)/n) * s / sqrt(n) exactly in the limit
    data = np.random.default_rng(0).exponential(size=50)
    reps = rs.bootstrap(np.mean, data, n_resamples=20000, rng=1)
    theory = np.std(data) / np.sqrt(len(data))
    assert reps.std() == pytest.approx(theory, rel=0.02)      # SE of an SD from 20000 draws: ~0.5%


def test_bootstrap_interval_matches_scipy_percentile_interval():
    data = np.random.default_rng(2).normal(loc=3.0, size=40)
    ours = rs.bootstrap_interval(np.median, data, level=0.9, n_resamples=20000, rng=3)
    theirs = stats.bootstrap((data,), np.median, confidence_level=0.9, n_resamples=20000,
                             method="percentile", rng=np.random.default_rng(4)).confidence_interval
    spread = np.std(data) / np.sqrt(len(data))
    assert ours[0] == pytest.approx(theirs.low, abs=0.1 * spread)
    assert ours[1] == pytest.approx(theirs.high, abs=0.1 * spread)


def test_bootstrap_resamples_with_replacement_and_leaves_out_about_e_inverse():
    # 'sample' = the number of distinct originals in each resample
    n = 200
    reps = rs.bootstrap(lambda s: float(len(np.unique(s))), np.arange(n, dtype=float),
                        n_resamples=2000, rng=0)
    left_out = 1 - reps.mean() / n
    assert left_out == pytest.approx((1 - 1 / n) ** n, abs=0.003)
    assert reps.max() < n                                     # with replacement: duplicates


def test_the_bootstrap_is_random_and_the_jackknife_is_not():
    data = np.arange(10.0) ** 2
    assert not np.array_equal(rs.bootstrap(np.mean, data, rng=0), rs.bootstrap(np.mean, data, rng=1))
    np.testing.assert_array_equal(rs.jackknife(np.mean, data), rs.jackknife(np.mean, data[:]))


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 60))
def test_jackknife_standard_error_of_the_mean_is_s_over_sqrt_n(seed, n):
    data = np.random.default_rng(seed).normal(size=n)
    corrected, se = rs.jackknife_estimates(np.mean, data)
    assert corrected == pytest.approx(data.mean(), abs=1e-12)
    assert se == pytest.approx(np.std(data, ddof=1) / np.sqrt(n), rel=1e-10)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(3, 40))
def test_jackknife_corrects_the_plug_in_variance_to_the_unbiased_one(seed, n):
    data = np.random.default_rng(seed).normal(size=n)
    corrected, _ = rs.jackknife_estimates(np.var, data)
    assert corrected == pytest.approx(np.var(data, ddof=1), rel=1e-9)


def test_jackknife_replicates_by_hand():
    assert rs.jackknife(np.max, [3.0, 1.0, 2.0]).tolist() == [2.0, 3.0, 3.0]


def test_one_observation_is_refused():
    with pytest.raises(ValueError, match="data"):
        rs.jackknife(np.mean, [1.0])


def test_a_level_outside_zero_one_is_refused():
    with pytest.raises(ValueError, match="level"):
        rs.bootstrap_interval(np.mean, [1.0, 2.0], level=95)
