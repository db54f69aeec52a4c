r"""Decision trees (CART) for classification and regression.

A tree is grown greedily: at each node, every feature and every threshold
between two neighbouring distinct values is scored at once (the samples are
sorted per feature and the class counts, or the sums of :math:`y` and
:math:`y^2`, accumulated with one cumulative sum), and the split that lowers the
weighted impurity of the children most is kept. Growth stops at ``max_depth``,
below ``min_samples_split`` samples, when a child would get fewer than
``min_samples_leaf`` samples, when the best decrease of impurity (weighted by the
node's share of the training set, as in scikit-learn) is below
``min_impurity_decrease``, or when the node is pure.

Two hooks serve the ensembles (:mod:`mlcheatsheet.algorithms.ensembles`):
``sample_weight`` weights every sample in the class counts (or the sums of
:math:`y`), as boosting needs and as bootstrap counts do (samples of weight 0 are
left out, as scikit-learn does); ``max_features`` with an ``rng`` scores only a
random subset of the features at each node, as a random forest needs.

Conventions (those of scikit-learn's ``DecisionTreeClassifier`` /
``DecisionTreeRegressor``): a sample goes left when ``x[feature] <= threshold``;
the threshold is the midpoint of two neighbouring distinct values; nodes are
numbered depth first, left child first. **Ties** between equally good splits go
to the lowest feature index, then the lowest threshold; scikit-learn visits
the features in a random order, so on an exact tie the two may pick different
(equally good) splits.

A tree is a :class:`Tree` record of flat arrays (node ``i`` has children
``left[i]`` and ``right[i]``, ``-1`` for a leaf); the functions take it as
their first argument.
"""

import dataclasses

import numpy as np

from .._validation import (matrix, nonnegative, optional, options, integer, array, rng,
                           same_length, validate, vector)

__all__ = [
    "Tree",
    "gini",
    "entropy",
    "information_gain",
    "split_impurities",
    "best_split",
    "fit_tree",
    "predict",
    "predict_proba",
    "apply",
    "feature_importances",
    "n_leaves",
    "pruning_path",
    "prune",
    "render_tree",
    "audit_splits",
]

CRITERIA = ("gini", "entropy", "squared_error")
_SAME_VALUE = 1e-7  # neighbouring values closer than this are not split between (as scikit-learn)


