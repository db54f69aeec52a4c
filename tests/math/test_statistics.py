"""Statistics against scipy.stats: distributions, intervals, tests, correlation; ACF/PACF against
their direct definitions; power and false-positive rates by Monte Carlo."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_
from scipy import stats

from mlcheatsheet.math import statistics as st
from mlcheatsheet.model_selection import resampling

ALTERNATIVES = ["two-sided", "greater", "less"]


def test_describe_and_standard_error_against_numpy_and_scipy():
    x = np.random.default_rng(0).exponential(2.0, size=101)
    d = st.describe(x)
    ref = stats.describe(x)
    assert d["n"] == ref.nobs and d["mean"] == pytest.approx(ref.mean, rel=1e-14)
    assert d["var"] == pytest.approx(ref.variance, rel=1e-12)
    assert (d["min"], d["max"]) == ref.minmax
    assert d["median"] == np.median(x)
    assert d["iqr"] == pytest.approx(stats.iqr(x), rel=1e-14)
    assert st.standard_error(x) == pytest.approx(stats.sem(x), rel=1e-12)


def test_normal_distribution_against_scipy():
    for z in (-37.0, -5.0, -1.96, -0.3, 0.0, 0.7, 1.645, 8.0):
        assert st.normal_cdf(z) == pytest.approx(stats.norm.cdf(z), rel=1e-13, abs=1e-300)
    for q in (1e-12, 0.001, 0.05, 0.3, 0.5, 0.8, 0.975, 0.995, 1 - 1e-10):
        assert st.normal_ppf(q) == pytest.approx(stats.norm.ppf(q), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("df", [1, 2.5, 5, 30, 1000])
def test_t_distribution_against_scipy(df):
    for t in (-40.0, -3.0, -0.5, 0.0, 0.25, 1.0, 2.2, 12.0):
        assert st.t_cdf(t, df) == pytest.approx(stats.t.cdf(t, df), rel=1e-10, abs=1e-14)
    for q in (0.0005, 0.025, 0.3, 0.5, 0.9, 0.975, 0.9995):
        assert st.t_ppf(q, df) == pytest.approx(stats.t.ppf(q, df), rel=1e-8, abs=1e-12)


def test_the_z_table_of_the_ml_mathematics_page():
    # 90 / 95 / 99 % confidence -> 1.645 / 1.960 / 2.576
    assert [round(st.normal_ppf((1 + c) / 2), 3) for c in (0.90, 0.95, 0.99)] == [1.645, 1.96, 2.576]


def test_mean_interval_against_scipy_and_the_bootstrap():
    x = np.random.default_rng(1).normal(10.0, 3.0, size=40)
    for level in (0.9, 0.95, 0.99):
        want = stats.t.interval(level, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
        assert st.mean_interval(x, level) == pytest.approx(want, rel=1e-10)
    # the percentile bootstrap of model_selection.resampling agrees with scipy's and roughly with t
    low, high = resampling.bootstrap_interval(np.mean, x, 0.95, n_resamples=4000, rng=0)
    ref = stats.bootstrap((x,), np.mean, method="percentile", n_resamples=4000,
                          random_state=np.random.default_rng(0)).confidence_interval
    assert (low, high) == pytest.approx((ref.low, ref.high), abs=0.15)
    t_low, t_high = st.mean_interval(x)
    assert (low, high) == pytest.approx((t_low, t_high), abs=0.3)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_t_tests_against_scipy(alternative):
    rng = np.random.default_rng(2)
    x, y = rng.normal(0.3, 1.0, 25), rng.normal(0.0, 2.0, 31)
    assert st.t_test_1samp(x, 0.1, alternative) == pytest.approx(
        tuple(stats.ttest_1samp(x, 0.1, alternative=alternative)), rel=1e-9)
    for equal_var in (True, False):
        assert st.t_test_ind(x, y, equal_var, alternative) == pytest.approx(
            tuple(stats.ttest_ind(x, y, equal_var=equal_var, alternative=alternative)), rel=1e-9)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_z_test_against_the_normal_distribution(alternative):
    x = np.random.default_rng(3).normal(5.3, 2.0, 50)
    z, p = st.z_test(x, 5.0, 2.0, alternative)
    assert z == pytest.approx((x.mean() - 5.0) / (2.0 / np.sqrt(50)), rel=1e-12)
    want = {"two-sided": 2 * stats.norm.sf(abs(z)), "greater": stats.norm.sf(z),
            "less": stats.norm.cdf(z)}[alternative]
    assert p == pytest.approx(want, rel=1e-10)


def test_two_proportion_test_is_the_chi_square_test_of_the_2x2_table():
    for sa, na, sb, nb in [(200, 2000, 250, 2000), (31, 120, 12, 95), (5, 1000, 9, 800)]:
        z, p = st.two_proportion_test(sa, na, sb, nb)
        chi2, p_chi2, _, _ = stats.chi2_contingency([[sa, na - sa], [sb, nb - sb]], correction=False)
        assert z**2 == pytest.approx(chi2, rel=1e-10)
        assert p == pytest.approx(p_chi2, rel=1e-9)
        assert np.sign(z) == np.sign(sb / nb - sa / na)
    _, p_two_sided = st.two_proportion_test(200, 2000, 250, 2000)
    _, p_greater = st.two_proportion_test(200, 2000, 250, 2000, "greater")
    assert p_greater == pytest.approx(p_two_sided / 2, rel=1e-12)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_permutation_test_against_scipy(alternative):
    rng = np.random.default_rng(4)
    x, y = rng.normal(0.5, 1.0, 15), rng.normal(0.0, 1.0, 18)
    diff, p = st.permutation_test(x, y, n_resamples=20_000, rng=0, alternative=alternative)
    ref = stats.permutation_test((x, y), lambda a, b: np.mean(a) - np.mean(b),
                                 n_resamples=20_000, alternative=alternative,
                                 random_state=np.random.default_rng(1))
    assert diff == pytest.approx(ref.statistic, rel=1e-12)
    assert p == pytest.approx(ref.pvalue, abs=4 * math.sqrt(ref.pvalue * (1 - ref.pvalue) / 20_000) + 1e-4)
    # and it agrees with the t-test roughly on normal data
    assert p == pytest.approx(st.t_test_ind(x, y, True, alternative)[1], abs=0.02)


def test_false_positive_rate_is_alpha():
    """Under the null hypothesis a test at level alpha rejects a fraction alpha of the time."""
    rng = np.random.default_rng(5)
    reps, alpha = 4000, 0.05
    tol = 4 * math.sqrt(alpha * (1 - alpha) / reps)
    samples = rng.exponential(1.0, size=(reps, 30)) + rng.normal(size=(reps, 30))  # mean 1
    rejects_t = np.mean([st.t_test_1samp(s, 1.0)[1] < alpha for s in samples])
    assert rejects_t == pytest.approx(alpha, abs=tol)
    a, b = rng.binomial(2000, 0.1, reps), rng.binomial(2000, 0.1, reps)
    rejects_ab = np.mean([st.two_proportion_test(int(i), 2000, int(j), 2000)[1] < alpha
                          for i, j in zip(a, b)])
    assert rejects_ab == pytest.approx(alpha, abs=tol)


def test_power_matches_a_simulated_ab_test_and_sample_size_reaches_it():
    rng = np.random.default_rng(6)
    n, reps = 3000, 3000
    power = st.power_two_proportions(0.10, 0.12, n)
    a, b = rng.binomial(n, 0.10, reps), rng.binomial(n, 0.12, reps)
    simulated = np.mean([st.two_proportion_test(int(i), n, int(j), n)[1] < 0.05
                         for i, j in zip(a, b)])
    assert simulated == pytest.approx(power, abs=4 * math.sqrt(power * (1 - power) / reps) + 0.01)
    needed = st.sample_size_two_proportions(0.10, 0.12, power=0.8)
    assert st.power_two_proportions(0.10, 0.12, needed) >= 0.8
    assert st.power_two_proportions(0.10, 0.12, needed - 1) < 0.8 + 1e-4


def test_sample_size_of_the_ml_mathematics_page():
    # z = 1.96, p ("d") = 0.5, m = 0.05: n = 1.96^2 * 0.25 / 0.0025 = 384.16, rounded up
    assert math.ceil(1.96**2 * 0.5 * 0.5 / 0.05**2) == 385
    assert st.sample_size_proportion(0.05, 0.5, 0.95) == 385
    assert st.sample_size_proportion(0.05, 0.5, 0.99) == math.ceil(
        stats.norm.ppf(0.995) ** 2 * 0.25 / 0.0025)
    # p = 0.5 is the largest: any other expected proportion needs fewer
    assert all(st.sample_size_proportion(0.05, p) < 385 for p in (0.1, 0.3, 0.7))


def test_correlations_against_scipy():
    rng = np.random.default_rng(7)
    x = rng.normal(size=60)
    y = x**3 + rng.normal(scale=0.5, size=60)
    assert st.pearson(x, y) == pytest.approx(stats.pearsonr(x, y).statistic, rel=1e-12)
    assert st.spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, rel=1e-12)
    ties = np.round(x), np.round(y)
    assert st.spearman(*ties) == pytest.approx(stats.spearmanr(*ties).statistic, rel=1e-12)
    big = x * 1e300, y * 1e300                 # no overflow in the sums
    assert st.pearson(*big) == pytest.approx(stats.pearsonr(x, y).statistic, rel=1e-12)


def _acf_direct(x, k):
    n, m = len(x), sum(x) / len(x)
    return (sum((x[t] - m) * (x[t + k] - m) for t in range(n - k))
            / sum((x[t] - m) ** 2 for t in range(n)))


def test_acf_against_the_direct_formula_and_pacf_against_yule_walker():
    rng = np.random.default_rng(8)
    e = rng.normal(size=400)
    x = np.zeros(400)
    for t in range(2, 400):  # AR(2)
        x[t] = 0.6 * x[t - 1] - 0.3 * x[t - 2] + e[t]
    rho = st.acf(x, 6)
    np.testing.assert_allclose(rho, [_acf_direct(x.tolist(), k) for k in range(7)], rtol=1e-10)
    partial = st.pacf(x, 6)
    for k in range(1, 7):  # the last coefficient of the Yule-Walker AR(k) fit
        R = np.array([[rho[abs(i - j)] for j in range(k)] for i in range(k)])
        assert partial[k] == pytest.approx(np.linalg.solve(R, rho[1:k + 1])[-1], abs=1e-10)
    # an AR(2): partial autocorrelation near -0.3 at lag 2 and near 0 beyond
    assert partial[2] == pytest.approx(-0.3, abs=0.1)
    assert np.all(np.abs(partial[3:]) < 3 / np.sqrt(400))


# --- sampling a finite population -----------------------------------------------------------


def test_simple_and_systematic_samples_have_exact_size_and_inclusion_probability_n_over_N():
    N, n, reps = 23, 5, 6000
    rng = np.random.default_rng(0)
    for sampler in (st.simple_random_sample, st.systematic_sample):
        counts = np.zeros(N)
        for _ in range(reps):
            idx = sampler(N, n, rng)
            assert len(idx) == n and len(np.unique(idx)) == n   # exactly n distinct units
            assert idx.min() >= 0 and idx.max() < N
            counts[idx] += 1
        # every unit is included with probability n / N: binomial counts within 5 sd
        sd = np.sqrt(reps * (n / N) * (1 - n / N))
        assert np.all(np.abs(counts - reps * n / N) < 5 * sd)


def test_systematic_sample_is_every_kth_unit():
    idx = st.systematic_sample(100, 10, rng=3)
    np.testing.assert_array_equal(np.diff(idx), 10)        # k = 100 / 10, a whole number
    assert 0 <= idx[0] < 10
    gaps = np.diff(st.systematic_sample(10, 4, rng=1))      # k = 2.5: steps of 2 and 3
    assert set(gaps.tolist()) <= {2, 3} and gaps.sum() in (7, 8)


def test_stratified_sample_takes_the_exact_proportional_counts():
    strata = np.repeat([0, 1, 2], [50, 30, 20])
    idx = st.stratified_sample(strata, 10, rng=0)
    assert np.bincount(strata[idx]).tolist() == [5, 3, 2]  # 10 * 50/100, 10 * 30/100, ...
    # quotas 3.4, 3.3, 3.3: floors 3, 3, 3, and the one left over to the largest remainder
    strata = np.repeat([7, 8, 9], [34, 33, 33])
    assert np.bincount(strata[st.stratified_sample(strata, 10, rng=1)] - 7).tolist() == [4, 3, 3]
    assert len(np.unique(idx)) == 10


@settings(max_examples=50, deadline=None)
@given(sizes=st_.lists(st_.integers(1, 40), min_size=1, max_size=6), data=st_.data())
def test_stratified_allocation_adds_up_and_stays_within_each_stratum(sizes, data):
    strata = np.repeat(np.arange(len(sizes)), sizes)
    n = data.draw(st_.integers(1, len(strata)))
    quota = n * np.array(sizes) / len(strata)
    try:
        idx = st.stratified_sample(strata, n, rng=0)
    except ValueError as error:            # only when some stratum's share rounds to nothing
        assert "at least one unit" in str(error)
        return
    n_h = np.bincount(strata[idx], minlength=len(sizes))
    assert n_h.sum() == n and len(np.unique(idx)) == n
    assert np.all(n_h <= sizes) and np.all(np.abs(n_h - quota) < 1)


def test_stratified_mean_is_unbiased_and_its_variance_is_cochrans_formula():
    rng = np.random.default_rng(1)
    strata = np.repeat([0, 1, 2], [60, 25, 15])
    y = np.concatenate([rng.normal(0, 1, 60), rng.normal(5, 2, 25), rng.exponential(8, 15)])
    n, reps = 20, 6000
    est = np.empty(reps)
    for r in range(reps):
        idx = st.stratified_sample(strata, n, rng)
        est[r] = st.stratified_mean(y[idx], strata[idx], strata)
    # Cochran (1977), ch. 5: V = sum W_h^2 (1 - n_h/N_h) S_h^2 / n_h, here n_h = 12, 5, 3
    W, n_h, N_h = np.array([0.6, 0.25, 0.15]), np.array([12, 5, 3]), np.array([60, 25, 15])
    S2 = np.array([y[strata == h].var(ddof=1) for h in range(3)])
    var = np.sum(W**2 * (1 - n_h / N_h) * S2 / n_h)
    assert abs(est.mean() - y.mean()) < 4 * np.sqrt(var / reps)     # unbiased
    assert est.var() == pytest.approx(var, rel=0.08)
    # against the simple random sample's (1 - n/N) S^2 / n, stratifying here helps a lot
    assert var < 0.5 * (1 - n / 100) * y.var(ddof=1) / n


def test_stratified_mean_golden_and_reweights_an_unbalanced_sample():
    assert st.stratified_mean([1.0, 3.0, 10.0], [0, 0, 1], [0, 0, 0, 1]) == 4.0
    # the plain mean of this sample is 14/3; the population shares 3/4 and 1/4 give 4.0
    assert np.mean([1.0, 3.0, 10.0]) == pytest.approx(14 / 3)


def test_cluster_sample_takes_whole_clusters():
    clusters = np.repeat([3, 1, 4, 5, 9], [2, 3, 1, 4, 2])
    rng = np.random.default_rng(0)
    seen = set()
    for _ in range(200):
        idx = st.cluster_sample(clusters, 2, rng)
        chosen = np.unique(clusters[idx])
        assert len(chosen) == 2
        np.testing.assert_array_equal(idx, np.flatnonzero(np.isin(clusters, chosen)))
        seen.add(tuple(chosen.tolist()))
    assert len(seen) == 10                                   # all C(5, 2) pairs occur


def test_sampling_with_the_same_seed_repeats():
    strata = np.repeat([0, 1], [30, 20])
    for call in (lambda r: st.simple_random_sample(50, 7, r),
                 lambda r: st.systematic_sample(50, 7, r),
                 lambda r: st.stratified_sample(strata, 7, r),
                 lambda r: st.cluster_sample(np.arange(50) // 5, 3, r)):
        np.testing.assert_array_equal(call(5), call(np.random.default_rng(5)))


@pytest.mark.parametrize("call, message", [
    (lambda: st.describe([3.0]), "at least 2 observations to estimate a variance"),
    (lambda: st.standard_error([3.0]), "at least 2 observations"),
    (lambda: st.mean_interval([1.0]), "at least 2 observations"),
    (lambda: st.t_test_1samp([2.0, 2.0, 2.0]), "must not be constant"),
    (lambda: st.t_test_ind([1.0, 1.0], [2.0, 2.0]), "must not both be constant"),
    (lambda: st.t_test_ind([1.0, 2.0], [2.0]), "y must have at least 2"),
    (lambda: st.z_test([1.0, 2.0], 0.0, -1.0), "sigma must be a finite number > 0"),
    (lambda: st.two_proportion_test(30, 20, 5, 20), "successes_a must be <= n_a"),
    (lambda: st.two_proportion_test(0, 20, 0, 20), "strictly between 0"),
    (lambda: st.power_two_proportions(0.1, 0.1, 100), "must differ"),
    (lambda: st.sample_size_proportion(0.0), r"margin must be a number in \(0, 1\)"),
    (lambda: st.pearson([1.0, 2.0], [1.0, 2.0, 3.0]), "same length"),
    (lambda: st.spearman([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]), "x must not be constant"),
    (lambda: st.acf([1.0, 2.0, 3.0], 3), "n_lags must be < len"),
    (lambda: st.t_ppf(1.0, 3), r"q must be a number in \(0, 1\)"),
    (lambda: st.t_cdf(0.0, 0), "df must be a finite number > 0"),
    (lambda: st.simple_random_sample(5, 6), "n must be <= n_population = 5"),
    (lambda: st.systematic_sample(5, 0), "n must be >= 1"),
    (lambda: st.simple_random_sample(5, 2, rng=None), "rng must be a numpy Generator"),
    (lambda: st.stratified_sample([0, 0, 0, 1], 5), "n must be <= len"),
    (lambda: st.stratified_sample([0] * 9 + [1], 2), "stratum 1 .1 of 10 units. gets none"),
    (lambda: st.stratified_mean([1.0, 2.0], [0, 0], [0, 0, 1]), "stratum 1 has no sampled"),
    (lambda: st.stratified_mean([1.0, 2.0, 3.0], [0, 1, 2], [0, 0, 1]), "only contain strata"),
    (lambda: st.stratified_mean([1.0], [0, 0], [0, 0, 1]), "same length"),
    (lambda: st.cluster_sample([0, 0, 1], 3), "n_clusters must be <= the number of distinct"),
])
def test_bad_input(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
