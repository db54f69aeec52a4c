r"""Ensembles of trees: bagging, random forests, AdaBoost (SAMME), gradient boosting.

Every member is a :class:`~mlcheatsheet.algorithms.decision_trees.Tree` grown by
:func:`~mlcheatsheet.algorithms.decision_trees.fit_tree`:

- **bagging** grows each tree on a bootstrap sample (``n`` draws with
  replacement, taken as sample weights: a sample drawn twice weighs 2, one never
  drawn weighs 0 and is *out of bag*) and averages the trees' class
  distributions (or predictions, for regression);
- a **random forest** is bagging whose trees also score only ``max_features``
  randomly chosen features at each split;
- **AdaBoost** (SAMME, multi-class) grows shallow trees one after another on
  re-weighted samples: the misclassified samples' weights grow by
  :math:`e^{\alpha_m}`, :math:`\alpha_m = \nu(\log\frac{1 - \text{err}_m}{\text{err}_m} + \log(K - 1))`,
  and the ensemble votes with weights :math:`\alpha_m`;
- **gradient boosting** adds regression trees fitted to the negative gradient
  of the loss, :math:`F_m = F_{m-1} + \nu\, h_m`, with one Newton step per leaf
  for the log loss.

Conventions follow scikit-learn's ``RandomForestClassifier``,
``AdaBoostClassifier`` and ``GradientBoosting{Classifier,Regressor}`` (see the
tests); the random draws are this library's own (an ``rng``), so forests agree
with scikit-learn's in accuracy, not tree by tree.
"""

import dataclasses

import numpy as np

from .._validation import (either, flag, integer, matrix, optional, options, positive, rng,
                           same_length, validate, vector)
from . import decision_trees as dt

__all__ = [
    "Forest",
    "Boosted",
    "bootstrap_counts",
    "fit_bagging",
    "fit_random_forest",
    "predict_proba_forest",
    "predict_forest",
    "oob_score",
    "forest_importances",
    "fit_adaboost",
    "predict_adaboost",
    "fit_gradient_boosting",
    "decision_gradient_boosting",
    "predict_gradient_boosting",
    "predict_proba_gradient_boosting",
]


@dataclasses.dataclass(frozen=True)
class Forest:
    """Bagged trees: ``in_bag[b, i]`` is how often sample ``i`` was drawn for tree ``b``."""

    trees: tuple
    in_bag: np.ndarray
    classes: np.ndarray
    criterion: str
    n_features: int


@dataclasses.dataclass(frozen=True)
class Boosted:
    """A boosted ensemble: ``trees[m]`` holds round ``m``'s tree(s), ``weights[m]`` its weight.

    AdaBoost: one classification tree per round, ``weights`` the :math:`\\alpha_m`.
    Gradient boosting: one regression tree per class and round (one for
    regression and two classes), ``weights`` all :math:`\\nu`, and ``init`` the
    constant :math:`F_0`.
    """

    trees: tuple
    weights: np.ndarray
    classes: np.ndarray
    loss: str
    init: np.ndarray


def _model(cls, kind):
    def spec(value, name):
        if not isinstance(value, cls):
            raise TypeError(f"{name} must be a {cls.__name__} from {kind}; got {type(value).__name__}")
        return value

    spec.kind = "model"
    return spec


_forest = _model(Forest, "fit_bagging or fit_random_forest")
_boosted = _model(Boosted, "fit_adaboost or fit_gradient_boosting")
_rounds = optional(integer(1))


def _check_xy(args):
    same_length("X", "y")(args)
    k, d = args.get("max_features"), args["X"].shape[1]
    if isinstance(k, int) and k > d:
        raise ValueError(f"max_features must be at most the number of features ({d}); got {k}")
    if args.get("criterion", "gini") != "squared_error" and args.get("loss") != "squared_error" \
            and np.unique(args["y"]).size < 2:
        raise ValueError(f"y must hold at least two classes; got {np.unique(args['y']).tolist()}")


def _check_width(args):
    model, X = args["model"], args["X"]
    needed = model.n_features if isinstance(model, Forest) else model.trees[0][0].n_features
    if X.shape[1] < needed:
        raise ValueError(f"X must have {needed} columns for this model; got shape {X.shape}")


