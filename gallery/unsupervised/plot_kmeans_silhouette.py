r"""
Choosing K on the wine data: elbow and silhouettes
==================================================

:func:`mlcheatsheet.unsupervised.kmeans.variance_explained` and
:func:`mlcheatsheet.unsupervised.kmeans.silhouette_samples` on the 13
standardized wine measurements. Top left, the share of the total sum of squares
that the best K clusters explain, with the mean silhouette of each K. The other
panels are silhouette diagrams: every point's silhouette, sorted within its
cluster, one coloured band per cluster, and the mean as a dashed line. At K = 3
(the wine data hold three cultivars) the bands are of similar width and few
points fall below zero.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_wine

from mlcheatsheet.unsupervised import kmeans as km

X = load_wine().data
Z = (X - X.mean(axis=0)) / X.std(axis=0)
Ks = np.arange(1, 9)
explained = km.variance_explained(Z, 8, n_init=5, rng=0)
fits = {k: km.kmeans(Z, k, n_init=5, rng=0)[0] for k in Ks[1:]}
mean_s = [km.silhouette_score(Z, fits[k]) for k in Ks[1:]]

fig, axes = plt.subplots(2, 2, figsize=(8, 6.4), layout="constrained")
a = axes[0, 0]
a.plot(Ks, explained, "o-", label="variance explained")
a.plot(Ks[1:], mean_s, "s--", label="mean silhouette")
a.set(xlabel="K", ylabel="share / silhouette", title="Elbow and mean silhouette", ylim=(0, 1))
a.legend(loc="upper left")
for ax, k in zip(axes.flat[1:], (2, 3, 4)):
    s = km.silhouette_samples(Z, fits[k])
    low = 0
    for c in range(k):
        band = np.sort(s[fits[k] == c])
        ax.fill_betweenx(np.arange(low, low + len(band)), 0, band, color=f"C{c}")
        low += len(band) + 5
    ax.axvline(s.mean(), color="k", ls="--", lw=1)
    ax.set(xlabel="silhouette s", ylabel="points, by cluster", yticks=[],
           title=f"K = {k}: mean s = {s.mean():.3f}", xlim=(-0.25, 0.75))
plt.show()
