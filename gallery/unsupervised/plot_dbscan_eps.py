r"""
DBSCAN for several eps
======================

:func:`mlcheatsheet.unsupervised.dbscan.dbscan` on two noisy half-moons with
``min_samples = 10`` and four neighbourhood radii: too small and most points are
noise (red crosses) in many small clusters, too large and the moons merge.
"""

# %%
import matplotlib.pyplot as plt
from sklearn.datasets import make_moons

from mlcheatsheet.unsupervised import dbscan as db

X, _ = make_moons(400, noise=0.08, random_state=0)
fig, axes = plt.subplots(2, 2, figsize=(8, 6.4), layout="constrained", sharex=True, sharey=True)
for ax, eps in zip(axes.flat, (0.08, 0.12, 0.2, 0.5)):
    labels, core = db.dbscan(X, eps, 10)
    clustered = labels >= 0
    ax.scatter(*X[clustered].T, c=labels[clustered], cmap="viridis", s=8)
    ax.scatter(*X[~clustered].T, c="red", marker="x", s=14)
    ax.set(title=f"eps = {eps}: {labels.max() + 1} clusters, {(~clustered).sum()} noise",
           xlabel="$x_1$", ylabel="$x_2$")
plt.show()
