r"""
k-nearest neighbours: uniform and distance weights
==================================================

The same noisy half-moons as the decision-tree example, classified by their
15 nearest neighbours. Left: every neighbour has one vote. Right: each vote is
weighted by :math:`1/d`, so the nearest neighbours dominate; the regions bend
back towards single training points, and every training point is classified
as its own label (its distance to itself is 0).
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

from mlcheatsheet.algorithms import knn
from mlcheatsheet.classification import metrics

X, y = make_moons(n_samples=300, noise=0.3, random_state=0)
order = np.random.default_rng(0).permutation(y.size)
tr, te = order[:200], order[200:]
for weights in ["uniform", "distance"]:
    train = metrics.accuracy(y[tr], knn.knn_classify(X[tr], y[tr], X[tr], k=15, weights=weights))
    test = metrics.accuracy(y[te], knn.knn_classify(X[tr], y[tr], X[te], k=15, weights=weights))
    print(f"{weights:8s} train {train:.3f}  held-out {test:.3f}")

# %%
# Decision regions over a grid, training points on top.
g1, g2 = np.meshgrid(np.linspace(-2, 3, 250), np.linspace(-1.6, 2.1, 250))
grid = np.column_stack([g1.ravel(), g2.ravel()])
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharey=True)
for ax, weights in zip(axes, ["uniform", "distance"]):
    regions = knn.knn_classify(X[tr], y[tr], grid, k=15, weights=weights).reshape(g1.shape)
    ax.contourf(g1, g2, regions, levels=[-0.5, 0.5, 1.5], colors=["C0", "C3"], alpha=0.3)
    for label, marker, color in [(0, "o", "C0"), (1, "^", "C3")]:
        ax.scatter(*X[tr][y[tr] == label].T, marker=marker, c=color, edgecolors="k",
                   linewidths=0.5, label=f"class {label}")
    ax.set(xlabel="$x_1$", title=f"k = 15, {weights} weights")
axes[0].set_ylabel("$x_2$")
axes[0].legend(loc="lower left")
plt.show()
