r"""
Mean shift for several bandwidths
=================================

:func:`mlcheatsheet.unsupervised.mean_shift.mean_shift` with the flat kernel on
three generated blobs of different spreads, at four bandwidths :math:`h`. Each
panel's title gives the number of clusters and the adjusted Rand index against
the blobs the points were drawn from; the red crosses are the modes. A small
:math:`h` splits the blobs into many local peaks, a large one merges them.
"""

# %%
import matplotlib.pyplot as plt
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from mlcheatsheet.unsupervised import mean_shift as ms

X, y = make_blobs(300, centers=[[0, 0], [4, 0], [2, 3]], cluster_std=[0.6, 0.9, 0.5],
                  random_state=0)
fig, axes = plt.subplots(2, 2, figsize=(8, 6.4), layout="constrained", sharex=True, sharey=True)
for ax, h in zip(axes.flat, (0.6, 1.0, 1.5, 2.5)):
    labels, centres = ms.mean_shift(X, h)
    ax.scatter(*X.T, c=labels, cmap="viridis", s=8)
    ax.scatter(*centres.T, marker="x", s=80, color="red")
    ax.set(title=f"h = {h}: {len(centres)} clusters, ARI {adjusted_rand_score(y, labels):.2f}",
           xlabel="$x_1$", ylabel="$x_2$")
plt.show()
