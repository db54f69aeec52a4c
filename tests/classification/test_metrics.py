"""Tests of mlcheatsheet.classification.metrics: registry, scikit-learn oracles, ties, edge cases, worked examples.

Every scalar metric in ``METRICS`` needs an oracle and a kind (which inputs it
takes), every curve in ``CURVES`` an oracle; the first test makes sure a new metric
cannot skip them. The oracle tests run on random inputs drawn by hypothesis, with
many tied scores on purpose.
"""

import inspect
import math
import re
import warnings

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.calibration import calibration_curve as sk_calibration_curve
from sklearn.dummy import DummyClassifier

from mlcheatsheet.classification import metrics as M
from mlcheatsheet.classification.metrics import CURVES, METRICS

SETTINGS = settings(max_examples=150, deadline=None, database=None)
ZERO_DIVISION = [0.0, 1.0, np.nan]
# Float sums of the same terms in a different order (our curve points against
# scikit-learn's) differ in the last bits; areas are sums of at most ~80 terms in [0, 1].
AREA_TOL = 1e-12


# ------------------------------------------------------------------ registry


def _sk_null_accuracy(y_true):
    dummy = DummyClassifier(strategy="most_frequent").fit(np.zeros((len(y_true), 1)), y_true)
    return skm.accuracy_score(y_true, dummy.predict(np.zeros((len(y_true), 1))))


KIND = {  # which inputs each metric takes
    "accuracy": "labels", "precision": "labels", "recall": "labels", "specificity": "labels",
    "fbeta": "labels", "f1": "labels", "null_accuracy": "truth",
    "log_loss": "probabilities", "prediction_bias": "probabilities",
    "roc_auc": "scores", "average_precision": "scores",
}
ORACLES = {  # (y_true, second argument, zero_division) -> value
    "accuracy": lambda t, p, z: skm.accuracy_score(t, p),
    "precision": lambda t, p, z: skm.precision_score(t, p, zero_division=z),
    "recall": lambda t, p, z: skm.recall_score(t, p, zero_division=z),
    "specificity": lambda t, p, z: skm.recall_score(t, p, pos_label=0, zero_division=z),
    "fbeta": lambda t, p, z: skm.fbeta_score(t, p, beta=2.0, zero_division=z),
    "f1": lambda t, p, z: skm.f1_score(t, p, zero_division=z),
    "null_accuracy": lambda t, p, z: _sk_null_accuracy(t),
    "log_loss": lambda t, p, z: skm.log_loss(t, p, labels=[0, 1]),
    # no scikit-learn counterpart: the definition, summed exactly with math.fsum
    "prediction_bias": lambda t, p, z: (math.fsum(p) - math.fsum(t)) / len(t),
    "roc_auc": lambda t, s, z: skm.roc_auc_score(t, s),
    "average_precision": lambda t, s, z: skm.average_precision_score(t, s),
}
CURVE_ORACLES = {
    "confusion_matrix": skm.confusion_matrix,
    "roc_curve": lambda t, s: skm.roc_curve(t, s, drop_intermediate=False),
    "precision_recall_curve": skm.precision_recall_curve,
    "calibration_curve": sk_calibration_curve,
}


def call(name, y_true, other, zero_division=0.0):
    f = METRICS[name]
    if KIND[name] == "truth":
        return f(y_true)
    if name == "fbeta":
        return f(y_true, other, beta=2.0, zero_division=zero_division)
    if KIND[name] == "labels" and name != "accuracy":
        return f(y_true, other, zero_division=zero_division)
    return f(y_true, other)


def test_every_metric_is_registered_and_covered():
    public = {n for n in M.__all__ if callable(getattr(M, n))}
    assert public == set(METRICS) | set(CURVES) | {"labels_from_counts"}
    assert not set(METRICS) & set(CURVES)
    for name, f in {**METRICS, **CURVES}.items():
        assert f is getattr(M, name)
    assert set(ORACLES) == set(KIND) == set(METRICS)
    assert set(CURVE_ORACLES) == set(CURVES)


# ------------------------------------------------------------------ input strategies

SCORE_GRID = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]  # few values: many ties


@st.composite
def label_pairs(draw):
    n = draw(st.integers(1, 40))
    labels = arrays(np.int64, n, elements=st.integers(0, 1))
    return draw(labels), draw(labels)


@st.composite
def scored(draw, need_negative=True):
    """Labels with at least one positive (and one negative), and scores with ties."""
    n = draw(st.integers(2, 40))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    y[0] = 1
    if need_negative:
        y[1] = 0
    y = np.array(draw(st.permutations(y.tolist())))
    scores = draw(st.one_of(
        arrays(np.float64, n, elements=st.sampled_from(SCORE_GRID)),
        arrays(np.float64, n, elements=st.floats(-1e6, 1e6, allow_subnormal=False)),
    ))
    return y, scores


@st.composite
def probabilities(draw):
    n = draw(st.integers(1, 40))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    # away from 0 and 1: scikit-learn clips at float64 eps, we at 1e-15
    p = draw(arrays(np.float64, n, elements=st.floats(0.001, 0.999)))
    return y, p


STRATEGY = {"labels": label_pairs(), "truth": label_pairs(), "probabilities": probabilities(),
            "scores": scored()}


def same(a, b):
    return (np.isnan(a) and np.isnan(b)) or a == pytest.approx(b, rel=AREA_TOL, abs=AREA_TOL)


# ------------------------------------------------------------------ oracles


@pytest.mark.parametrize("name", sorted(METRICS))
def test_metric_matches_scikit_learn(name):
    @SETTINGS
    @given(STRATEGY[KIND[name]], st.sampled_from(ZERO_DIVISION))
    def check(pair, zero_division):
        y_true, other = pair
        ours = call(name, y_true, other, zero_division)
        assert type(ours) is float
        assert same(ours, ORACLES[name](y_true, other, zero_division))

    check()


@SETTINGS
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(
    arrays(np.int64, n, elements=st.integers(0, 3)),
    arrays(np.int64, n, elements=st.integers(0, 3)))))
def test_confusion_matrix_matches_scikit_learn(pair):
    y_true, y_pred = pair
    ours = M.confusion_matrix(y_true, y_pred)  # default labels: the sorted union
    union = np.unique(np.r_[y_true, y_pred])
    with warnings.catch_warnings():  # scikit-learn warns about a 1 x 1 matrix
        warnings.simplefilter("ignore", UserWarning)
        expected = CURVE_ORACLES["confusion_matrix"](y_true, y_pred, labels=union)
    np.testing.assert_array_equal(ours, expected)
    np.testing.assert_array_equal(M.confusion_matrix(y_true, y_pred, labels=[3, 2, 1, 0]),
                                  skm.confusion_matrix(y_true, y_pred, labels=[3, 2, 1, 0]))
    assert ours.sum() == len(y_true) and np.trace(ours) / len(y_true) == M.accuracy(y_true, y_pred)


