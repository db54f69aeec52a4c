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

from mlcheatsheet.algorithms import _plotting, knn
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
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharey=True)
for ax, weights in zip(axes, ["uniform", "distance"]):
    predict = lambda Q, w=weights: knn.knn_classify(X[tr], y[tr], Q, k=15, weights=w)  # noqa: E731
    _plotting.plot_regions(ax, predict, X[tr], y[tr], xlim=(-2, 3), ylim=(-1.6, 2.1))
    ax.set(xlabel="$x_1$", title=f"k = 15, {weights} weights")
axes[0].set_ylabel("$x_2$")
axes[0].legend(loc="lower left")
plt.show()