@dataclasses.dataclass(frozen=True)
class Tree:
    """A fitted tree: flat arrays, one entry per node (node 0 is the root).

    ``value[i]`` is the class distribution (classification, fractions summing to
    1) or the mean target (regression) of the training samples reaching node
    ``i``; ``impurity[i]`` their impurity, ``n_samples[i]`` their number and
    ``weight[i]`` their total sample weight (their number, without weights);
    ``n_features`` is the width of the training ``X``.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    impurity: np.ndarray
    n_samples: np.ndarray
    classes: np.ndarray
    criterion: str
    weight: np.ndarray
    n_features: int

    @property
    def is_leaf(self):
        return self.left < 0


def _tree(value, name):
    if not isinstance(value, Tree):
        raise TypeError(f"{name} must be a Tree from fit_tree; got {type(value).__name__}")
    return value


_tree.kind = "tree"
_counts = array(ndim=1)
_counts2 = array(ndim=2)


def _check_counts(args):
    for name in ("counts", "parent", "children"):
        if name in args and args[name] is not None and np.any(args[name] < 0):
            raise ValueError(f"{name} must hold counts >= 0; got {args[name].tolist()}")
    if "counts" in args and args["counts"].sum() <= 0:
        raise ValueError(f"counts must have a positive total; got {args['counts'].tolist()}")


def _check_children(args):
    _check_counts(args)
    parent, children = args["parent"], args["children"]
    if children.shape[1] != parent.shape[0]:
        raise ValueError(f"children must have one column per class of parent ({parent.shape[0]}); "
                         f"got shape {children.shape}")
    if not np.allclose(children.sum(axis=0), parent):
        raise ValueError("children must add up to parent (class by class); got "
                         f"{children.sum(axis=0).tolist()} for {parent.tolist()}")
    if parent.sum() <= 0:
        raise ValueError(f"parent must have a positive total; got {parent.tolist()}")


def _impurity(p, criterion):
    """Impurity of class fractions ``p`` (last axis), vectorized."""
    if criterion == "gini":
        return 1.0 - np.sum(p * p, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sum(np.where(p > 0, p * np.log2(np.where(p > 0, p, 1.0)), 0.0), axis=-1)


@validate(counts=_counts, _=_check_counts)
def gini(counts):
    r"""Gini impurity :math:`1 - \sum_k p_k^2` of a node with class ``counts``.

    Examples
    --------
    >>> gini([5, 5]), gini([10, 0])
    (0.5, 0.0)
    """
    p = counts / counts.sum()
    return float(1.0 - np.sum(p**2))


@validate(counts=_counts, _=_check_counts)
def entropy(counts):
    r"""Entropy :math:`-\sum_k p_k \log_2 p_k` in bits of a node with class ``counts`` (0 log 0 = 0).

    Examples
    --------
    >>> entropy([16, 14])
    0.9967916319816366
    """
    p = counts[counts > 0] / counts.sum()
    return float(-np.sum(p * np.log2(p)))


_impurities = options("gini", "entropy")


@validate(parent=_counts, children=_counts2, criterion=_impurities, _=_check_children)
def information_gain(parent, children, criterion="entropy"):
    r"""Impurity of ``parent`` minus the size-weighted impurity of its ``children``.

    .. math:: IG = H(S) - \sum_v \frac{|S_v|}{|S|} H(S_v)

    ``children`` has one row of class counts per child (rows may be empty).

    Examples
    --------
    >>> round(information_gain([16, 14], [[12, 1], [4, 13]]), 4)
    0.3812
    """
    sizes = children.sum(axis=1)
    keep = sizes > 0
    h_children = _impurity(children[keep] / sizes[keep, None], criterion)
    h_parent = _impurity(parent / parent.sum(), criterion)
    return float(h_parent - np.sum(sizes[keep] / parent.sum() * h_children))


def _check_weights(args):
    w = args.get("sample_weight")
    if w is not None:
        if w.shape != args["y"].shape:
            raise ValueError(f"sample_weight must have one entry per sample ({args['y'].size}); "
                             f"got shape {w.shape}")
        if np.any(w < 0) or w.sum() <= 0:
            raise ValueError("sample_weight must be >= 0 with a positive total; got "
                             f"min {w.min()} and total {w.sum()}")


def _check_fit(args):
    same_length("X", "y")(args)
    _check_weights(args)
    k = args.get("max_features")
    if k is not None and k > args["X"].shape[1]:
        raise ValueError(f"max_features must be at most the number of features "
                         f"({args['X'].shape[1]}); got {k}")


_weights = optional(vector)
_xy = dict(X=matrix, y=vector, criterion=options(*CRITERIA), _=same_length("X", "y"))


@validate(**_xy, min_samples_leaf=integer(1), sample_weight=_weights, _w=_check_weights)
def split_impurities(X, y, criterion="gini", min_samples_leaf=1, sample_weight=None):
    r"""Weighted child impurity :math:`n_L H_L + n_R H_R` of every cut of every feature.

    Returns ``(xs, scores)``: ``xs`` is ``X`` sorted column by column and
    ``scores[i, j]`` belongs to the cut of feature ``j`` between ``xs[i, j]`` and
    ``xs[i + 1, j]`` (``inf`` where the two values are equal or a child would get
    fewer than ``min_samples_leaf`` samples). With ``sample_weight`` every count
    and sum is weighted (:math:`n_L` becomes the weight left of the cut).

    Examples
    --------
    >>> xs, scores = split_impurities([[1.0], [2.0], [3.0]], [0, 0, 1])
    >>> scores.ravel().round(4).tolist()
    [1.0, 0.0]
    """
    w = np.ones(y.size) if sample_weight is None else sample_weight
    Y = _targets(y, criterion)[0] * w[:, None]  # weighted one-hot; or [w y, w y**2]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")
    xs = np.take_along_axis(X, order, axis=0)
    left = np.cumsum(Y[order], axis=0)[:-1]       # (n-1, d, K): sums left of each cut
    right = Y.sum(axis=0) - left
    w_left = np.cumsum(w[order], axis=0)[:-1]     # weight left of each cut
    w_right = w.sum() - w_left
    if criterion == "squared_error":             # column 0 sums y, column 1 sums y**2
        scores = (left[..., 1] - left[..., 0] ** 2 / w_left
                  + right[..., 1] - right[..., 0] ** 2 / w_right)
    else:
        scores = (w_left * _impurity(left / w_left[..., None], criterion)
                  + w_right * _impurity(right / w_right[..., None], criterion))
    n_left = np.arange(1, n)[:, None]
    distinct = xs[1:] > xs[:-1] + _SAME_VALUE
    allowed = distinct & (n_left >= min_samples_leaf) & (n - n_left >= min_samples_leaf)
    return xs, np.where(allowed, scores, np.inf)


def _targets(y, criterion):
    if criterion == "squared_error":
        return np.column_stack([y, y * y]), None
    classes, codes = np.unique(y, return_inverse=True)
    return np.eye(classes.size)[codes], classes


def _node_impurity(Y, criterion, w=None):
    n = Y.shape[0] if w is None else w.sum()
    total = Y.sum(axis=0) if w is None else w @ Y
    if criterion == "squared_error":
        return max(total[1] / n - (total[0] / n) ** 2, 0.0)
    return float(_impurity(total / n, criterion))


def _best(X, y, criterion, min_leaf, w=None, features=None):
    """Best cut over the columns ``features`` (all, in order, by default)."""
    features = np.arange(X.shape[1]) if features is None else features
    xs, scores = split_impurities.__wrapped__(X[:, features], y, criterion, min_leaf, w)
    flat = int(np.argmin(scores.T))                    # feature-major: the first feature wins a tie
    column, i = divmod(flat, scores.shape[0])
    score, feature = scores[i, column], int(features[column])
    xs = {feature: xs[:, column]}
    if not np.isfinite(score):
        return None
    low, high = xs[feature][i], xs[feature][i + 1]
    threshold = (low + high) / 2.0
    if threshold == high:                              # rounding: keep the right value on the right
        threshold = low
    return feature, float(threshold), float(score)


@validate(X=matrix, y=vector, criterion=options(*CRITERIA), _=same_length("X", "y"))
def best_split(X, y, criterion="gini"):
    r"""The best single split of ``(X, y)``: ``(feature, threshold, impurity decrease)``.

    The decrease is the node's impurity minus the size-weighted impurity of the
    two children (the information gain, for ``"entropy"``). Returns ``None``
    when no split is possible (every feature constant).

    Examples
    --------
    >>> X = [[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]]
    >>> best_split(X, [0, 0, 0, 1, 1, 0])
    (0, 3.5, 0.2222222222222222)
    """
    Y, _ = _targets(y, criterion)
    found = _best(X, y, criterion, 1)
    if found is None:
        return None
    feature, threshold, score = found
    return feature, threshold, _node_impurity(Y, criterion) - score / y.size


def _features(X, rows, max_features, rng):
    """All features in order, or ``max_features`` of the non-constant ones in a random order."""
    if max_features is None:
        return None
    order = rng.permutation(X.shape[1])
    span = X[rows][:, order]
    varying = order[span.max(axis=0) > span.min(axis=0) + _SAME_VALUE]
    return varying[:max_features] if varying.size else order[:1]


@validate(X=matrix, y=vector, criterion=options(*CRITERIA), max_depth=optional(integer(1)),
          min_samples_split=integer(2), min_samples_leaf=integer(1),
          min_impurity_decrease=nonnegative, sample_weight=_weights,
          max_features=optional(integer(1)), rng=rng, _=_check_fit)
def fit_tree(X, y, criterion="gini", max_depth=None, min_samples_split=2, min_samples_leaf=1,
             min_impurity_decrease=0.0, sample_weight=None, max_features=None, rng=0):
    r"""Grow a CART tree on ``(X, y)``; ``criterion="squared_error"`` makes a regression tree.

    ``sample_weight`` weights the samples in every count, sum and impurity (the
    stopping rules on numbers of samples still count samples); ``max_features``
    scores only that many randomly chosen (non-constant) features at each node,
    drawn with ``rng``, which is not used otherwise.

    Examples
    --------
    >>> tree = fit_tree([[1.0], [2.0], [3.0], [4.0]], [0, 0, 1, 1])
    >>> float(tree.threshold[0]), n_leaves(tree), predict(tree, [[0.0], [9.0]]).tolist()
    (2.5, 2, [0.0, 1.0])
    >>> heavy = fit_tree([[1.0], [2.0], [3.0]], [0, 1, 1], max_depth=1, sample_weight=[5, 1, 1])
    >>> predict_proba(heavy, [[9.0]]).tolist()
    [[0.0, 1.0]]
    """
    Y, classes = _targets(y, criterion)
    w = np.ones(y.size) if sample_weight is None else sample_weight
    w_total = w.sum()
    nodes = []

    def grow(rows, depth):
        Yn, wn = Y[rows], w[rows]
        impurity = _node_impurity(Yn, criterion, wn)
        value = wn @ Yn / wn.sum()
        value = value[0] if classes is None else value
        node = len(nodes)
        nodes.append([-2, -2.0, -1, -1, value, impurity, rows.size, wn.sum()])
        if (rows.size < min_samples_split or rows.size < 2 * min_samples_leaf or impurity <= 1e-7
                or (max_depth is not None and depth >= max_depth)):
            return node
        features = _features(X, rows, max_features, rng)
        found = _best(X[rows], y[rows], criterion, min_samples_leaf, wn, features)
        if found is None:
            return node
        feature, threshold, score = found
        decrease = (wn.sum() * impurity - score) / w_total
        if decrease < min_impurity_decrease:
            return node
        goes_left = X[rows, feature] <= threshold
        nodes[node][0:2] = [feature, threshold]
        nodes[node][2] = grow(rows[goes_left], depth + 1)
        nodes[node][3] = grow(rows[~goes_left], depth + 1)
        return node

    grow(np.flatnonzero(w > 0), 0)
    columns = list(zip(*nodes))
    return Tree(feature=np.array(columns[0], dtype=np.int64),
                threshold=np.array(columns[1], dtype=float),
                left=np.array(columns[2], dtype=np.int64), right=np.array(columns[3], dtype=np.int64),
                value=np.array(columns[4], dtype=float), impurity=np.array(columns[5], dtype=float),
                n_samples=np.array(columns[6], dtype=np.int64),
                classes=np.array([], dtype=float) if classes is None else classes,
                criterion=criterion, weight=np.array(columns[7], dtype=float),
                n_features=X.shape[1])


def _check_width(args):
    tree, X = args["tree"], args["X"]
    used = tree.feature[tree.left >= 0]
    if used.size and X.shape[1] <= used.max():
        raise ValueError(f"X must have at least {used.max() + 1} columns for this tree; "
                         f"got shape {X.shape}")


@validate(tree=_tree, X=matrix, _=_check_width)
def apply(tree, X):
    """The leaf (node index) each row of ``X`` ends in, all rows descending together.

    Examples
    --------
    >>> apply(fit_tree([[1.0], [2.0]], [0, 1]), [[0.0], [5.0]]).tolist()
    [1, 2]
    """
    node = np.zeros(X.shape[0], dtype=np.int64)
    rows = np.arange(X.shape[0])
    while True:
        inner = tree.left[node] >= 0
        if not inner.any():
            return node
        r, n = rows[inner], node[inner]
        go_left = X[r, tree.feature[n]] <= tree.threshold[n]
        node[inner] = np.where(go_left, tree.left[n], tree.right[n])


@validate(tree=_tree, X=matrix, _=_check_width)
def predict_proba(tree, X):
    """Class fractions of the training samples in each row's leaf (classification trees).

    Examples
    --------
    >>> predict_proba(fit_tree([[1.0], [2.0]], [0, 1]), [[0.0]]).tolist()
    [[1.0, 0.0]]
    """
    if tree.criterion == "squared_error":
        raise ValueError("tree must be a classification tree for predict_proba; got a regression tree")
    return tree.value[apply(tree, X)]


@validate(tree=_tree, X=matrix, _=_check_width)
def predict(tree, X):
    """The majority class (lowest label on a tie) or the mean target of each row's leaf.

    Examples
    --------
    >>> predict(fit_tree([[1.0], [2.0]], [1.5, 3.5], criterion="squared_error"), [[9.0]]).tolist()
    [3.5]
    """
    leaf = apply(tree, X)
    if tree.criterion == "squared_error":
        return tree.value[leaf]
    return tree.classes[np.argmax(tree.value[leaf], axis=1)].astype(float)


@validate(tree=_tree)
def feature_importances(tree):
    r"""Impurity importances: each feature's share of the total weighted impurity decrease.

    A split of node :math:`t` into :math:`l, r` removes
    :math:`w_t H_t - w_l H_l - w_r H_r` (:math:`w` the weight of the samples,
    :math:`H` the impurity); the importances add these up per feature and divide
    by the total (scikit-learn's ``feature_importances_``; all zero for a single leaf).

    Examples
    --------
    >>> feature_importances(fit_tree([[0.0, 1.0], [0.0, 2.0]], [0, 1])).tolist()
    [0.0, 1.0]
    """
    inner = np.flatnonzero(tree.left >= 0)
    l, r = tree.left[inner], tree.right[inner]
    wh = tree.weight * tree.impurity
    decrease = wh[inner] - wh[l] - wh[r]
    total = np.bincount(tree.feature[inner], weights=decrease, minlength=tree.n_features)
    return total / total.sum() if total.sum() > 0 else total


@validate(tree=_tree)
def n_leaves(tree):
    """The number of leaves.

    Examples
    --------
    >>> n_leaves(fit_tree([[1.0], [2.0], [3.0]], [0, 1, 0]))
    3
    """
    return int(np.sum(tree.left < 0))


def _weakest_links(tree):
    """Cost-complexity pruning sequence: [(alpha, leaves-impurity R(T), pruned node set)]."""
    risk = tree.impurity * tree.weight / tree.weight[0]    # R(t), each node as a leaf
    pruned = np.zeros(tree.left.size, dtype=bool)       # True: node is a leaf of the pruned tree
    pruned[tree.left < 0] = True
    removed = np.zeros(tree.left.size, dtype=bool)      # below a pruned node
    steps = [(0.0, float(risk[tree.left < 0].sum()), pruned.copy(), removed.copy())]
    while not pruned[0]:
        subtree_risk = np.zeros(tree.left.size)
        leaves = np.zeros(tree.left.size)
        for node in range(tree.left.size - 1, -1, -1):   # children have larger indices
            if removed[node]:
                continue
            if pruned[node]:
                subtree_risk[node], leaves[node] = risk[node], 1
            else:
                kids = [tree.left[node], tree.right[node]]
                subtree_risk[node], leaves[node] = subtree_risk[kids].sum(), leaves[kids].sum()
        inner = ~pruned & ~removed
        alpha = np.full(tree.left.size, np.inf)
        alpha[inner] = (risk[inner] - subtree_risk[inner]) / (leaves[inner] - 1)
        weakest = int(np.argmin(alpha))
        stack = [tree.left[weakest], tree.right[weakest]]
        while stack:
            node = stack.pop()
            removed[node] = True
            if tree.left[node] >= 0:
                stack += [tree.left[node], tree.right[node]]
        pruned[weakest] = True
        pruned &= ~removed
        total = float(risk[pruned].sum())
        steps.append((max(float(alpha[weakest]), steps[-1][0]), total, pruned.copy(), removed.copy()))
    return steps


@validate(tree=_tree)
def pruning_path(tree):
    r"""Effective alphas and total leaf impurities of the weakest-link pruning sequence.

    Pruning the internal node :math:`t` costs :math:`R(t) - R(T_t)` in training
    impurity (weighted by the share of samples) and saves :math:`|T_t| - 1` leaves;
    the weakest link has the smallest ratio :math:`\alpha_{\text{eff}}`. The tree
    minimizing :math:`R(T) + \alpha |T|` for a given ``ccp_alpha`` is the last one
    of the sequence whose effective alpha is at most ``ccp_alpha``.

    Examples
    --------
    >>> alphas, impurities = pruning_path(fit_tree([[1.0], [2.0], [3.0]], [0, 1, 0]))
    >>> alphas.round(4).tolist(), impurities.round(4).tolist()
    ([0.0, 0.2222], [0.0, 0.4444])
    """
    steps = _weakest_links(tree)
    return np.array([s[0] for s in steps]), np.array([s[1] for s in steps])


@validate(tree=_tree, ccp_alpha=nonnegative)
def prune(tree, ccp_alpha):
    r"""The minimal cost-complexity subtree for ``ccp_alpha`` (scikit-learn's ``ccp_alpha``).

    Examples
    --------
    >>> tree = fit_tree([[1.0], [2.0], [3.0]], [0, 1, 0])
    >>> n_leaves(prune(tree, 0.2)), n_leaves(prune(tree, 0.25))
    (3, 1)
    """
    steps = _weakest_links(tree)
    _, _, pruned, removed = [s for s in steps if s[0] <= ccp_alpha][-1]
    keep = np.flatnonzero(~removed)
    new_index = np.full(tree.left.size, -1)
    new_index[keep] = np.arange(keep.size)
    leaf = pruned[keep]
    left = np.where(leaf, -1, new_index[tree.left[keep]])
    right = np.where(leaf, -1, new_index[tree.right[keep]])
    return Tree(feature=np.where(leaf, -2, tree.feature[keep]),
                threshold=np.where(leaf, -2.0, tree.threshold[keep]),
                left=left, right=right, value=tree.value[keep],
                impurity=tree.impurity[keep], n_samples=tree.n_samples[keep],
                classes=tree.classes, criterion=tree.criterion,
                weight=tree.weight[keep], n_features=tree.n_features)


@validate(tree=_tree, decimals=integer(0, 12))
def render_tree(tree, decimals=2):
    """The tree as indented text: one line per split and per leaf.

    Examples
    --------
    >>> print(render_tree(fit_tree([[1.0], [2.0], [3.0], [4.0]], [0, 0, 1, 1])))
    x[0] <= 2.50  (gini 0.50, 4 samples)
    |   class 0  (gini 0.00, 2 samples)
    |   class 1  (gini 0.00, 2 samples)
    """
    lines = []

    def leaf_text(node):
        if tree.criterion == "squared_error":
            return f"value {tree.value[node]:.{decimals}f}"
        label = tree.classes[int(np.argmax(tree.value[node]))]
        return f"class {label:g}"

    def walk(node, depth):
        stats = f"({tree.criterion} {tree.impurity[node]:.{decimals}f}, {tree.n_samples[node]} samples)"
        head = "|   " * depth
        if tree.left[node] < 0:
            lines.append(f"{head}{leaf_text(node)}  {stats}")
            return
        lines.append(f"{head}x[{tree.feature[node]}] <= {tree.threshold[node]:.{decimals}f}  {stats}")
        walk(tree.left[node], depth + 1)
        walk(tree.right[node], depth + 1)

    walk(0, 0)
    return "\n".join(lines)



def _check_structure(args):
    same_length("X", "y")(args)
    arrays = [args[k] for k in ("feature", "threshold", "left", "right")]
    if len({a.size for a in arrays}) != 1:
        raise ValueError("feature, threshold, left and right must have one entry per node; got sizes "
                         f"{[a.size for a in arrays]}")
    n = arrays[0].size
    for name in ("left", "right"):
        a = args[name]
        if np.any((a >= n) | ((a < 0) & (a != -1))):
            raise ValueError(f"{name} must hold node indices below {n} or -1 for a leaf; got "
                             f"min {a.min()} and max {a.max()}")


_audit = dict(X=matrix, y=vector, feature=vector, threshold=vector, left=vector, right=vector,
              criterion=options(*CRITERIA), min_samples_leaf=integer(1), _=_check_structure)


@validate(**_audit)
def audit_splits(X, y, feature, threshold, left, right, criterion="gini",
                 min_samples_leaf=1):
    r"""Judge each split of a given tree against the best split of the samples it gets.

    The tree is given as flat arrays in the layout of :class:`Tree` (and of
    scikit-learn's ``tree_``: ``x[feature] <= threshold`` goes left, ``-1`` marks
    a leaf). The training samples ``(X, y)`` flow down it; at each internal node
    the split is compared with the one :func:`fit_tree` would choose there:
    ``"same"`` (same feature and threshold up to 1e-6), ``"tie"`` (a different
    split whose weighted child impurity equals the best up to rounding: 1e-12
    times the node's number of samples, or its sum of :math:`y^2` for regression,
    where the scores are differences of such sums),
    or ``"worse"``. Leaves are ``"leaf"``. A tree grown by the same rules but
    another tie-breaking has only ``"same"`` and ``"tie"`` nodes.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [1.0, 1.0]]
    >>> audit_splits(X, [0, 0, 1, 1], feature=[1, -2, -2], threshold=[0.5, -2, -2],
    ...              left=[1, -1, -1], right=[2, -1, -1]).tolist()
    ['tie', 'leaf', 'leaf']
    """
    feature, left, right = (a.astype(np.int64) for a in (feature, left, right))
    verdict = np.full(feature.size, "leaf", dtype=object)
    stack = [(0, np.arange(y.size))]
    while stack:
        node, rows = stack.pop()
        if left[node] < 0:
            continue
        f, t = int(feature[node]), float(threshold[node])
        goes_left = X[rows, f] <= t
        stack += [(int(left[node]), rows[goes_left]),
                  (int(right[node]), rows[~goes_left])]
        found = _best(X[rows], y[rows], criterion, min_samples_leaf)
        if found is not None and found[0] == f and abs(found[1] - t) < 1e-6:
            verdict[node] = "same"
            continue
        Y, _ = _targets(y[rows], criterion)
        given = sum(np.count_nonzero(part) * _node_impurity(Y[part], criterion)
                    for part in (goes_left, ~goes_left) if part.any())
        best = np.inf if found is None else found[2]
        # rounding scale of the scores: sum of y**2 (regression) or number of samples
        scale = np.sum(Y[:, 1]) if criterion == "squared_error" else rows.size
        tie = abs(given - best) <= 1e-12 * max(scale, 1.0)
        verdict[node] = "tie" if tie else "worse"
    return verdict.astype(str)