@SETTINGS
@given(scored())
def test_roc_curve_matches_scikit_learn(pair):
    y_true, y_score = pair
    theirs = CURVE_ORACLES["roc_curve"](y_true, y_score)
    for ours, expected in zip(M.roc_curve(y_true, y_score), theirs):
        np.testing.assert_array_equal(ours, expected)


@SETTINGS
@given(scored(need_negative=False))
def test_precision_recall_curve_matches_scikit_learn(pair):
    # scikit-learn lists the same points from the lowest threshold up, with the
    # (precision 1, recall 0) point last and no threshold for it.
    y_true, y_score = pair
    precision, recall, thresholds = M.precision_recall_curve(y_true, y_score)
    sk_precision, sk_recall, sk_thresholds = skm.precision_recall_curve(y_true, y_score)
    np.testing.assert_allclose(precision[::-1], sk_precision, rtol=1e-15)
    np.testing.assert_array_equal(recall[::-1], sk_recall)
    np.testing.assert_array_equal(thresholds[:0:-1], sk_thresholds)
    assert thresholds[0] == np.inf


@SETTINGS
@given(probabilities(), st.integers(1, 12), st.sampled_from(["uniform", "quantile"]))
def test_calibration_curve_matches_scikit_learn(pair, n_bins, strategy):
    y_true, y_prob = pair
    y_prob[: len(y_prob) // 3] = np.round(y_prob[: len(y_prob) // 3], 1)  # values on bin edges
    frac, mean, counts = M.calibration_curve(y_true, y_prob, n_bins=n_bins, strategy=strategy)
    sk_frac, sk_mean = CURVE_ORACLES["calibration_curve"](y_true, y_prob, n_bins=n_bins,
                                                          strategy=strategy)
    np.testing.assert_allclose(frac, sk_frac, rtol=1e-12)
    np.testing.assert_allclose(mean, sk_mean, rtol=1e-12)
    assert counts.sum() == len(y_true) and np.all(counts > 0)


@SETTINGS
@given(scored())
def test_roc_auc_is_the_probability_of_a_correct_pair(pair):
    # Mann-Whitney: compare every (positive, negative) pair, ties count 1/2.
    y_true, y_score = pair
    pos, neg = y_score[y_true == 1], y_score[y_true == 0]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    assert M.roc_auc(y_true, y_score) == pytest.approx(wins / (len(pos) * len(neg)), abs=AREA_TOL)


# ------------------------------------------------------------------ properties


@SETTINGS
@given(label_pairs())
def test_label_metric_identities(pair):
    y_true, y_pred = pair
    for name in ("accuracy", "precision", "recall", "specificity", "f1", "fbeta"):
        assert 0.0 <= call(name, y_true, y_pred) <= 1.0
    # precision and recall swap roles when truth and prediction swap
    assert M.precision(y_true, y_pred) == M.recall(y_pred, y_true)
    # specificity is the recall of the negative class
    assert M.specificity(y_true, y_pred) == M.recall(1 - y_true, 1 - y_pred)
    p, r = M.precision(y_true, y_pred), M.recall(y_true, y_pred)
    if p + r > 0:  # F1 is the harmonic mean
        assert M.f1(y_true, y_pred) == pytest.approx(2 * p * r / (p + r), rel=1e-12)
    assert M.null_accuracy(y_true) >= 0.5


@SETTINGS
@given(scored(), st.floats(0.01, 100.0), st.floats(-50.0, 50.0))
def test_auc_ignores_the_scale_of_the_scores(pair, scale, shift):
    # MLCC: "you can double the values of all the predictions and it won't impact
    # the AUC". Any increasing transformation keeps the order, so nothing changes;
    # reversing the order gives 1 - AUC. The scores are replaced by their ranks
    # 0, 1, 2, ... so that no transformation below can merge two of them by rounding.
    y_true, y_score = pair
    rank = np.unique(y_score, return_inverse=True)[1].astype(float)
    auc = M.roc_auc(y_true, rank)
    assert M.roc_auc(y_true, scale * rank + shift) == auc
    assert M.roc_auc(y_true, np.exp(rank / rank.max() if rank.max() else rank)) == auc
    assert M.roc_auc(y_true, -rank) == pytest.approx(1 - auc, abs=AREA_TOL)
    assert M.average_precision(y_true, 2 * rank) == M.average_precision(y_true, rank)


@SETTINGS
@given(scored())
def test_curves_are_monotone_and_end_where_they_should(pair):
    y_true, y_score = pair
    fpr, tpr, thresholds = M.roc_curve(y_true, y_score)
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0.0, 0.0, 1.0, 1.0)
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)
    assert np.all(np.diff(thresholds) < 0)
    assert len(thresholds) == len(np.unique(y_score)) + 1  # one point per distinct score
    precision, recall, _ = M.precision_recall_curve(y_true, y_score)
    assert recall[-1] == 1.0 and precision[-1] == pytest.approx(y_true.mean())
    assert 0.0 <= M.average_precision(y_true, y_score) <= 1.0


def test_curve_points_are_the_label_metrics_at_each_threshold(rng):
    y_true = rng.integers(0, 2, size=30)
    y_true[:2] = [0, 1]
    y_score = rng.choice([0.2, 0.4, 0.6, 0.8], size=30)
    fpr, tpr, thresholds = M.roc_curve(y_true, y_score)
    precision, recall, _ = M.precision_recall_curve(y_true, y_score)
    for k, t in enumerate(thresholds[1:], start=1):
        y_pred = (y_score >= t).astype(int)
        assert tpr[k] == M.recall(y_true, y_pred) == recall[k]
        assert fpr[k] == pytest.approx(1 - M.specificity(y_true, y_pred), abs=1e-15)
        assert precision[k] == M.precision(y_true, y_pred)


# ------------------------------------------------------------------ hand-worked values


def test_roc_and_average_precision_by_hand():
    # scores 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.1 (neg):
    # thresholds inf, .9, .8, .7, .1 give (FPR, TPR) (0,0) (0,.5) (.5,.5) (.5,1) (1,1);
    # area = .5 * .5 + .5 * 1 = .75. Precision at the two positives: 1/1 and 2/3,
    # each adding recall 1/2: AP = (1 + 2/3) / 2 = 5/6.
    y, s = [1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]
    fpr, tpr, thr = M.roc_curve(y, s)
    assert fpr.tolist() == [0, 0, 0.5, 0.5, 1] and tpr.tolist() == [0, 0.5, 0.5, 1, 1]
    assert thr.tolist() == [np.inf, 0.9, 0.8, 0.7, 0.1]
    assert M.roc_auc(y, s) == 0.75
    assert M.average_precision(y, s) == pytest.approx(5 / 6, rel=1e-15)


