r"""
t-SNE equalizes cluster sizes
=============================

Three Gaussian blobs in 10 dimensions whose spreads differ by a factor of 25,
mapped by :func:`mlcheatsheet.unsupervised.tsne.tsne` (left) and by their first
two principal components (right). PCA keeps the spreads; t-SNE, whose
bandwidths :math:`\sigma_i` adapt to the local density, draws the three blobs at
about the same size. The titles give each blob's spread (the root mean squared
distance to its centre), relative to the tightest blob's: the sizes on a t-SNE
map say nothing about the sizes in the data.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.unsupervised import pca, tsne

rng = np.random.default_rng(0)
spreads, centres = [0.2, 1.0, 5.0], [0.0, 20.0, 40.0]
X = np.concatenate([c + s * rng.standard_normal((60, 10)) for s, c in zip(spreads, centres)])
blob = np.repeat([0, 1, 2], 60)
maps = {"t-SNE": tsne.tsne(X, perplexity=20.0, rng=0).Y,
        "PCA": pca.project(pca.fit_pca(X), X, 2)}


def relative_spreads(M):
    rms = [np.sqrt(((M[blob == b] - M[blob == b].mean(0)) ** 2).sum(1).mean()) for b in range(3)]
    return np.array(rms) / rms[0]


fig, axes = plt.subplots(1, 2, figsize=(8, 3.8), layout="constrained")
for ax, (name, M) in zip(axes, maps.items()):
    ax.scatter(*M.T, c=blob, cmap="viridis", s=8)
    sizes = ", ".join(f"{r:.1f}" for r in relative_spreads(M))
    ax.set(title=f"{name}: spreads {sizes}", xticks=[], yticks=[])
fig.suptitle("Data spreads " + ", ".join(f"{r:.1f}" for r in relative_spreads(X)))
plt.show()
