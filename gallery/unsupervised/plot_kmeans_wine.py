r"""
k-means on the standardized wine data
=====================================

:func:`mlcheatsheet.unsupervised.kmeans.kmeans` with K = 2 and K = 3 on the 13
standardized wine measurements, drawn on the first two of them (alcohol and
malic acid) with the centroids as crosses.
"""

# %%
import matplotlib.pyplot as plt
from sklearn.datasets import load_wine

from mlcheatsheet.unsupervised import kmeans as km

X = load_wine().data
Z = (X - X.mean(axis=0)) / X.std(axis=0)
fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), layout="constrained")
for ax, k in zip(axes, (2, 3)):
    labels, centroids, history = km.kmeans(Z, k, n_init=5, rng=0)
    ax.scatter(Z[:, 0], Z[:, 1], c=labels, s=12, cmap="viridis")
    ax.scatter(centroids[:, 0], centroids[:, 1], marker="x", s=120, c="red")
    ax.set(xlabel="alcohol (standardized)", ylabel="malic acid (standardized)",
           title=f"K = {k}, J = {history[-1]:.0f}")
plt.show()
