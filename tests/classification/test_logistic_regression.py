"""Tests of mlcheatsheet.classification.logistic_regression: gradients, golden steps, the seed's numbers and bugs,
scipy and scikit-learn oracles at matched regularization, multiclass."""

import math
import textwrap

import numpy as np
import pytest
import scipy.optimize
import scipy.special as sc
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from _gradcheck import numerical_gradient, numerical_jacobian
from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.datasets import load_student_exams
from mlcheatsheet.basics.linear_regression import add_bias_column, normalize_features

# The 2017 cheatsheet's snippets, verbatim but for the indentation its PDF export lost.
SEED_CLASSIFY = '''
def decision_boundary(prob):
    return 1 if prob >= .5 else 0

def classify(preds):
    decision_boundary = np.vectorize(decision_boundary)
    return decision_boundary(predictions).flatten()
'''
SEED_TRAIN = '''
def train(features, labels, weights, lr, iters):
    cost_history = []
    for i in range(iters):
        weights = update_weights(features, labels, weights, lr)
        cost = cost_function(features, labels, weights)
        cost_history.append(cost)
        if i % 1000 == 0:
            print "iter: "+str(i) + " cost: "+str(cost)
    return weights, cost_history
'''


@pytest.fixture(scope="module")
def exams():
    data = load_student_exams()
    return add_bias_column(data.data), data.target


@pytest.fixture(scope="module")
def exams_scaled():
    data = load_student_exams()
    Z, mean, scale = normalize_features(data.data, method="std")
    return add_bias_column(Z), data.target, mean, scale


def random_problem(rng, n=30, p=3, n_classes=2):
    X = add_bias_column(rng.normal(size=(n, p)))
    y = rng.integers(0, n_classes, size=n)
    return X, y