def test_a_tie_between_classes_is_a_diagonal_step():
    # one positive and one negative tied at 0.5, one positive above: the curve
    # goes (0,0) -> (0, 1/2) -> (1, 1), area 1/2 + 1/2 * 1/2 * ... = 0.75
    y, s = [1, 1, 0], [0.9, 0.5, 0.5]
    fpr, tpr, _ = M.roc_curve(y, s)
    assert fpr.tolist() == [0, 0, 1] and tpr.tolist() == [0, 0.5, 1]
    assert M.roc_auc(y, s) == 0.75  # pairs: (0.9 > 0.5) = 1, (0.5 = 0.5) = 1/2


def test_tumour_example_from_the_crash_course():
    # MLCC: 100 tumours, 91 % accuracy, 1 of 9 malignant tumours found, precision 1/2.
    y_true, y_pred = M.labels_from_counts(tp=1, fp=1, fn=8, tn=90)
    assert M.confusion_matrix(y_true, y_pred).tolist() == [[90, 1], [8, 1]]
    assert M.accuracy(y_true, y_pred) == 0.91
    assert M.precision(y_true, y_pred) == 0.5
    assert M.recall(y_true, y_pred) == pytest.approx(1 / 9)
    benign_only = np.zeros_like(y_pred)
    assert M.accuracy(y_true, benign_only) == 0.91 == M.null_accuracy(y_true)
    assert M.recall(y_true, benign_only) == 0.0


def test_brain_scan_example_misses_nine_tumours_not_ten():
    # Glossary: 100 scans, 10 tumours, 1 scan flagged and it is a tumour.
    y_true, y_pred = M.labels_from_counts(tp=1, fp=0, fn=9, tn=90)
    assert M.precision(y_true, y_pred) == 1.0 and M.recall(y_true, y_pred) == 0.1
    tn, fp, fn, tp = M.confusion_matrix(y_true, y_pred).ravel()
    assert fn == 9 and tp + fn == 10  # the seed said "we missed 10 brain tumors"


def test_fbeta_weights_recall_beta_times_as_much(rng):
    y_true = rng.integers(0, 2, size=50)
    y_pred = rng.integers(0, 2, size=50)
    p, r = M.precision(y_true, y_pred), M.recall(y_true, y_pred)
    for beta in (0.5, 1.0, 2.0):
        expected = (1 + beta**2) * p * r / (beta**2 * p + r)
        assert M.fbeta(y_true, y_pred, beta) == pytest.approx(expected, rel=1e-12)
    assert M.f1(y_true, y_pred) == M.fbeta(y_true, y_pred, 1.0)


def test_fbeta_at_the_ends_of_beta(rng):
    # scikit-learn's fbeta_score is the oracle: beta = 0 is the precision, beta = inf the
    # recall. A huge finite beta used to give nan (beta**2 overflowed: inf / inf); it now
    # gives the limit. (scikit-learn itself raises OverflowError for beta = 1e200.)
    for _ in range(20):
        y_true, y_pred = rng.integers(0, 2, size=30), rng.integers(0, 2, size=30)
        for z in ZERO_DIVISION:
            assert same(M.fbeta(y_true, y_pred, 0.0, z),
                        skm.fbeta_score(y_true, y_pred, beta=0.0, zero_division=z))
            sk_recall = skm.fbeta_score(y_true, y_pred, beta=np.inf, zero_division=z)
            for beta in (1e8, 1e155, 1e200, 1e300, np.finfo(float).max):
                assert same(M.fbeta(y_true, y_pred, beta, z), sk_recall)
            for beta in (1e-8, 1e-200, 5e-324):
                assert same(M.fbeta(y_true, y_pred, beta, z), M.precision(y_true, y_pred, z))
            for beta in (0.3, 1.0, 1.5, 3.0):  # both sides of the switch at beta = 1
                assert same(M.fbeta(y_true, y_pred, beta, z),
                            skm.fbeta_score(y_true, y_pred, beta=beta, zero_division=z))
    assert M.fbeta([0, 0], [0, 1], 1e300) == 0.0  # recall undefined: zero_division
    assert M.fbeta([1, 0], [0, 0], 0.0, zero_division=1.0) == 1.0  # precision undefined


