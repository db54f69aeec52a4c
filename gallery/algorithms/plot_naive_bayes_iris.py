r"""
Gaussian naive Bayes on the iris petals
=======================================

Gaussian naive Bayes fitted to the iris flowers' petal length and width. Left:
the decision regions of the three species. Right: the class-conditional
densities the model assumes, one axis-aligned Gaussian per species (contours
at 1 and 2 standard deviations along each axis), the independence assumption
made visible: the ellipses cannot tilt, although petal length and width are
correlated within every species (most strongly within versicolor, as printed
below).
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris

from mlcheatsheet.algorithms import _plotting
from mlcheatsheet.algorithms import naive_bayes as nb
from mlcheatsheet.classification import metrics

iris = load_iris()
X, y = iris.data[:, 2:], iris.target
model = nb.fit_gaussian_nb(X, y)
print(f"training accuracy {metrics.accuracy(y, nb.predict(model, X)):.3f}")
for k, name in enumerate(iris.target_names):
    r = np.corrcoef(X[y == k].T)[0, 1]
    print(f"{name:10s} mean {model.params[0][k].round(2)}  within-class correlation {r:.2f}")

# %%
# Regions and assumed densities.
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharey=True)
_plotting.plot_regions(axes[0], lambda Q: nb.predict(model, Q), X, y, xlim=(0.5, 7.5),
                       ylim=(-0.2, 2.9), resolution=300, names=iris.target_names)
_plotting.scatter_classes(axes[1], X, y, names=iris.target_names)
mean, var = model.params
theta = np.linspace(0, 2 * np.pi, 100)
for k in range(3):
    for s in (1, 2):
        axes[1].plot(mean[k, 0] + s * np.sqrt(var[k, 0]) * np.cos(theta),
                     mean[k, 1] + s * np.sqrt(var[k, 1]) * np.sin(theta), c=f"C{k}")
axes[0].set(xlabel="petal length (cm)", ylabel="petal width (cm)", title="decision regions")
axes[1].set(xlabel="petal length (cm)", title="assumed class densities")
axes[0].legend(loc="upper left")
plt.show()
