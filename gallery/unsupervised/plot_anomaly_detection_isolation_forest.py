r"""
Isolation forest scores on planted outliers
===========================================

:func:`mlcheatsheet.unsupervised.anomaly_detection.fit_isolation_forest` on a
thousand standard-normal points with fifty uniform outliers planted around them.
Left: the anomaly score
(:func:`~mlcheatsheet.unsupervised.anomaly_detection.isolation_scores`) over the
plane, high (yellow) far from the data. Right: the mean path length of the
inliers and of the planted outliers; outliers are isolated after fewer splits.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.unsupervised import anomaly_detection as ad

rng = np.random.default_rng(0)
X = np.vstack([rng.normal(size=(1000, 2)), rng.uniform(-6, 6, size=(50, 2))])
outlier = np.r_[np.zeros(1000, bool), np.ones(50, bool)]
forest = ad.fit_isolation_forest(X, 100, 256, rng=0)

grid = np.linspace(-6.5, 6.5, 120)
G = np.array(np.meshgrid(grid, grid)).reshape(2, -1).T
fig, (a, b) = plt.subplots(1, 2, figsize=(8, 3.8), layout="constrained")
shade = a.contourf(grid, grid, ad.isolation_scores(forest, G).reshape(120, 120), levels=12)
fig.colorbar(shade, ax=a, label="anomaly score s(x)")
a.scatter(*X[~outlier].T, s=3, c="white")
a.scatter(*X[outlier].T, s=18, c="red", marker="x")
a.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal", title="Score over the plane")
h = ad.mean_path_length(forest, X)
b.hist([h[~outlier], h[outlier]], bins=30, density=True, label=["inliers", "planted outliers"])
b.set(xlabel="mean path length E[h(x)]", ylabel="density", title="Outliers isolate sooner")
b.legend()
plt.show()