def test_log_loss_is_the_logistic_regression_cost():
    # the seed's example, -ln 0.012 for a positive, and a 3-class row
    assert M.log_loss([1], [0.012]) == pytest.approx(4.422848629194137)
    assert M.log_loss([0, 2], [[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]) == pytest.approx(
        -(np.log(0.5) + np.log(0.8)) / 2)


def test_calibration_and_bias_of_a_calibrated_model(rng):
    # labels drawn with exactly the predicted probabilities: the bias is small and
    # every bin's frequency is near its mean prediction (tolerance: 5 binomial sd
    # of a 10-bin curve on 200 000 samples, about 0.01; a fixed seed anyway)
    p = rng.uniform(size=200_000)
    y = (rng.uniform(size=p.size) < p).astype(int)
    assert abs(M.prediction_bias(y, p)) < 0.01
    frac, mean, counts = M.calibration_curve(y, p, n_bins=10)
    assert np.all(np.abs(frac - mean) < 0.02) and counts.sum() == p.size
    assert M.prediction_bias(y, np.clip(p + 0.1, 0, 1)) > 0.05  # predicting too high


# ------------------------------------------------------------------ edge cases and errors


def test_undefined_ratios_return_zero_division():
    nothing_predicted = ([1, 0], [0, 0])
    no_positives = ([0, 0], [1, 0])
    for z in (0.0, 1.0):
        assert M.precision(*nothing_predicted, zero_division=z) == z
        assert M.recall(*no_positives, zero_division=z) == z
        assert M.specificity([1, 1], [1, 0], zero_division=z) == z
        assert M.f1([0, 0], [0, 0], zero_division=z) == z
    assert np.isnan(M.precision(*nothing_predicted, zero_division=np.nan))
    assert M.f1(*no_positives) == 0.0  # TP = 0 with a false positive: defined, 0
    with pytest.raises(ValueError, match=r"zero_division must be a number in \[0, 1\] or nan"):
        M.precision([1], [1], zero_division="warn")


@pytest.mark.parametrize("name", ["roc_auc", "roc_curve"])
def test_roc_needs_both_classes(name):
    f = getattr(M, name)
    with pytest.raises(ValueError, match=r"no positive \(1\) samples; a ROC curve needs both"):
        f([0, 0, 0], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"no negative \(0\) samples"):
        f([1, 1], [0.1, 0.2])


@pytest.mark.parametrize("name", ["average_precision", "precision_recall_curve"])
def test_precision_recall_needs_a_positive(name):
    f = getattr(M, name)
    with pytest.raises(ValueError, match=r"no positive \(1\) samples; recall is undefined"):
        f([0, 0], [0.1, 0.2])


def test_positives_only_have_precision_one():
    assert M.average_precision([1, 1], [0.1, 0.2]) == 1.0
    assert M.precision_recall_curve([1, 1], [0.1, 0.2])[0].tolist() == [1.0, 1.0, 1.0]


def test_single_class_label_metrics_are_defined():
    assert M.accuracy([1, 1], [1, 1]) == 1.0 and M.null_accuracy([1, 1]) == 1.0
    assert M.confusion_matrix([1, 1], [1, 1]).tolist() == [[2]]
    assert M.confusion_matrix([1, 1], [1, 1], labels=[0, 1]).tolist() == [[0, 0], [0, 2]]


@pytest.mark.parametrize("name", sorted(METRICS))
def test_empty_and_nan_input_raise(name):
    y, other = {"labels": ([1, 0], [1, 1]), "truth": ([1, 0], None),
                "probabilities": ([1, 0], [0.7, 0.2]), "scores": ([1, 0], [0.7, 0.2])}[KIND[name]]
    call(name, y, other)  # valid
    with pytest.raises(ValueError, match="y_true must not be empty"):
        call(name, [], [] if other is not None else None)
    with pytest.raises(ValueError, match="y_true must contain only finite numbers"):
        call(name, [np.nan, 0], other)
    if other is not None:
        with pytest.raises(ValueError, match="must contain only finite numbers"):
            call(name, y, [np.nan, 0.5])
        with pytest.raises(ValueError, match=r"same (shape|number of samples)"):
            call(name, y, other[:1])


@pytest.mark.parametrize("name", sorted(n for n in METRICS if KIND[n] != "truth"))
def test_column_vectors_are_not_broadcast(name):
    # the (N,) against (N, 1) trap: 2-D input is refused, not broadcast to (N, N)
    with pytest.raises(ValueError, match=r"must be 1-dimensional; got 2|shape \(n_samples, 1\) "
                                         r"is ambiguous"):
        call(name, [1, 0, 1], [[1.0], [0.0], [1.0]])


@pytest.mark.parametrize("name, args, match", [
    # binary metrics take any two classes now; pos_label (default 1) must be one of them
    ("precision", ([0, 2], [0, 2]), r"pos_label=1.0 is not among the labels \[0.0, 2.0\]"),
    ("recall", ([1, 0], [0.5, 1]), r"average='binary' \(the default\) needs at most two classes"),
    ("roc_auc", ([1, -1, 2], [0.5, 0.1, 0.2]), r"y_score of shape \(n_samples,\) scores one "
                                               r"class, but y_true holds 3 classes"),
    ("prediction_bias", ([1, 0], [1.5, 0.1]), r"y_prob must contain probabilities in \[0, 1\]"),
    ("calibration_curve", ([1, 0], [-0.1, 0.1]), r"y_prob must contain probabilities"),
    ("log_loss", ([1, 0], [0.5, 0.1, 0.2]), r"same number of samples; got 2 and 3"),
    ("confusion_matrix", ([1, 0], "10"), r"y_pred must be an array of numbers"),
])
def test_bad_values_are_named(name, args, match):
    f = getattr(M, name)
    with pytest.raises((ValueError, TypeError), match=match):
        f(*args)


def test_option_errors():
    # beta = 0 is the precision (test_fbeta_at_the_ends_of_beta); below 0 it is an error
    with pytest.raises(ValueError, match="beta must be a finite number >= 0; got -1"):
        M.fbeta([1], [1], beta=-1)
    with pytest.raises(ValueError, match="strategy must be one of 'uniform', 'quantile'; "
                                         "got str 'equal'"):
        M.calibration_curve([1], [0.5], strategy="equal")
    with pytest.raises(ValueError, match="n_bins must be >= 1"):
        M.calibration_curve([1], [0.5], n_bins=0)
    with pytest.raises(ValueError, match=r"y_true contains the label 2.0, which is not in labels"):
        M.confusion_matrix([2, 0], [0, 0], labels=[0, 1])
    with pytest.raises(ValueError, match="labels must not repeat a class"):
        M.confusion_matrix([0], [0], labels=[0, 0])
    with pytest.raises(ValueError, match="tp \\+ fp \\+ fn \\+ tn must be at least 1"):
        M.labels_from_counts(tp=0, fp=0, fn=0, tn=0)
    with pytest.raises(TypeError, match="fn must be an integer"):
        M.labels_from_counts(tp=1, fp=0, fn=1.5, tn=0)


@pytest.mark.parametrize("args, match", [
    (([1, 0], [0.5, 1.5]), r"^y_prob must contain probabilities in \[0, 1\]; got 1.5$"),
    (([1, 2], [0.5, 0.5]), r"^y_true must contain only the labels 0 and 1 .*; got 2.0$"),
    (([0, 1], [[0.5, 0.6], [0.1, 0.9]]), r"^y_prob must have rows that sum to 1 .*; got a row "
                                         r"summing to 1.1"),
    (([0, 2], [[0.5, 0.5], [0.1, 0.9]]), r"^y_true must hold integer class labels in 0..1 "
                                         r"\(one per column of y_prob\); got 2.0$"),
    (([0.5], [[0.5, 0.5]]), r"^y_true must hold integer class labels"),
    (([1], [[[0.5]]]), r"^y_prob must be 1 or 2-dimensional"),
    (([1], [True]), r"^y_prob must be an array of numbers, not booleans"),
])
def test_log_loss_errors_name_its_own_arguments(args, match):
    # log_loss used to pass its input to the losses module, whose messages spoke of
    # y_pred: an argument log_loss does not have
    with pytest.raises((ValueError, TypeError), match=match) as info:
        M.log_loss(*args)
    assert "y_pred" not in str(info.value)


def test_sizes_that_cannot_be_allocated_are_refused_before_allocating():
    with pytest.raises(ValueError, match=r"^n_bins must be <= 1073741824; got int 4611686018"):
        M.calibration_curve([0, 1], [0.2, 0.8], n_bins=2**62)
    with pytest.raises(ValueError, match=r"^tp must be <= 1073741824"):
        M.labels_from_counts(tp=2**62, fp=0, fn=0, tn=0)
    with pytest.raises(ValueError, match=r"^tp \+ fp \+ fn \+ tn must be at least 1 and at "
                                         r"most 1073741824; got 2147483648, more than"):
        M.labels_from_counts(tp=2**30, fp=2**30, fn=0, tn=0)
    many = np.arange(40_000.0)  # 40 000 classes: a 1.6e9-entry matrix
    with pytest.raises(ValueError, match=r"^y_true and y_pred hold 40000 distinct labels: a "
                                         r"40000 x 40000 confusion matrix"):
        M.confusion_matrix(many, many)
    with pytest.raises(ValueError, match=r"^labels holds 40000 classes"):
        M.confusion_matrix([0.0], [0.0], labels=many)


def test_integer_labels_beyond_2_to_the_53_are_refused():
    # 2**63 - 1 and 2**63 - 2 are the same float64: they would have been one class
    big = np.array([2**63 - 1, 2**63 - 2], dtype=np.int64)
    assert float(big[0]) == float(big[1])
    for call in (lambda: M.confusion_matrix(big, big), lambda: M.accuracy(big, big[::-1]),
                 lambda: M.null_accuracy(big), lambda: M.confusion_matrix([0], [0], labels=big)):
        with pytest.raises(ValueError, match=r"holds the integer label 922337203685477580\d, "
                                             r"beyond 2\*\*53"):
            call()
    with pytest.raises(ValueError, match=r"y_true holds the integer label 10{20}"):
        M.accuracy([10**20, 1], [1, 1])  # a Python int beyond int64: an object array
    # float labels are what they are, however large; integers up to 2**53 are exact
    assert M.accuracy([1e300, 2.0**60], [1e300, 2.0**60]) == 1.0
    assert M.confusion_matrix([2**53, 2**53 - 1], [2**53, 2**53]).tolist() == [[0, 1], [0, 1]]


@pytest.mark.parametrize("value", [1 + 5j, np.array([1 + 5j, 2.0]), "1", np.array(["1", "2"]),
                                   np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"),
                                   np.array([object(), object()], dtype=object), 10**400])
@pytest.mark.parametrize("name", ["accuracy", "roc_auc", "log_loss", "fbeta"])
def test_non_numbers_are_refused_naming_the_argument(name, value):
    args = {"accuracy": ([0, 1], [0, 1]), "roc_auc": ([0, 1], [0.2, 0.8]),
            "log_loss": ([0, 1], [0.2, 0.8]), "fbeta": ([0, 1], [0, 1], 2.0)}[name]
    arg_names = list(inspect.signature(METRICS[name]).parameters)
    for i in range(len(args)):
        bad = list(args)
        bad[i] = value
        with pytest.raises((TypeError, ValueError), match=arg_names[i]):
            METRICS[name](*bad)


def test_scores_and_probabilities_are_numbers_not_booleans():
    with pytest.raises(TypeError, match="y_score must be an array of numbers, not booleans"):
        M.roc_auc([0, 1], [False, True])
    with pytest.raises(TypeError, match="y_prob must be an array of numbers, not booleans"):
        M.prediction_bias([0, 1], [False, True])
    assert M.roc_auc([False, True], [0.2, 0.8]) == 1.0  # labels may be booleans


def test_booleans_are_labels_and_inputs_are_not_modified():
    y_true, y_pred = np.array([True, False, True]), np.array([True, True, False])
    before = y_true.copy(), y_pred.copy()
    assert M.precision(y_true, y_pred) == M.precision([1, 0, 1], [1, 1, 0]) == 0.5
    np.testing.assert_array_equal(y_true, before[0])
    np.testing.assert_array_equal(y_pred, before[1])


def test_average_precision_counts_a_tie_as_one_threshold():
    # Two positives and a negative tied at the top: one threshold takes all three,
    # precision 2/3 for the whole recall 1. (Averaging over the three orders of the
    # tie would give (1 + 5/6 + 7/12) / 3 = 29/36 instead; scikit-learn, like us,
    # does not.)
    y, s = [1, 1, 0, 0], [0.9, 0.9, 0.9, 0.1]
    assert M.average_precision(y, s) == pytest.approx(2 / 3, rel=1e-15)
    assert skm.average_precision_score(y, s) == pytest.approx(2 / 3, rel=1e-15)


# ------------------------------------------------------------------ the built pages


@pytest.mark.site
def test_pages_show_the_worked_examples(site):
    from test_site import text_of

    text = text_of(site / "classification" / "metrics.html")
    y_true, y_pred = M.labels_from_counts(tp=1, fp=0, fn=9, tn=90)
    missed = M.confusion_matrix(y_true, y_pred)[1, 0]
    assert f"It misses {missed} tumours" in text and "we missed 10 brain tumors" in text
    assert "An accuracy of 91% sounds good" in text
    thresholds = text_of(site / "classification" / "thresholds.html")
    # "the weak model's AUC is exactly the fraction of pairs in order": the table agrees
    area = re.search(r"area under the ROC curve (0\.\d{6}) ", thresholds)
    pairs = re.search(r"benign\) pairs in order (0\.\d{6}) ", thresholds)
    assert area and pairs and area.group(1) == pairs.group(1)


# --- formulas stated on the thresholds and class-imbalance pages --------------------------


@pytest.mark.parametrize("c_fp, c_fn", [(1.0, 10.0), (5.0, 1.0), (1.0, 1.0)])
def test_the_cost_optimal_threshold_is_c_fp_over_c_fp_plus_c_fn(c_fp, c_fn):
    """Calibrated p: predicting positive costs c_FP (1 - p), negative c_FN p; they cross at t*."""
    import sympy as sp

    p, a, b = sp.symbols("p c_FP c_FN", positive=True)
    assert sp.solve(sp.Eq(a * (1 - p), b * p), p) == [a / (a + b)]
    rng = np.random.default_rng(0)
    prob = rng.uniform(size=400_000)
    y = (rng.uniform(size=prob.size) < prob).astype(int)         # calibrated by construction
    grid = np.linspace(0.01, 0.99, 99)
    cost = [np.mean(c_fp * ((prob >= t) & (y == 0)) + c_fn * ((prob < t) & (y == 1))) for t in grid]
    assert grid[int(np.argmin(cost))] == pytest.approx(c_fp / (c_fp + c_fn), abs=0.03)


def test_the_best_auc_of_two_unit_gaussians_is_phi_of_the_distance_over_root_two():
    """Class-imbalance page: AUC of the optimal score x.mu is Phi(|mu| / sqrt 2), any prevalence."""
    from scipy.stats import norm

    mu = np.array([1.5, 1.0])
    rng = np.random.default_rng(1)
    for n_pos, n_neg in [(20_000, 20_000), (2_000, 38_000)]:
        X = np.vstack([rng.standard_normal((n_neg, 2)), rng.standard_normal((n_pos, 2)) + mu])
        y = np.r_[np.zeros(n_neg, int), np.ones(n_pos, int)]
        auc = M.roc_auc(y, X @ mu)
        assert auc == pytest.approx(norm.cdf(np.linalg.norm(mu) / np.sqrt(2)), abs=0.006)


# ------------------------------------------------------------------ more than two classes

AVERAGES = [None, "micro", "macro", "weighted"]
NAMES = ["ant", "bee", "cat", "dog"]  # text labels, sorted as np.unique sorts them


@st.composite
def multiclass(draw, text=None, weights=None):
    """Labels of up to 4 classes (numbers or names), with or without sample weights."""
    n = draw(st.integers(1, 30))
    text = draw(st.booleans()) if text is None else text
    codes = st.integers(0, 3)
    y_true, y_pred = (np.array(draw(st.lists(codes, min_size=n, max_size=n))) for _ in range(2))
    if text:
        y_true, y_pred = np.array(NAMES)[y_true], np.array(NAMES)[y_pred]
    w = None
    if weights if weights is not None else draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), min_size=n,
                                   max_size=n)))
        w[draw(st.integers(0, n - 1))] = 1.0  # not all zero
    return y_true, y_pred, w