@validate(n=integer(1), rng=rng)
def bootstrap_counts(n, rng=0):
    """How often each of ``n`` samples is drawn in ``n`` draws with replacement.

    About :math:`(1 - 1/n)^n \\approx e^{-1}` of the samples are never drawn (out of bag).

    Examples
    --------
    >>> counts = bootstrap_counts(5, rng=0)
    >>> int(counts.sum()), counts.tolist()
    (5, [0, 2, 1, 1, 1])
    """
    return np.bincount(rng.integers(0, n, size=n), minlength=n)


_subset = either(integer(1), options("sqrt", "log2"), expected="an integer >= 1, 'sqrt' or 'log2'")
_fit = dict(X=matrix, y=vector, n_estimators=integer(1, 10_000),
            criterion=options(*dt.CRITERIA), bootstrap=flag, max_features=optional(_subset),
            max_depth=optional(integer(1)), min_samples_leaf=integer(1), rng=rng, _=_check_xy)
_forest_fit = dict(_fit, max_features=_subset)


def _n_features(max_features, d):
    if max_features is None:
        return None
    if max_features == "sqrt":
        return max(1, int(np.sqrt(d)))
    if max_features == "log2":
        return max(1, int(np.log2(d)))
    return max_features


@validate(**_fit)
def fit_bagging(X, y, n_estimators=10, criterion="gini", bootstrap=True,
                max_features=None, max_depth=None, min_samples_leaf=1, rng=0):
    r"""Bagging: ``n_estimators`` trees, each grown on a bootstrap sample of ``(X, y)``.

    Examples
    --------
    >>> forest = fit_bagging([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1], n_estimators=3)
    >>> forest.in_bag.sum(axis=1).tolist()
    [4, 4, 4]
    """
    k = _n_features(max_features, X.shape[1])
    n = y.size
    trees, in_bag = [], []
    for _ in range(n_estimators):
        counts = bootstrap_counts(n, rng) if bootstrap else np.ones(n, dtype=np.int64)
        tree = dt.fit_tree(X, y, criterion, max_depth, 2, min_samples_leaf,
                           sample_weight=counts.astype(float), max_features=k, rng=rng)
        trees.append(tree)
        in_bag.append(counts)
    classes = np.array([]) if criterion == "squared_error" else np.unique(y)
    return Forest(tuple(trees), np.array(in_bag), classes, criterion, X.shape[1])


@validate(**_forest_fit)
def fit_random_forest(X, y, n_estimators=100, criterion="gini", bootstrap=True,
                      max_features="sqrt", max_depth=None, min_samples_leaf=1, rng=0):
    r"""A random forest: bagging whose trees score ``max_features`` random features per split.

    Examples
    --------
    >>> X = [[0.0, 5.0], [1.0, 3.0], [2.0, 1.0], [3.0, 0.0]]
    >>> forest = fit_random_forest(X, [0, 0, 1, 1], n_estimators=5, rng=1)
    >>> predict_forest(forest, [[0.0, 5.0], [3.0, 0.0]]).tolist()
    [0.0, 1.0]
    """
    return fit_bagging(X, y, n_estimators, criterion, bootstrap, max_features, max_depth,
                       min_samples_leaf, rng)


def _tree_proba(forest, tree, X):
    """A tree's class distribution over all of the forest's classes."""
    proba = np.zeros((X.shape[0], forest.classes.size))
    proba[:, np.searchsorted(forest.classes, tree.classes)] = tree.value[dt.apply(tree, X)]
    return proba


@validate(model=_forest, X=matrix, _=_check_width)
def predict_proba_forest(model, X):
    r"""The average of the trees' class distributions, :math:`\frac1B \sum_b p_b(x)`.

    Examples
    --------
    >>> forest = fit_bagging([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1], n_estimators=4)
    >>> predict_proba_forest(forest, [[0.0]]).sum(axis=1).tolist()
    [1.0]
    """
    if model.criterion == "squared_error":
        raise ValueError("model must be a classification forest for predict_proba_forest; "
                         "got a regression forest")
    return sum(_tree_proba(model, tree, X) for tree in model.trees) / len(model.trees)