# ---------------------------------------------------------------- gradients


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("l2", [0.0, 3.0])
def test_cost_gradient_matches_finite_differences(seed, l2):
    rng = np.random.default_rng(seed)
    X, y = random_problem(rng)
    w = rng.normal(size=X.shape[1])
    numeric = numerical_gradient(lambda v: logreg.cost(X, y, v, l2), w)
    np.testing.assert_allclose(logreg.cost_gradient(X, y, w, l2), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("l2", [0.0, 3.0])
def test_softmax_cost_gradient_matches_finite_differences(seed, l2):
    rng = np.random.default_rng(seed)
    X, y = random_problem(rng, n_classes=4)
    W = rng.normal(size=(X.shape[1], 4))
    numeric = numerical_gradient(lambda V: logreg.softmax_cost(X, y, V, l2), W)
    analytic = logreg.softmax_cost_gradient(X, y, W, l2)
    assert analytic.shape == W.shape
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("softmax", [False, True])
@pytest.mark.parametrize("l2", [0.0, 4.0])
def test_lipschitz_constant_bounds_the_hessian(softmax, l2, rng):
    # the Hessian is the Jacobian of the gradient, by finite differences
    X, y = random_problem(rng, n=20, n_classes=3 if softmax else 2)
    bound = logreg.lipschitz_constant(X, l2, softmax=softmax)
    for _ in range(5):
        if softmax:
            W = rng.normal(scale=2.0, size=(X.shape[1], 3))
            hessian = numerical_jacobian(
                lambda V: logreg.softmax_cost_gradient(X, y, V, l2), W).reshape(W.size, W.size)
        else:
            w = rng.normal(scale=2.0, size=X.shape[1])
            hessian = numerical_jacobian(lambda v: logreg.cost_gradient(X, y, v, l2), w)
        assert np.linalg.eigvalsh((hessian + hessian.T) / 2).max() <= bound * (1 + 1e-6)
    # and a step of 1 / L never raises the cost
    fit = logreg.softmax_train if softmax else logreg.train
    _, costs = fit(X, y, lr=1 / bound, n_iter=200, l2=l2)
    assert np.all(np.diff(costs) <= 1e-15)


# ---------------------------------------------------------------- golden values, worked by hand


def test_one_gradient_step_by_hand():
    # X = [[1, 2], [1, -1]], y = [1, 0], w = 0: both probabilities 1/2, p - y = (-1/2, 1/2),
    # gradient = X^T (p - y) / 2 = ((-1/2 + 1/2) / 2, (2 * -1/2 - 1 * 1/2) / 2) = (0, -3/4);
    # a step with lr = 0.1 gives w = (0, 0.075). The cost is ln 2.
    X, y = [[1.0, 2.0], [1.0, -1.0]], [1, 0]
    assert logreg.cost(X, y, [0.0, 0.0]) == pytest.approx(math.log(2), rel=1e-15)
    assert logreg.cost_gradient(X, y, [0.0, 0.0]).tolist() == [0.0, -0.75]
    np.testing.assert_allclose(logreg.update_weights(X, y, [0.0, 0.0], lr=0.1), [0.0, 0.075])


def test_one_regularized_gradient_by_hand():
    # w = (1, 1): logits 3 and 0; p - y = (s - 1, 1/2) with s = 1 / (1 + e^-3).
    # data part = ((s - 1 + 1/2) / 2, (2 (s - 1) - 1/2) / 2); the penalty l2 / N * (0, w1)
    # with l2 = 2, N = 2 adds (0, 1). Cost: penalty l2 / (2N) * w1^2 = 1/2.
    X, y, w = [[1.0, 2.0], [1.0, -1.0]], [1, 0], [1.0, 1.0]
    s = 1 / (1 + math.exp(-3))
    expected = [(s - 0.5) / 2, (2 * (s - 1) - 0.5) / 2 + 1]
    np.testing.assert_allclose(logreg.cost_gradient(X, y, w, l2=2.0), expected, rtol=1e-14)
    unpenalized = (-math.log(s) + math.log(2)) / 2
    assert logreg.cost(X, y, w, l2=2.0) == pytest.approx(unpenalized + 0.5, rel=1e-14)


def test_one_softmax_step_by_hand():
    # one sample x = (1, 2) of class 2 among 3, W = 0: P = (1/3, 1/3, 1/3),
    # P - Y = (1/3, 1/3, -2/3), gradient = x (P - Y)^T; cost ln 3.
    X, y, W = [[1.0, 2.0]], [2], np.zeros((2, 3))
    expected = np.outer([1.0, 2.0], [1 / 3, 1 / 3, -2 / 3])
    np.testing.assert_allclose(logreg.softmax_cost_gradient(X, y, W), expected, rtol=1e-15)
    assert logreg.softmax_cost(X, y, W) == pytest.approx(math.log(3), rel=1e-15)


# ---------------------------------------------------------------- the seed's numbers


def test_seed_training_log_reproduces_with_lr_0_1_and_3000_updates(exams):
    # 2017 log: "iter: 0 cost: 0.635 / iter: 1000 cost: 0.302 / iter: 2000 cost: 0.264",
    # "Final cost: 0.2487. Final weights: [-8.197, .921, .738]". The loop printed the
    # cost after update i + 1 and truncated to 3 digits; neither lr nor the number of
    # updates is stated in the seed.
    X, y = exams
    w, costs = logreg.train(X, y, lr=0.1, n_iter=3000)
    assert len(costs) == 3001
    assert [math.floor(c * 1000) for c in costs[[1, 1001, 2001]]] == [635, 302, 264]
    assert round(costs[-1], 4) == 0.2487
    assert [math.trunc(v * 1000) for v in w] == [-8197, 921, 738]
    assert np.mean(logreg.predict(X, w) == y) == 0.89  # "Our score: 0.89"
    assert np.all(np.diff(costs) < 0)


def test_seed_model_is_not_the_maximum_likelihood_estimate(exams, exams_scaled):
    # Oracle: scipy's BFGS on the negative log-likelihood, written independently.
    X, y = exams

    def nll(w):
        return -np.mean(y * sc.log_expit(X @ w) + (1 - y) * sc.log_expit(-(X @ w)))

    mle = scipy.optimize.minimize(nll, np.zeros(3), method="BFGS", options={"gtol": 1e-10}).x
    np.testing.assert_allclose(mle, [-16.16, 1.745, 1.486], atol=5e-3)
    assert nll(mle) == pytest.approx(0.2170, abs=5e-5)
    # The page's route: train on standardized features until the cost stops
    # falling, then map the weights back to hours.
    Z, _, mean, scale = exams_scaled
    w, costs = logreg.train(Z, y, lr=1 / logreg.lipschitz_constant(Z), n_iter=5000)
    raw = np.r_[w[0] - np.sum(w[1:] * mean / scale), w[1:] / scale]
    np.testing.assert_allclose(raw, mle, rtol=1e-5)
    assert logreg.cost(X, y, raw) == pytest.approx(nll(mle), rel=1e-9)
    seed_w, seed_costs = logreg.train(X, y, lr=0.1, n_iter=3000)
    assert seed_costs[-1] - costs[-1] > 0.03


# ---------------------------------------------------------------- scikit-learn at matched penalty


def test_regularization_matches_scikit_learn_with_C_one_over_lambda(exams_scaled):
    # Ours: mean loss + l2 / (2N) |w|^2. Times N / l2: (1 / l2) sum loss + |w|^2 / 2,
    # scikit-learn's objective with C = 1 / l2 -- whatever N is.
    Z, y, _, _ = exams_scaled
    for l2 in (0.5, 5.0):
        lr = 1 / logreg.lipschitz_constant(Z, l2)
        w, _ = logreg.train(Z, y, lr=lr, n_iter=20_000, l2=l2, tol=1e-15)
        sk = LogisticRegression(C=1 / l2, tol=1e-12, max_iter=10_000).fit(Z[:, 1:], y)
        np.testing.assert_allclose(w, np.r_[sk.intercept_, sk.coef_[0]], atol=1e-6)
        wrong = LogisticRegression(C=1 / (l2 * len(y)), max_iter=10_000).fit(Z[:, 1:], y)
        assert np.abs(w[1:] - wrong.coef_[0]).max() > 0.1  # C = 1 / (lambda N) is not it


def test_softmax_matches_scikit_learn_multinomial():
    X, y = load_iris(return_X_y=True)
    Z = add_bias_column(normalize_features(X, method="std")[0])
    W, _ = logreg.softmax_train(Z, y, lr=1 / logreg.lipschitz_constant(Z, 1.0, softmax=True),
                                n_iter=5000, l2=1.0)
    sk = LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(Z[:, 1:], y)
    np.testing.assert_allclose(W[1:].T, sk.coef_, atol=1e-5)
    np.testing.assert_allclose(logreg.softmax_predict_proba(Z, W), sk.predict_proba(Z[:, 1:]),
                               atol=1e-6)


def test_one_vs_all_matches_scikit_learn_one_vs_rest():
    X, y = load_iris(return_X_y=True)
    Z = add_bias_column(normalize_features(X, method="std")[0])
    lr = 1 / logreg.lipschitz_constant(Z, 2.0)
    W, histories = logreg.one_vs_all_train(Z, y, lr=lr, n_iter=8000, l2=2.0)
    binary = LogisticRegression(C=0.5, tol=1e-12, max_iter=10_000)  # C = 1 / l2
    sk = OneVsRestClassifier(binary).fit(Z[:, 1:], y)
    for k, est in enumerate(sk.estimators_):
        np.testing.assert_allclose(W[:, k], np.r_[est.intercept_, est.coef_[0]], atol=1e-4)
    assert len(histories) == 3 and all(np.all(np.diff(h) <= 1e-15) for h in histories)
    np.testing.assert_array_equal(logreg.one_vs_all_predict(Z, W), sk.predict(Z[:, 1:]))


# ---------------------------------------------------------------- multiclass identities


def test_two_class_softmax_is_binary_logistic_regression(rng):
    # softmax([0, z]) = (1 - sigmoid(z), sigmoid(z)), so W = [0, w] is the binary model
    X, y = random_problem(rng)
    w = rng.normal(size=X.shape[1])
    W = np.column_stack([np.zeros_like(w), w])
    np.testing.assert_allclose(logreg.softmax_predict_proba(X, W)[:, 1], logreg.predict_proba(X, w),
                               rtol=1e-14)
    assert logreg.softmax_cost(X, y, W) == pytest.approx(logreg.cost(X, y, w), rel=1e-13)
    np.testing.assert_allclose(logreg.softmax_cost_gradient(X, y, W)[:, 1],
                               logreg.cost_gradient(X, y, w), rtol=1e-12, atol=1e-15)


def test_one_vs_all_probabilities_do_not_sum_to_one_but_softmax_does(rng):
    X, y = random_problem(rng, n_classes=3)
    W = rng.normal(size=(X.shape[1], 3))
    assert not np.allclose(logreg.one_vs_all_predict_proba(X, W).sum(axis=1), 1.0)
    np.testing.assert_allclose(logreg.softmax_predict_proba(X, W).sum(axis=1), 1.0, rtol=1e-14)
    np.testing.assert_array_equal(logreg.softmax_predict(X, W), logreg.one_vs_all_predict(X, W))


def test_training_is_deterministic_and_fits_separable_classes():
    X = add_bias_column([[0.0], [0.3], [2.0], [2.3], [4.0], [4.3]])
    y = [0, 0, 1, 1, 2, 2]
    W1, c1 = logreg.softmax_train(X, y, lr=0.5, n_iter=500)
    W2, c2 = logreg.softmax_train(X, y, lr=0.5, n_iter=500)
    np.testing.assert_array_equal(W1, W2)
    assert logreg.softmax_predict(X, W1).tolist() == y and c1[-1] < 0.5 * c1[0]


# ---------------------------------------------------------------- the seed's bugs


def test_seed_classify_raised_unbound_local_error_ours_classifies():
    namespace = {"np": np}
    exec(textwrap.dedent(SEED_CLASSIFY), namespace)
    with pytest.raises(UnboundLocalError):
        namespace["classify"](np.array([0.967, 0.448]))
    probabilities = [0.967, 0.448, 0.015, 0.780, 0.978, 0.004]
    assert logreg.classify(probabilities).tolist() == [1, 0, 0, 1, 1, 0]  # the seed's output
    assert logreg.classify([0.5]).tolist() == [1]  # p >= .5 is class 1


def test_seed_train_was_python_2_ours_runs_and_logs_every_update(exams):
    with pytest.raises(SyntaxError):
        compile(SEED_TRAIN, "<seed>", "exec")
    X, y = exams
    w0 = np.zeros(3)
    w, costs = logreg.train(X, y, w=w0, lr=0.1, n_iter=10)
    assert len(costs) == 11 and costs[0] == pytest.approx(math.log(2))
    np.testing.assert_array_equal(w0, 0.0)  # the seed's update subtracted in place
    before = w.copy()
    logreg.update_weights(X, y, w, lr=0.1)
    np.testing.assert_array_equal(w, before)


# ---------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None, database=None)
@given(arrays(np.float64, (8, 3), elements=st.floats(-5, 5)),
       arrays(np.int64, 8, elements=st.integers(0, 1)),
       arrays(np.float64, 3, elements=st.floats(-1e4, 1e4)),
       st.floats(0, 10))
def test_cost_is_finite_nonnegative_and_grows_with_the_penalty(X, y, w, l2):
    X = np.column_stack([np.ones(8), X[:, 1:]])
    plain, penalized = logreg.cost(X, y, w), logreg.cost(X, y, w, l2)
    assert np.isfinite(plain) and plain >= 0.0
    # equal up to rounding when l2 or w[1:] is 0; the penalty term itself is >= 0
    assert penalized >= plain * (1 - 1e-15)
    p = logreg.predict_proba(X, w)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(np.isfinite(logreg.cost_gradient(X, y, w, l2)))


# ---------------------------------------------------------------- huge weights


def test_costs_are_finite_and_right_for_huge_weights_without_penalty():
    # With l2 = 0 the penalty used to be 0 * |w|^2 = 0 * inf = nan, and X @ w could
    # overflow halfway (inf - inf = nan). Oracle: for |z| >> 1 the loss log(1 + e^-z)
    # is max(0, -z) (log1p(e^-|z|) rounds to 0), so the costs are closed forms.
    X, w = [[1.0, 2.0], [1.0, -1.0]], [0.0, 1e200]  # scores 2e200 and -1e200
    assert logreg.cost(X, [1, 0], w) == 0.0  # both right, with certainty
    assert logreg.cost(X, [0, 1], w) == pytest.approx((2e200 + 1e200) / 2, rel=1e-15)
    # weights near the float maximum: the first score is 2e308 - 2e308 = 0 (log 2), the
    # second 2e308 > max float (a certain right answer, loss 0)
    X_big, w_big = [[2.0, -2.0], [1.0, 1.0]], [1e308, 1e308]
    assert logreg.cost(X_big, [0, 1], w_big) == pytest.approx(math.log(2) / 2, rel=1e-15)
    assert logreg.cost(X_big, [0, 0], w_big) == math.inf  # the second loss is 2e308
    W = np.array([[0.0, 0.0], [1e200, -1e200]])  # scores (2e200, -2e200) and (-1e200, 1e200)
    assert logreg.softmax_cost(X, [0, 1], W) == 0.0
    assert logreg.softmax_cost(X, [1, 0], W) == pytest.approx((4e200 + 2e200) / 2, rel=1e-15)
    W_big = np.array([[1e308, 0.0], [1e308, 0.0]])
    assert logreg.softmax_cost(X_big, [0, 0], W_big) == pytest.approx(math.log(2) / 2, rel=1e-15)
    # the gradients and probabilities: sigma(+-huge) is exactly 1 or 0
    np.testing.assert_array_equal(logreg.cost_gradient(X, [0, 1], w), [0.0, 1.5])
    np.testing.assert_array_equal(logreg.softmax_cost_gradient(X, [0, 1], W), np.zeros((2, 2)))
    np.testing.assert_array_equal(logreg.predict_proba(X_big, w_big), [0.5, 1.0])
    np.testing.assert_array_equal(logreg.softmax_predict_proba(X_big, W_big),
                                  [[0.5, 0.5], [1.0, 0.0]])
    assert logreg.one_vs_all_predict(X_big, W_big).tolist() == [0, 0]
    assert logreg.softmax_predict(X_big, -W_big).tolist() == [0, 1]


def test_the_penalty_of_huge_weights_is_right_or_infinite_never_nan():
    # lambda / (2N) |w|^2 with |w|^2 = 1e400 beyond the float range: the scaled sum gives
    # 1e-300 / 4 * 1e400 = 2.5e99 exactly (up to rounding), and +inf when it is > 1.8e308
    X, w = [[1.0, 2.0], [1.0, -1.0]], [0.0, 1e200]
    assert logreg.cost(X, [1, 0], w, l2=1e-300) == pytest.approx(2.5e99, rel=1e-14)
    assert logreg.cost(X, [1, 0], w, l2=1.0) == math.inf
    W = np.array([[0.0, 0.0], [1e200, -1e200]])
    assert logreg.softmax_cost(X, [0, 1], W, l2=1e-300) == pytest.approx(5e99, rel=1e-14)
    # and for ordinary weights the rescaled penalty is the plain formula, to the bit
    rng = np.random.default_rng(0)
    X, y = random_problem(rng)
    w = rng.normal(size=X.shape[1])
    plain = logreg.cost(X, y, w)
    assert logreg.cost(X, y, w, l2=3.0) == plain + 3.0 / (2 * len(y)) * float(w[1:] @ w[1:])


# ---------------------------------------------------------------- sizes and labels


def test_class_counts_that_cannot_be_allocated_are_refused_before_allocating():
    X = add_bias_column([[0.0], [1.0]])
    with pytest.raises(ValueError, match=r"^n_classes must be <= 1073741824; got int 46116860"):
        logreg.one_vs_all_train(X, [0, 1], n_classes=2**62)
    with pytest.raises(ValueError, match=r"^n_classes = 1073741824 with 2 features: the weights "
                                         r"would have more entries than can be allocated"):
        logreg.softmax_train(X, [0, 1], n_classes=2**30, n_iter=1)
    # a label near 2**63 would have asked for 2**63 classes (and overflowed intp)
    for label in (2.0**62, 2.0**63, 9.2e18):
        with pytest.raises(ValueError, match=r"^y holds the class label .*: more classes than "
                                             r"can be allocated \(at most 1073741824\)"):
            logreg.softmax_train(X, [0, label], n_iter=1)
        with pytest.raises(ValueError, match=r"^y must contain labels in 0..2; got 4.61169e\+18"
                           if label == 2.0**62 else r"^y must contain labels in 0..2; got "):
            logreg.softmax_cost(X, [0, label], np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"^W must have one column per class, at least 2; got 1"):
        logreg.softmax_cost(X, [0, 0], np.zeros((2, 1)))


@pytest.mark.parametrize("value", [1 + 5j, np.array([1 + 5j, 2.0]), "1", np.array(["1", "2"]),
                                   np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"),
                                   np.array([object(), object()], dtype=object), 10**400,
                                   np.array([True, False])])
def test_non_numbers_are_refused_naming_the_argument(value):
    X, y, w = [[1.0, 2.0], [1.0, -1.0]], [1, 0], [0.0, 0.0]
    for name in ("X", "y", "w"):
        args = {"X": X, "y": y, "w": w, name: value}
        with pytest.raises((TypeError, ValueError), match=rf"^{name} "):
            logreg.cost(**args)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("call, error, match", [
    (lambda: logreg.cost([[1.0, 2.0]], [2], [0.0, 0.0]), ValueError,
     r"y must contain only the labels 0 and 1; got 2.0 \(for more classes use one_vs_all_train"),
    (lambda: logreg.cost([[1.0, 2.0]], [1], [0.0]), ValueError,
     r"w must have one weight per column of X \(2\); got 1"),
    (lambda: logreg.cost([[1.0, 2.0]], [1, 0], [0.0, 0.0]), ValueError,
     "X and y must have the same number of samples"),
    (lambda: logreg.train([[1.0, 2.0]], [1], l2=-1.0), ValueError,
     "l2 must be a finite number >= 0"),
    (lambda: logreg.train([[1.0, 2.0]], [1], l2="a lot"), TypeError, "l2 must be a real number"),
    (lambda: logreg.train([[1.0, 2.0]], [1], lr=0), ValueError, "lr must be a finite number > 0"),
    (lambda: logreg.classify([0.2, 1.2]), ValueError,
     r"y_prob must contain probabilities in \[0, 1\]"),
    (lambda: logreg.classify([0.2], threshold=1.5), ValueError,
     r"threshold must be a number in \[0, 1\]"),
    (lambda: logreg.softmax_cost([[1.0]], [3], np.zeros((1, 3))), ValueError,
     r"y must contain labels in 0..2; got 3"),
    (lambda: logreg.softmax_cost([[1.0]], [0.5], np.zeros((1, 3))), ValueError,
     "y must contain integer class labels"),
    (lambda: logreg.softmax_predict([[1.0, 2.0]], np.zeros((3, 2))), ValueError,
     r"W must have one row per column of X \(2\); got 3"),
    (lambda: logreg.softmax_train([[1.0]], [0], W=np.zeros((1, 2)), n_classes=3), ValueError,
     r"W must have one column per class \(3\); got 2"),
    (lambda: logreg.one_vs_all_train([[1.0], [1.0]], [0, 1], n_classes=1), ValueError,
     "n_classes must be >= 2"),
    (lambda: logreg.predict_proba([[1.0, np.nan]], [0.0, 0.0]), ValueError,
     "X must contain only finite numbers"),
])
def test_errors_name_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ---------------------------------------------------------------- the built page


@pytest.mark.site
def test_page_shows_the_recomputed_seed_numbers(site, exams, exams_scaled):
    from test_site import text_of

    X, y = exams
    w, costs = logreg.train(X, y, lr=0.1, n_iter=3000)
    Z, _, mean, scale = exams_scaled
    w_std, costs_std = logreg.train(Z, y, lr=1 / logreg.lipschitz_constant(Z), n_iter=5000)
    mle = np.r_[w_std[0] - np.sum(w_std[1:] * mean / scale), w_std[1:] / scale]
    text = text_of(site / "classification" / "logistic_regression.html")
    shown = [f"{costs[k]:.4f}" for k in (1, 1001, 2001, 3000)] + [f"{v:.4f}" for v in w]
    shown += [f"{mle[0]:.2f}", f"{mle[1]:.3f}", f"{mle[2]:.3f}", f"{costs_std[-1]:.4f}"]
    for number in shown:
        assert number in text, number
    assert "lr 0.1" in text or "learning rate of 0.1 and 3000 updates" in text


def test_the_2017_comparison_scripts_bare_import_sklearn_does_reach_sklearn_preprocessing():
    """The page no longer lists this line among the script's faults: it works (scikit-learn
    loads its submodules lazily). The other faults stand: sklearn.cross_validation is gone."""
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-c", "import sklearn; sklearn.preprocessing.MinMaxScaler"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    gone = subprocess.run([sys.executable, "-c", "import sklearn.cross_validation"],
                          capture_output=True, text=True)
    assert "No module named 'sklearn.cross_validation'" in gone.stderr