def _sk_labels(y_true, y_pred, draw_labels):
    present = np.unique(np.r_[y_true, y_pred])
    universe = np.array(NAMES) if present.dtype.kind == "U" else np.arange(4)
    return {"all present": None, "a subset": present[:max(1, len(present) - 1)],
            "every class, reversed": universe[::-1]}[draw_labels]


def same_scores(ours, theirs):
    ours, theirs = np.atleast_1d(ours), np.atleast_1d(theirs)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-14, equal_nan=True)


@SETTINGS
@given(multiclass(), st.sampled_from(AVERAGES), st.sampled_from(ZERO_DIVISION),
       st.sampled_from(["all present", "a subset", "every class, reversed"]))
def test_averaged_precision_recall_f_match_scikit_learn(problem, average, zero_division, which):
    y_true, y_pred, w = problem
    labels = _sk_labels(y_true, y_pred, which)
    kw = dict(average=average, labels=labels, sample_weight=w, zero_division=zero_division)
    for beta in (0.5, 1.0, 2.0):
        p, r, f, _ = skm.precision_recall_fscore_support(y_true, y_pred, beta=beta, **kw)
        same_scores(M.precision(y_true, y_pred, **kw), p)
        same_scores(M.recall(y_true, y_pred, **kw), r)
        same_scores(M.fbeta(y_true, y_pred, beta=beta, **kw), f)
        if beta == 1.0:
            same_scores(M.f1(y_true, y_pred, **kw), f)
            assert M.f1(y_true, y_pred, **kw) == pytest.approx(
                skm.f1_score(y_true, y_pred, **kw), nan_ok=True, rel=1e-12)