@validate(model=_forest, X=matrix, _=_check_width)
def predict_forest(model, X):
    """The class of highest average probability, or (regression) the average prediction.

    Examples
    --------
    >>> forest = fit_bagging([[0.0], [1.0], [2.0]], [1.0, 2.0, 6.0], criterion="squared_error",
    ...                      n_estimators=1, bootstrap=False)
    >>> predict_forest(forest, [[2.0]]).tolist()
    [6.0]
    """
    if model.criterion == "squared_error":
        return sum(dt.predict(tree, X) for tree in model.trees) / len(model.trees)
    return model.classes[np.argmax(predict_proba_forest(model, X), axis=1)].astype(float)


def _check_oob(args):
    same_length("X", "y")(args)
    _check_width(args)
    n = args["model"].in_bag.shape[1]
    if args["y"].size != n:
        raise ValueError(f"X must be the {n} training samples; got {args['y'].size}")


@validate(model=_forest, X=matrix, y=vector, _=_check_oob)
def oob_score(model, X, y):
    r"""Accuracy (or :math:`R^2`) of the out-of-bag predictions on the training ``(X, y)``.

    Each sample is predicted only by the trees whose bootstrap sample missed it;
    samples that every tree saw are left out.

    Examples
    --------
    >>> X = [[float(i)] for i in range(20)]
    >>> forest = fit_bagging(X, [0] * 10 + [1] * 10, n_estimators=20)
    >>> oob_score(forest, X, [0] * 10 + [1] * 10) > 0.8
    True
    """
    out = (model.in_bag == 0).T                                   # (n, B)
    seen = out.any(axis=1)
    if model.criterion == "squared_error":
        preds = np.column_stack([dt.predict(tree, X) for tree in model.trees])
        pred = (preds * out).sum(axis=1)[seen] / out.sum(axis=1)[seen]
        y = y[seen]
        return float(1 - np.sum((y - pred) ** 2) / np.sum((y - y.mean()) ** 2))
    votes = sum(_tree_proba(model, tree, X) * out[:, [b]]
                for b, tree in enumerate(model.trees))
    pred = model.classes[np.argmax(votes[seen], axis=1)]
    return float(np.mean(pred == y[seen]))


@validate(model=_forest)
def forest_importances(model):
    """The trees' impurity importances, averaged and normalized to sum to 1.

    Examples
    --------
    >>> X = [[0.0, 5.0], [1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]
    >>> forest_importances(fit_bagging(X, [0, 0, 1, 1], n_estimators=3)).tolist()
    [1.0, 0.0]
    """
    total = sum(dt.feature_importances(tree) for tree in model.trees)
    return total / total.sum() if total.sum() > 0 else total


_ada = dict(X=matrix, y=vector, n_estimators=integer(1, 10_000), max_depth=integer(1),
            learning_rate=positive, _=_check_xy)


@validate(**_ada)
def fit_adaboost(X, y, n_estimators=50, max_depth=1, learning_rate=1.0):
    r"""AdaBoost (SAMME): trees of depth ``max_depth`` grown on re-weighted samples.

    Round :math:`m` fits a tree with weights :math:`w`, measures its weighted
    error :math:`\text{err}_m`, gives it the vote
    :math:`\alpha_m = \nu(\log\frac{1-\text{err}_m}{\text{err}_m} + \log(K-1))` and
    multiplies the weights of the samples it got wrong by :math:`e^{\alpha_m}`.
    Boosting stops early at a perfect tree, or at one no better than chance
    (:math:`\text{err}_m \ge 1 - 1/K`, which is then dropped; if it is the first,
    it is kept alone, where scikit-learn raises an error).

    Examples
    --------
    >>> X = [[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [3.0, 1.0]]
    >>> model = fit_adaboost(X, [0, 1, 0, 1], n_estimators=5)
    >>> predict_adaboost(model, X).tolist()
    [0.0, 1.0, 0.0, 1.0]
    """
    classes = np.unique(y)
    K, eps = classes.size, np.finfo(float).eps
    w = np.full(y.size, 1.0 / y.size)
    trees, alphas = [], []
    for m in range(n_estimators):
        w = np.clip(w, eps, None)
        tree = dt.fit_tree(X, y, max_depth=max_depth, sample_weight=w)
        wrong = dt.predict(tree, X) != y
        err = np.average(wrong, weights=w)
        if err <= 0:                                    # perfect: it decides alone
            trees.append(tree), alphas.append(1.0)
            break
        if err >= 1 - 1 / K:                            # no better than chance: stop
            trees, alphas = (trees, alphas) if trees else ([tree], [1.0])
            break
        alpha = learning_rate * (np.log((1 - err) / err) + np.log(K - 1))
        trees.append(tree), alphas.append(alpha)
        w = w * np.exp(alpha * wrong)
        w = w / w.sum()
    rounds = tuple((tree,) for tree in trees)
    return Boosted(rounds, np.array(alphas), classes, "samme", np.zeros(1))