def test_lipschitz_constant_of_features_too_large_for_float64_is_refused_not_nan():
    from mlcheatsheet.classification.logistic_regression import lipschitz_constant

    with pytest.raises(ValueError, match=r"X is too large .*largest singular value 2e\+200"):
        lipschitz_constant(np.full((4, 1), 1e200))
    # just below the limit the bound is finite and equals sigma^2 / (4N)
    assert lipschitz_constant(np.full((4, 1), 1e150)) == pytest.approx(4e300 / 16)


def test_undersampling_negatives_by_r_raises_the_log_odds_by_log_one_over_r():
    """Class-imbalance page: keeping a fraction r of the negatives turns p into p / (p + r(1 - p)),
    whose logit is logit(p) - log r, exactly; a fitted intercept moves by that much (simulation)."""
    from scipy.special import logit
    from sklearn.linear_model import LogisticRegression

    p, r = np.linspace(0.01, 0.99, 99), np.array([[0.05], [0.3], [1.0]])
    kept = p / (p + r * (1 - p))
    np.testing.assert_allclose(logit(kept), logit(p) - np.log(r), atol=1e-12)

    rng = np.random.default_rng(0)
    X = rng.standard_normal((400_000, 1))
    y = rng.uniform(size=len(X)) < 1 / (1 + np.exp(-(2 * X[:, 0] - 3)))
    keep = y | (rng.uniform(size=len(X)) < 0.05)
    full = LogisticRegression(C=1e6).fit(X, y)
    under = LogisticRegression(C=1e6).fit(X[keep], y[keep])
    assert under.intercept_[0] - full.intercept_[0] == pytest.approx(np.log(1 / 0.05), abs=0.05)
    assert under.coef_[0, 0] == pytest.approx(full.coef_[0, 0], abs=0.05)
