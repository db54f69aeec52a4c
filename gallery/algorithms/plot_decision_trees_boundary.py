r"""
Decision boundary of a tree, grown fully and pruned
===================================================

Two interleaved half-moons with label noise (300 points, seeded). Left: a CART
tree with no depth limit cuts the plane into many small rectangles, one around
nearly every mislabelled point. Right: the same tree after cost-complexity
pruning, with :math:`\alpha` chosen on a held-out third of the data; it keeps a
handful of axis-aligned cuts that follow the two moons.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

from mlcheatsheet.algorithms import _plotting
from mlcheatsheet.algorithms import decision_trees as dt
from mlcheatsheet.classification import metrics

X, y = make_moons(n_samples=300, noise=0.3, random_state=0)
order = np.random.default_rng(0).permutation(y.size)
tr, va = order[:200], order[200:]
full = dt.fit_tree(X[tr], y[tr])
alphas, _ = dt.pruning_path(full)
scores = [metrics.accuracy(y[va], dt.predict(dt.prune(full, a), X[va])) for a in alphas]
best_alpha = alphas[int(np.argmax(scores))]
pruned = dt.prune(full, best_alpha)
for name, tree in [("full", full), ("pruned", pruned)]:
    print(f"{name:6s} leaves {dt.n_leaves(tree):3d}  "
          f"train {metrics.accuracy(y[tr], dt.predict(tree, X[tr])):.3f}  "
          f"held-out {metrics.accuracy(y[va], dt.predict(tree, X[va])):.3f}")

# %%
# The decision regions, with the training points on top.
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharey=True)
for ax, (name, tree) in zip(axes, [("no depth limit", full),
                                   (f"pruned, ccp_alpha = {best_alpha:.4f}", pruned)]):
    _plotting.plot_regions(ax, lambda Q, tree=tree: dt.predict(tree, Q), X[tr], y[tr],
                           xlim=(-2, 3), ylim=(-1.6, 2.1), resolution=300)
    ax.set(xlabel="$x_1$", title=f"{name}: {dt.n_leaves(tree)} leaves")
axes[0].set_ylabel("$x_2$")
axes[0].legend(loc="lower left")
plt.show()