@validate(model=_boosted, X=matrix, n_rounds=_rounds, _=_check_width)
def predict_adaboost(model, X, n_rounds=None):
    r"""The weighted vote :math:`\arg\max_k \sum_m \alpha_m [h_m(x) = k]` of the first ``n_rounds``.

    Examples
    --------
    >>> model = fit_adaboost([[0.0], [1.0], [2.0]], [0, 1, 1])
    >>> predict_adaboost(model, [[0.0], [5.0]], n_rounds=1).tolist()
    [0.0, 1.0]
    """
    if model.loss != "samme":
        raise ValueError(f"model must come from fit_adaboost; got a {model.loss} model")
    votes = np.zeros((X.shape[0], model.classes.size))
    for (tree,), alpha in list(zip(model.trees, model.weights))[:n_rounds]:
        votes += alpha * (dt.predict(tree, X)[:, None] == model.classes)
    return model.classes[np.argmax(votes, axis=1)].astype(float)


def _softmax(F):
    e = np.exp(F - F.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _probabilities(F):
    return 1 / (1 + np.exp(-F)) if F.shape[1] == 1 else _softmax(F)


_gb = dict(X=matrix, y=vector, loss=options("squared_error", "log_loss"),
           n_estimators=integer(1, 10_000), learning_rate=positive, max_depth=integer(1),
           min_samples_leaf=integer(1), _=_check_xy)


@validate(**_gb)
def fit_gradient_boosting(X, y, loss="squared_error", n_estimators=100,
                          learning_rate=0.1, max_depth=3, min_samples_leaf=1):
    r"""Gradient boosting: :math:`F_m = F_{m-1} + \nu h_m`, :math:`h_m` a regression tree.

    :math:`h_m` is fitted to the negative gradient of the loss at
    :math:`F_{m-1}`: the residual :math:`y - F` for squared error, :math:`y_k - p_k`
    for the log loss (one tree per class, one for two classes), whose leaves
    then take one Newton step :math:`\sum r / \sum p(1-p)` (times
    :math:`\frac{K-1}{K}` for :math:`K > 2`, as in Friedman's paper and
    scikit-learn). :math:`F_0` is the mean, the log-odds of the class prior (two
    classes), or the centred log priors :math:`\log \pi_k - \frac{1}{K}\sum_j \log \pi_j`
    (:math:`K > 2`; softmax ignores the centring, scikit-learn's raw scores use it).

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> model = fit_gradient_boosting(X, [1.0, 1.0, 5.0, 5.0], n_estimators=30, max_depth=1)
    >>> predict_gradient_boosting(model, X).round(2).tolist()
    [1.08, 1.08, 4.92, 4.92]
    """
    if loss == "squared_error":
        classes, Y = np.array([], dtype=float), y[:, None]
        init = np.array([y.mean()])
    else:
        classes, codes = np.unique(y, return_inverse=True)
        Y = np.eye(classes.size)[codes]
        prior = np.clip(Y.mean(axis=0), np.finfo(float).eps, 1 - np.finfo(float).eps)
        if classes.size == 2:
            Y, init = Y[:, 1:], np.log(prior[1:] / prior[:1])
        else:                       # centred: the raw scores of a sample sum to zero
            init = np.log(prior) - np.log(prior).mean()
    K = Y.shape[1]
    F = np.tile(init, (y.size, 1))
    rounds = []
    for _ in range(n_estimators):
        residual = Y - (F if loss == "squared_error" else _probabilities(F))
        trees = []
        for k in range(K):
            tree = dt.fit_tree(X, residual[:, k], "squared_error", max_depth,
                               min_samples_leaf=min_samples_leaf)
            if loss == "log_loss":
                leaves = dt.apply(tree, X)
                tree = _newton_leaves(tree, leaves, residual[:, k], Y[:, k], K)
            F[:, k] += learning_rate * dt.predict(tree, X)
            trees.append(tree)
        rounds.append(tuple(trees))
    nu = np.full(n_estimators, learning_rate)
    return Boosted(tuple(rounds), nu, classes, loss, init)


def _newton_leaves(tree, leaf, r, y, K):
    """Leaf values sum(r) / sum(p (1 - p)) over each leaf's samples, p = y - r."""
    p = y - r
    num = np.bincount(leaf, weights=r, minlength=tree.left.size)
    den = np.bincount(leaf, weights=p * (1 - p), minlength=tree.left.size)
    scale = (K - 1) / K if K > 1 else 1.0
    value = np.divide(scale * num, den, out=np.zeros_like(num), where=np.abs(den) > 1e-150)
    return dataclasses.replace(tree, value=np.where(tree.left < 0, value, tree.value))


@validate(model=_boosted, X=matrix, n_rounds=_rounds, _=_check_width)
def decision_gradient_boosting(model, X, n_rounds=None):
    r"""The raw scores :math:`F_m(x) = F_0 + \nu \sum_{j \le m} h_j(x)` after ``n_rounds`` rounds.

    Examples
    --------
    >>> model = fit_gradient_boosting([[0.0], [1.0]], [0.0, 2.0], n_estimators=1,
    ...                               learning_rate=0.5)
    >>> decision_gradient_boosting(model, [[0.0], [1.0]]).ravel().tolist()
    [0.5, 1.5]
    """
    if model.loss == "samme":
        raise ValueError("model must come from fit_gradient_boosting; got an AdaBoost model")
    F = np.tile(model.init, (X.shape[0], 1))
    for trees, nu in list(zip(model.trees, model.weights))[:n_rounds]:
        F += nu * np.column_stack([dt.predict(tree, X) for tree in trees])
    return F


@validate(model=_boosted, X=matrix, n_rounds=_rounds, _=_check_width)
def predict_proba_gradient_boosting(model, X, n_rounds=None):
    """Class probabilities: the sigmoid (two classes) or softmax of the raw scores.

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> model = fit_gradient_boosting(X, [0, 0, 1, 1], loss="log_loss", n_estimators=10)
    >>> predict_proba_gradient_boosting(model, [[0.0]]).round(3).tolist()
    [[0.821, 0.179]]
    """
    if model.loss != "log_loss":
        raise ValueError(f"model must be a log_loss model for probabilities; got {model.loss}")
    p = _probabilities(decision_gradient_boosting(model, X, n_rounds))
    return np.column_stack([1 - p, p]) if p.shape[1] == 1 else p


@validate(model=_boosted, X=matrix, n_rounds=_rounds, _=_check_width)
def predict_gradient_boosting(model, X, n_rounds=None):
    """Predictions :math:`F_m(x)` (squared error) or the most probable class (log loss).

    Examples
    --------
    >>> model = fit_gradient_boosting([[0.0], [1.0]], [0.0, 2.0], n_estimators=50)
    >>> predict_gradient_boosting(model, [[0.0], [1.0]]).round(3).tolist()
    [0.005, 1.995]
    """
    if model.loss == "squared_error":
        return decision_gradient_boosting(model, X, n_rounds)[:, 0]
    proba = predict_proba_gradient_boosting(model, X, n_rounds)
    return model.classes[np.argmax(proba, axis=1)].astype(float)