def _sk_specificity(y_true, y_pred, labels, average, w, zero_division):
    """TN / (TN + FP) from scikit-learn's one-vs-rest confusion matrices, averaged by hand."""
    present = np.unique(np.r_[y_true, y_pred])
    labels = present if labels is None else labels
    mcm = skm.multilabel_confusion_matrix(y_true, y_pred, labels=labels, sample_weight=w)
    tn, fp, fn, tp = (mcm.reshape(-1, 4).astype(float)).T
    if average == "micro":
        tn, fp = np.array([tn.sum()]), np.array([fp.sum()])
    spec = np.array([t / (t + f) if t + f else zero_division for t, f in zip(tn, fp)])
    if average is None:
        return spec
    keep = ~np.isnan(spec)
    if not keep.any():
        return np.nan
    support = (tp + fn)[keep] if average == "weighted" else np.ones(keep.sum())
    support = support if support.sum() > 0 else np.ones(keep.sum())
    return float(np.sum(spec[keep] * support) / support.sum())


@SETTINGS
@given(multiclass(), st.sampled_from(AVERAGES), st.sampled_from(ZERO_DIVISION),
       st.sampled_from(["all present", "a subset", "every class, reversed"]))
def test_averaged_specificity_matches_scikit_learns_one_vs_rest_matrices(problem, average,
                                                                        zero_division, which):
    y_true, y_pred, w = problem
    labels = _sk_labels(y_true, y_pred, which)
    ours = M.specificity(y_true, y_pred, zero_division, average=average, labels=labels,
                         sample_weight=w)
    same_scores(ours, _sk_specificity(y_true, y_pred, labels, average, w, zero_division))


@SETTINGS
@given(multiclass(), st.sampled_from(ZERO_DIVISION))
def test_binary_pos_label_for_names_and_minus_one_one(problem, zero_division):
    y_true, y_pred, w = problem
    for a, b in (("neg", "pos"), (-1, 1)):
        t, p = np.where(np.isin(y_true, [0, "ant", "bee", 1]), a, b), \
            np.where(np.isin(y_pred, [0, "ant", "bee", 1]), a, b)
        for pos in (a, b):
            kw = dict(pos_label=pos, sample_weight=w, zero_division=zero_division)
            if len(np.unique(np.r_[t, p])) == 1 and pos not in t:
                continue  # scikit-learn tolerates a pos_label absent from one-class data
            for ours, theirs in ((M.precision, skm.precision_score), (M.recall, skm.recall_score),
                                 (M.f1, skm.f1_score)):
                same_scores(ours(t, p, **kw), theirs(t, p, **kw))


@SETTINGS
@given(multiclass())
def test_confusion_matrix_and_accuracy_of_names_and_weights_match_scikit_learn(problem):
    y_true, y_pred, w = problem
    with warnings.catch_warnings():  # scikit-learn warns about a 1 x 1 matrix
        warnings.simplefilter("ignore", UserWarning)
        expected = skm.confusion_matrix(y_true, y_pred, sample_weight=w)
    np.testing.assert_allclose(M.confusion_matrix(y_true, y_pred, sample_weight=w), expected,
                               rtol=1e-12)
    assert M.accuracy(y_true, y_pred, sample_weight=w) == pytest.approx(
        skm.accuracy_score(y_true, y_pred, sample_weight=w), rel=1e-12)
    assert M.null_accuracy(y_true) == pytest.approx(_sk_null_accuracy(y_true))


@SETTINGS
@given(multiclass(weights=False))
def test_micro_f1_is_the_accuracy_of_a_single_label_problem(problem):
    # every wrong prediction is one FP (for the class predicted) and one FN (for the
    # true class), so summed FP = summed FN and micro P = micro R = micro F1 = accuracy
    y_true, y_pred, _ = problem
    acc = M.accuracy(y_true, y_pred)
    for f in (M.precision, M.recall, M.f1):
        assert f(y_true, y_pred, average="micro") == pytest.approx(acc, rel=1e-12)
    # and weighted recall too: each class's recall weighted by its support is its TP
    assert M.recall(y_true, y_pred, average="weighted") == pytest.approx(acc, rel=1e-12)


