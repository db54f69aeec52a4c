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

from .._validation import (interval, matrix, nonnegative, optional, options, integer, array,
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
    "n_leaves",
    "pruning_path",
    "prune",
    "render_tree",
]

CRITERIA = ("gini", "entropy", "squared_error")
_SAME_VALUE = 1e-7  # neighbouring values closer than this are not split between (as scikit-learn)


@dataclasses.dataclass(frozen=True)
class Tree:
    """A fitted tree: flat arrays, one entry per node (node 0 is the root).

    ``value[i]`` is the class distribution (classification, fractions summing to
    1) or the mean target (regression) of the training samples reaching node
    ``i``; ``impurity[i]`` their impurity and ``n_samples[i]`` their number.
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


_xy = dict(X=matrix, y=vector, criterion=options(*CRITERIA), _=same_length("X", "y"))


@validate(**_xy, min_samples_leaf=integer(1))
def split_impurities(X, y, criterion="gini", min_samples_leaf=1):
    r"""Weighted child impurity :math:`n_L H_L + n_R H_R` of every cut of every feature.

    Returns ``(xs, scores)``: ``xs`` is ``X`` sorted column by column and
    ``scores[i, j]`` belongs to the cut of feature ``j`` between ``xs[i, j]`` and
    ``xs[i + 1, j]`` (``inf`` where the two values are equal or a child would get
    fewer than ``min_samples_leaf`` samples).

    Examples
    --------
    >>> xs, scores = split_impurities([[1.0], [2.0], [3.0]], [0, 0, 1])
    >>> scores.ravel().round(4).tolist()
    [1.0, 0.0]
    """
    Y = _targets(y, criterion)[0]     # one-hot classes (n, K); squared error: [y, y**2]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")
    xs = np.take_along_axis(X, order, axis=0)
    left = np.cumsum(Y[order], axis=0)[:-1]       # (n-1, d, K): sums left of each cut
    right = Y.sum(axis=0) - left
    n_left = np.arange(1, n)[:, None]
    n_right = n - n_left
    if criterion == "squared_error":             # column 0 sums y, column 1 sums y**2
        scores = (left[..., 1] - left[..., 0] ** 2 / n_left
                  + right[..., 1] - right[..., 0] ** 2 / n_right)
    else:
        scores = (n_left * _impurity(left / n_left[..., None], criterion)
                  + n_right * _impurity(right / n_right[..., None], criterion))
    distinct = xs[1:] > xs[:-1] + _SAME_VALUE
    allowed = distinct & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    return xs, np.where(allowed, scores, np.inf)


def _targets(y, criterion):
    if criterion == "squared_error":
        return np.column_stack([y, y * y]), None
    classes, codes = np.unique(y, return_inverse=True)
    return np.eye(classes.size)[codes], classes


def _node_impurity(Y, criterion):
    n = Y.shape[0]
    total = Y.sum(axis=0)
    if criterion == "squared_error":
        return max(total[1] / n - (total[0] / n) ** 2, 0.0)
    return float(_impurity(total / n, criterion))


def _best(X, y, criterion, min_leaf):
    xs, scores = split_impurities.__wrapped__(X, y, criterion, min_leaf)
    flat = int(np.argmin(scores.T))                    # feature-major: lowest feature wins a tie
    feature, i = divmod(flat, scores.shape[0])
    score = scores[i, feature]
    if not np.isfinite(score):
        return None
    threshold = (xs[i, feature] + xs[i + 1, feature]) / 2.0
    if threshold == xs[i + 1, feature]:                # rounding: keep the right value on the right
        threshold = xs[i, feature]
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


@validate(X=matrix, y=vector, criterion=options(*CRITERIA), max_depth=optional(integer(1)),
          min_samples_split=integer(2), min_samples_leaf=integer(1),
          min_impurity_decrease=nonnegative, _=same_length("X", "y"))
def fit_tree(X, y, criterion="gini", max_depth=None, min_samples_split=2, min_samples_leaf=1,
             min_impurity_decrease=0.0):
    r"""Grow a CART tree on ``(X, y)``; ``criterion="squared_error"`` makes a regression tree.

    Examples
    --------
    >>> tree = fit_tree([[1.0], [2.0], [3.0], [4.0]], [0, 0, 1, 1])
    >>> float(tree.threshold[0]), n_leaves(tree), predict(tree, [[0.0], [9.0]]).tolist()
    (2.5, 2, [0.0, 1.0])
    """
    Y, classes = _targets(y, criterion)
    n_total = y.size
    nodes = []

    def grow(rows, depth):
        Yn = Y[rows]
        impurity = _node_impurity(Yn, criterion)
        value = Yn[:, 0].mean() if classes is None else Yn.mean(axis=0)
        node = len(nodes)
        nodes.append([-2, -2.0, -1, -1, value, impurity, rows.size])
        if (rows.size < min_samples_split or rows.size < 2 * min_samples_leaf or impurity <= 1e-7
                or (max_depth is not None and depth >= max_depth)):
            return node
        found = _best(X[rows], y[rows], criterion, min_samples_leaf)
        if found is None:
            return node
        feature, threshold, score = found
        decrease = (rows.size * impurity - score) / n_total
        if decrease < min_impurity_decrease:
            return node
        goes_left = X[rows, feature] <= threshold
        nodes[node][0:2] = [feature, threshold]
        nodes[node][2] = grow(rows[goes_left], depth + 1)
        nodes[node][3] = grow(rows[~goes_left], depth + 1)
        return node

    grow(np.arange(n_total), 0)
    columns = list(zip(*nodes))
    return Tree(feature=np.array(columns[0], dtype=np.int64),
                threshold=np.array(columns[1], dtype=float),
                left=np.array(columns[2], dtype=np.int64), right=np.array(columns[3], dtype=np.int64),
                value=np.array(columns[4], dtype=float), impurity=np.array(columns[5], dtype=float),
                n_samples=np.array(columns[6], dtype=np.int64),
                classes=np.array([], dtype=float) if classes is None else classes,
                criterion=criterion)


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
    n = tree.n_samples[0]
    risk = tree.impurity * tree.n_samples / n          # R(t), each node as a leaf
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
                classes=tree.classes, criterion=tree.criterion)


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
