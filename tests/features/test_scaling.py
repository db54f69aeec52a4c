"""Scalers against scikit-learn's StandardScaler, MinMaxScaler and RobustScaler (to 1e-12), on
random and real data; hand-worked values; the train-only property; log1p and clipping."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_diabetes, load_wine
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.features import scaling as sc

SETTINGS = settings(max_examples=60, deadline=None, database=None)


def _datasets():
    rng = np.random.default_rng(3)
    skewed = rng.lognormal(2.0, 1.5, size=(40, 3))
    with_constant = np.column_stack([rng.normal(size=30), np.full(30, 7.5)])
    return {"advertising": load_advertising().data, "wine": load_wine().data,
            "diabetes": load_diabetes().data, "lognormal": skewed, "constant column": with_constant}


DATASETS = _datasets()
SKLEARN = {
    "standard": (dict(), StandardScaler()),
    "minmax": (dict(), MinMaxScaler()),
    "minmax (-1, 1)": (dict(feature_range=(-1.0, 1.0)), MinMaxScaler(feature_range=(-1, 1))),
    "robust": (dict(), RobustScaler()),
    "robust (10, 90)": (dict(quantile_range=(10.0, 90.0)), RobustScaler(quantile_range=(10, 90))),
}


@pytest.mark.parametrize("data", sorted(DATASETS))
@pytest.mark.parametrize("case", sorted(SKLEARN))
def test_matches_sklearn_on_train_and_on_unseen_rows(case, data):
    X = DATASETS[data]
    train, test = X[: len(X) * 2 // 3], X[len(X) * 2 // 3:]
    kwargs, theirs = SKLEARN[case]
    ours = sc.Scaler(case.split()[0], **kwargs).fit(train)
    theirs.fit(train)
    np.testing.assert_allclose(ours.transform(train), theirs.transform(train), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.transform(test), theirs.transform(test), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.inverse_transform(ours.transform(test)), test, rtol=1e-12)


def test_standard_params_are_sklearns_mean_and_scale():
    X = load_wine().data
    center, scale = sc.standard_params(X)
    sk = StandardScaler().fit(X)
    np.testing.assert_allclose(center, sk.mean_, rtol=1e-14)
    np.testing.assert_allclose(scale, sk.scale_, rtol=1e-13)


def test_robust_params_are_sklearns_center_and_scale():
    X = load_diabetes().data
    center, scale = sc.robust_params(X)
    sk = RobustScaler().fit(X)
    np.testing.assert_array_equal(center, sk.center_)
    np.testing.assert_allclose(scale, sk.scale_, rtol=1e-14)


def test_mlcc_z_score_example():
    # The MLCC notes: mean 100, standard deviation 20, value 130 -> 1.5. The column 80, 120
    # has mean 100 and population standard deviation 20 (deviations -20 and +20).
    scaler = sc.Scaler().fit([[80.0], [120.0]])
    assert scaler.transform([[130.0]]).item() == 1.5


def test_golden_values_by_hand():
    # 1, 2, 3, 4, 1000: median 3; quartiles (linear interpolation) 2 and 4 -> IQR 2
    assert sc.Scaler("robust").fit_transform([[1.0], [2.0], [3.0], [4.0], [1000.0]]).ravel().tolist() \
        == [-1.0, -0.5, 0.0, 0.5, 498.5]
    # min 2, max 10 onto [0, 1]: (x - 2) / 8
    assert sc.Scaler("minmax").fit_transform([[2.0], [4.0], [10.0]]).ravel().tolist() \
        == [0.0, 0.25, 1.0]
    # one outlier drags the mean and std (mean 202, std about 399) but not the median and IQR
    center, scale = sc.standard_params([[1.0], [2.0], [3.0], [4.0], [1000.0]])
    assert center.item() == 202.0
    assert scale.item() == pytest.approx(np.sqrt((201**2 + 200**2 + 199**2 + 198**2 + 798**2) / 5))


def test_constant_column_maps_to_zero_not_nan():
    X = np.array([[5.0, 1.0], [5.0, 2.0], [5.0, 3.0]])
    for method in ("standard", "robust"):
        assert sc.Scaler(method).fit_transform(X)[:, 0].tolist() == [0.0, 0.0, 0.0]
    assert sc.Scaler("minmax", feature_range=(-1, 1)).fit_transform(X)[:, 0].tolist() == [-1.0] * 3


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), method=st.sampled_from(["standard", "minmax", "robust"]))
def test_a_scaler_fitted_on_train_never_sees_test(seed, method):
    # Changing the test rows (even wildly) changes nothing the scaler learned, and every row is
    # transformed on its own: the transform of the training rows is the same as before.
    rng = np.random.default_rng(seed)
    train, test = rng.normal(size=(12, 3)), rng.normal(size=(5, 3))
    scaler = sc.Scaler(method).fit(train)
    before = scaler.transform(train)
    other = sc.Scaler(method).fit(train)
    other.transform(test * 1e6 + 3.0)
    np.testing.assert_array_equal(other.center_, scaler.center_)
    np.testing.assert_array_equal(other.transform(train), before)
    np.testing.assert_array_equal(scaler.transform(test)[2], scaler.transform(test[2:3])[0])


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), shift=st.floats(-1e3, 1e3),
       factor=st.floats(1e-2, 1e2), method=st.sampled_from(["standard", "minmax", "robust"]))
def test_scaled_columns_ignore_the_units(seed, shift, factor, method):
    # a positive change of units (x -> factor x + shift) leaves every scaled value unchanged
    X = np.random.default_rng(seed).normal(size=(15, 2))
    np.testing.assert_allclose(sc.Scaler(method).fit_transform(factor * X + shift),
                               sc.Scaler(method).fit_transform(X), atol=1e-9)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_training_columns_get_the_promised_statistics(seed):
    X = np.random.default_rng(seed).lognormal(size=(20, 3))
    Z = sc.Scaler().fit_transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)
    M = sc.Scaler("minmax", feature_range=(-2.0, 3.0)).fit_transform(X)
    np.testing.assert_allclose(M.min(axis=0), -2.0, atol=1e-12)
    np.testing.assert_allclose(M.max(axis=0), 3.0, atol=1e-12)
    R = sc.Scaler("robust").fit_transform(X)
    np.testing.assert_allclose(np.median(R, axis=0), 0.0, atol=1e-12)
    q1, q3 = np.percentile(R, [25, 75], axis=0)
    np.testing.assert_allclose(q3 - q1, 1.0, rtol=1e-12)


def test_log1p_is_numpys_and_exact_for_tiny_values():
    x = np.array([0.0, 1e-20, 0.5, 9.0, 1e6])
    np.testing.assert_array_equal(sc.log1p_transform(x), np.log1p(x))
    assert sc.log1p_transform([1e-20]).item() == 1e-20          # log(1 + 1e-20) would round to 0
    assert np.log(1 + 1e-20) == 0.0


def test_log1p_compresses_a_long_tail():
    # Advertising's Newspaper budget is right-skewed; log1p makes it left-skewed, far less skewed
    def skew(v):
        return float(np.mean(((v - v.mean()) / v.std()) ** 3))

    news = load_advertising().column("Newspaper")
    assert skew(news) > 0.8 and abs(skew(sc.log1p_transform(news))) < skew(news)


def test_clip_bounds_are_numpy_quantiles_and_clip_is_numpy_clip():
    X = load_diabetes().data
    low, high = sc.clip_bounds(X, quantiles=(0.05, 0.95))
    np.testing.assert_array_equal(low, np.quantile(X, 0.05, axis=0))
    np.testing.assert_array_equal(high, np.quantile(X, 0.95, axis=0))
    clipped = sc.clip(X, low, high)
    np.testing.assert_array_equal(clipped, np.clip(X, low, high))
    assert np.all(clipped >= low) and np.all(clipped <= high)
    # one number for every column is allowed
    assert sc.clip([[5.0, -5.0]], low=-1.0, high=1.0).tolist() == [[1.0, -1.0]]


@pytest.mark.parametrize("call, message", [
    (lambda: sc.Scaler("zscore"), "method must be one of"),
    (lambda: sc.Scaler("minmax", feature_range=(1.0, 1.0)), "feature_range must be a pair"),
    (lambda: sc.Scaler("robust", quantile_range=(25.0, 120.0)), "quantile_range must be a pair"),
    (lambda: sc.Scaler().transform([[1.0]]), "call fit"),
    (lambda: sc.Scaler().fit([[1.0, 2.0]]).transform([[1.0]]), "X must have 2 columns"),
    (lambda: sc.log1p_transform([0.0, -1.0]), "greater than -1"),
    (lambda: sc.clip_bounds([[1.0]], quantiles=(0.9, 0.1)), "quantiles must be a pair"),
    (lambda: sc.clip([[1.0, 2.0]], low=[0.0, 0.0, 0.0], high=1.0), "low must be one number"),
    (lambda: sc.clip([[1.0]], low=2.0, high=1.0), "low must not exceed high"),
    (lambda: sc.standard_params([[1.0, np.nan]]), "X must contain only finite numbers"),
])
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("method", ["standard", "minmax", "robust"])
def test_least_squares_predictions_do_not_depend_on_the_scaling(method):
    # the page's claim: with an intercept, OLS on scaled features is the same model reparametrized
    from mlcheatsheet.basics import linear_regression as lr

    ads = load_advertising()
    raw = lr.add_bias_column(ads.data)
    scaled = lr.add_bias_column(sc.Scaler(method).fit_transform(ads.data))
    np.testing.assert_allclose(scaled @ lr.normal_equation(scaled, ads.target),
                               raw @ lr.normal_equation(raw, ads.target), rtol=1e-10)