def test_a_three_class_confusion_matrix_by_hand():
    from fractions import Fraction as F

    C = [[4, 1, 1],   # true cat: 6
         [1, 2, 0],   # true dog: 3
         [0, 1, 9]]   # true fox: 10
    names = ["cat", "dog", "fox"]
    y_true = [names[i] for i in range(3) for j in range(3) for _ in range(C[i][j])]
    y_pred = [names[j] for i in range(3) for j in range(3) for _ in range(C[i][j])]
    assert M.confusion_matrix(y_true, y_pred).tolist() == C
    # per class: TP 4, 2, 9; predicted 5, 4, 10; true 6, 3, 10; N = 19
    precision = [F(4, 5), F(2, 4), F(9, 10)]
    recall = [F(4, 6), F(2, 3), F(9, 10)]
    f1 = [F(8, 11), F(4, 7), F(18, 20)]           # 2TP / (2TP + FP + FN)
    specificity = [F(12, 13), F(14, 16), F(8, 9)]  # TN / (TN + FP)
    support = [6, 3, 10]
    by_hand = {"precision": precision, "recall": recall, "f1": f1, "specificity": specificity}
    for name, per_class in by_hand.items():
        f = getattr(M, name)
        np.testing.assert_allclose(f(y_true, y_pred, average=None), [float(v) for v in per_class])
        assert f(y_true, y_pred, average="macro") == pytest.approx(float(sum(per_class) / 3))
        assert f(y_true, y_pred, average="weighted") == pytest.approx(
            float(sum(s * v for s, v in zip(support, per_class)) / 19))
    assert M.precision(y_true, y_pred, average="macro") == pytest.approx(float(F(11, 15)))
    assert M.recall(y_true, y_pred, average="macro") == pytest.approx(float(F(67, 90)))
    for name in ("precision", "recall", "f1"):  # micro: 15 correct of 19
        assert getattr(M, name)(y_true, y_pred, average="micro") == pytest.approx(15 / 19)
    assert M.specificity(y_true, y_pred, average="micro") == pytest.approx(34 / 38)
    # leaving the big class out of the average: only cat and dog count
    assert M.recall(y_true, y_pred, average="micro", labels=["cat", "dog"]) == pytest.approx(6 / 9)
    # a weight of 2 on every fox is the same as counting each fox twice
    w = [2.0 if t == "fox" else 1.0 for t in y_true]
    twice = [(t, p) for t, p, wi in zip(y_true, y_pred, w) for _ in range(int(wi))]
    t2, p2 = zip(*twice)
    assert M.f1(y_true, y_pred, average="weighted", sample_weight=w) == pytest.approx(
        M.f1(list(t2), list(p2), average="weighted"))


@st.composite
def multiclass_scores(draw):
    """Labels with every class present, and rows of probabilities with ties."""
    k = draw(st.integers(3, 4))
    n = draw(st.integers(k, 30))
    y = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    y[:k] = np.arange(k)
    counts = np.array(draw(st.lists(st.lists(st.integers(0, 4), min_size=k, max_size=k),
                                    min_size=n, max_size=n)), dtype=float) + 0.5
    text = draw(st.booleans())
    w = None
    if draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.5, 1.0, 2.0]), min_size=n, max_size=n)))
    return (np.array(NAMES)[y] if text else y), counts / counts.sum(axis=1, keepdims=True), w


@SETTINGS
@given(multiclass_scores(), st.sampled_from([("ovr", "macro"), ("ovr", "weighted"),
                                              ("ovr", "micro"), ("ovr", None),
                                              ("ovo", "macro"), ("ovo", "weighted")]))
def test_multiclass_roc_auc_matches_scikit_learn(problem, setting):
    y_true, y_score, w = problem
    multi_class, average = setting
    if multi_class == "ovo":
        w = None  # neither library weights one-vs-one
    if average == "micro" or average is None:  # scikit-learn: the binarized labels
        onehot = (y_true[:, None] == np.unique(y_true)).astype(int)
        expected = skm.roc_auc_score(onehot, y_score, average=average, sample_weight=w)
    else:
        expected = skm.roc_auc_score(y_true, y_score, multi_class=multi_class, average=average,
                                     sample_weight=w)
    ours = M.roc_auc(y_true, y_score, multi_class=multi_class, average=average, sample_weight=w)
    same_scores(ours, expected)


def test_hand_and_till_is_the_mean_of_the_pairwise_aucs():
    # three classes, two samples each; by hand, pair (a, b): A(a|b) ranks a's samples
    # above b's by column a, A(b|a) by column b
    y = ["a", "a", "b", "b", "c", "c"]
    p = np.array([[0.6, 0.3, 0.1], [0.3, 0.3, 0.4], [0.2, 0.7, 0.1],
                  [0.4, 0.4, 0.2], [0.1, 0.2, 0.7], [0.5, 0.1, 0.4]])
    # (a, b): col a: a {0.6, 0.3} vs b {0.2, 0.4} -> 3/4; col b: b {0.7, 0.4} vs a {0.3, 0.3} -> 1
    # (a, c): col a: a {0.6, 0.3} vs c {0.1, 0.5} -> 3/4; col c: c {0.7, 0.4} vs a {0.1, 0.4}
    #         -> (1 + 1 + 1 + 0.5) / 4 = 7/8
    # (b, c): col b: b {0.7, 0.4} vs c {0.2, 0.1} -> 1; col c: c {0.7, 0.4} vs b {0.1, 0.2} -> 1
    pairs = [(3 / 4 + 1) / 2, (3 / 4 + 7 / 8) / 2, 1.0]
    assert M.roc_auc(y, p, multi_class="ovo") == pytest.approx(np.mean(pairs))
    assert M.roc_auc(y, p, multi_class="ovo") == pytest.approx(
        skm.roc_auc_score(y, p, multi_class="ovo"))


