r"""
Four linkages on the same points
================================

:func:`mlcheatsheet.unsupervised.hierarchical.linkage` with single, complete,
average and Ward linkage on two interleaved half-moons and a round blob, each
tree cut into three clusters with
:func:`mlcheatsheet.unsupervised.hierarchical.cut`. Single linkage follows the
curved shapes exactly; the other three cut a piece off a moon and join it to
its neighbour, preferring more compact groups.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

from mlcheatsheet.unsupervised import hierarchical as hc

rng = np.random.default_rng(0)
moons, _ = make_moons(160, noise=0.05, random_state=0)
blob = rng.normal(size=(40, 2)) * 0.15 + [2.6, 1.1]
X = np.vstack([moons, blob])

fig, axes = plt.subplots(2, 2, figsize=(8, 6.4), layout="constrained", sharex=True, sharey=True)
for ax, method in zip(axes.flat, hc.LINKAGES):
    labels = hc.cut(hc.linkage(X, method), 3)
    ax.scatter(X[:, 0], X[:, 1], c=labels, cmap="viridis", s=10)
    ax.set(title=f"{method} linkage, 3 clusters", xlabel="$x_1$", ylabel="$x_2$")
plt.show()