@SETTINGS
@given(scored(), st.booleans())
def test_weighted_binary_roc_and_log_loss_match_scikit_learn(pair, text):
    y, s = pair
    w = np.resize([0.5, 1.0, 2.0, 0.0], len(y))
    w[np.argmax(y == 1)] = w[np.argmax(y == 0)] = 1.0  # both classes keep some weight
    labels = np.array(["neg", "pos"])[y] if text else y
    fpr, tpr, thr = M.roc_curve(labels, s, pos_label="pos" if text else 1, sample_weight=w)
    sk_fpr, sk_tpr, sk_thr = skm.roc_curve(labels, s, pos_label="pos" if text else 1,
                                           sample_weight=w, drop_intermediate=False)
    np.testing.assert_allclose(fpr, sk_fpr, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(tpr, sk_tpr, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(thr, sk_thr)
    assert M.roc_auc(labels, s, sample_weight=w) == pytest.approx(
        skm.roc_auc_score(labels, s, sample_weight=w), rel=1e-12, abs=1e-12)
    p = np.clip((s - s.min()) / (np.ptp(s) or 1.0), 0.01, 0.99)
    assert M.log_loss(labels, p, sample_weight=w) == pytest.approx(
        skm.log_loss(labels, p, sample_weight=w, labels=np.unique(labels) if not text
                     else ["neg", "pos"]), rel=1e-10)


@SETTINGS
@given(scored(need_negative=False), st.booleans())
def test_weighted_precision_recall_curve_of_names_matches_scikit_learn(pair, text):
    y, s = pair
    w = np.resize([0.5, 1.0, 2.0, 0.0], len(y))
    w[np.argmax(y == 1)] = 1.0  # a positive keeps some weight
    labels = np.array(["ham", "spam"])[y] if text else 2 * y - 1  # names, or -1 and 1
    pos = "spam" if text else 1
    precision, recall, thresholds = M.precision_recall_curve(labels, s, pos_label=pos,
                                                             sample_weight=w)
    sk_precision, sk_recall, sk_thresholds = skm.precision_recall_curve(
        labels, s, pos_label=pos, sample_weight=w)
    np.testing.assert_allclose(precision[::-1], sk_precision, rtol=1e-12)
    np.testing.assert_allclose(recall[::-1], sk_recall, rtol=1e-12)
    np.testing.assert_array_equal(thresholds[:0:-1], sk_thresholds)
    assert M.average_precision(labels, s, pos_label=pos, sample_weight=w) == pytest.approx(
        skm.average_precision_score(labels, s, pos_label=pos, sample_weight=w), rel=1e-12)


def test_log_loss_of_named_classes_matches_scikit_learn():
    y = ["setosa", "virginica", "versicolor", "setosa"]
    p = np.array([[0.8, 0.1, 0.1], [0.2, 0.2, 0.6], [0.3, 0.5, 0.2], [0.4, 0.4, 0.2]])
    w = [1.0, 2.0, 0.5, 1.0]
    assert M.log_loss(y, p, sample_weight=w) == pytest.approx(skm.log_loss(y, p, sample_weight=w))
    order = ["virginica", "setosa", "versicolor"]  # columns in another order, named
    q = p[:, [2, 0, 1]]
    assert M.log_loss(y, q, labels=order) == pytest.approx(M.log_loss(y, p))


@pytest.mark.parametrize("call, error, match", [
    (lambda: M.precision([0, 1, 2], [0, 1, 1], average="mean"), ValueError,
     r"^average must be one of 'binary', 'micro', 'macro', 'weighted'; got str 'mean'"),
    (lambda: M.precision([0, 1, 2], [0, 1, 1]), ValueError,
     r"^average='binary' \(the default\) needs at most two classes, but y_true and y_pred hold "
     r"3; choose average=None"),
    (lambda: M.recall(["no", "yes"], ["no", "no"]), ValueError,
     r"^pos_label=1.0 is not among the labels \['no', 'yes'\]"),
    (lambda: M.f1([-1, 1], [1, 1], pos_label=0), ValueError,
     r"^pos_label=0.0 is not among the labels \[-1.0, 1.0\]"),
    (lambda: M.f1([0, 1], [1, 1], pos_label=[1]), TypeError, r"^pos_label must be a class label"),
    (lambda: M.precision([0, 1], [1, 1], sample_weight=[1.0]), ValueError,
     r"^sample_weight must have one weight per sample: 2; got 1"),
    (lambda: M.accuracy([0, 1], [1, 1], sample_weight=[1.0, -1.0]), ValueError,
     r"^sample_weight must hold weights >= 0; got -1.0"),
    (lambda: M.confusion_matrix([0, 1], [1, 1], sample_weight=[0, 0]), ValueError,
     r"^sample_weight must not be all zeros"),
    (lambda: M.roc_auc([0, 1, 2], [[0.5, 0.5, 0.5]] * 3), ValueError,
     r"^y_score must have rows that sum to 1 \(class probabilities\) for a multiclass AUC; got "
     r"a row summing to 1.5"),
    (lambda: M.roc_auc([0, 1, 1], np.full((3, 3), 1 / 3)), ValueError,
     r"^y_score has 3 columns but there are 2 classes \[0.0, 1.0\]: pass labels="),
    (lambda: M.roc_auc([0, 1, 1], np.full((3, 3), 1 / 3), labels=[0, 1, 2]), ValueError,
     r"^y_true has no sample of the class 2.0 \(column 2 of y_score\)"),
    (lambda: M.roc_auc([0, 1, 2], np.eye(3), multi_class="ovo", sample_weight=[1, 1, 1]),
     ValueError, r"^sample_weight is not supported with multi_class='ovo'"),
    (lambda: M.roc_auc([0, 1, 2], np.eye(3), multi_class="ovo", average="micro"), ValueError,
     r"^average must be 'macro' or 'weighted' with multi_class='ovo'"),
    (lambda: M.roc_auc([0, 1, 2], np.eye(3), multi_class="both"), ValueError,
     r"^multi_class must be one of 'ovr', 'ovo'"),
    (lambda: M.roc_curve(["a", "b"], [0.1, 0.2]), ValueError,
     r"^y_true holds the labels \['a', 'b'\]: pass pos_label"),
    (lambda: M.accuracy(["a", "b"], [0, 1]), ValueError,
     r"^y_true holds text labels but y_pred numbers"),
    (lambda: M.confusion_matrix(["1", "2"], ["1", "1"]), TypeError,
     r"^y_true holds the text '1', which reads as a number"),
    (lambda: M.accuracy(["a", 1], ["a", 1]), TypeError, r"^y_true mixes text and other labels"),
    (lambda: M.log_loss(["a", "b", "c"], [0.2, 0.5, 0.9]), ValueError,
     r"^y_prob of shape \(n_samples,\) is the probability of the second of two classes, but "
     r"there are 3"),
])
def test_bad_multiclass_input_is_refused_naming_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_binary_calls_keep_their_meaning():
    # the default average is "binary" with pos_label 1: the numbers of the binary pages
    y_true, y_pred = [1, 1, 1, 0, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0, 0, 0]
    assert M.precision(y_true, y_pred) == M.precision(y_true, y_pred, average="binary",
                                                      pos_label=1) == pytest.approx(2 / 3)
    assert M.specificity(y_true, y_pred) == 0.8
    assert M.recall(y_true, y_pred, average=None).tolist() == pytest.approx([0.8, 2 / 3])
    assert M.specificity(y_true, y_pred) == M.recall(y_true, y_pred, pos_label=0)
    assert M.roc_auc([-1, 1], [0.2, 0.8]) == M.roc_auc([0, 1], [0.2, 0.8]) == 1.0
