r"""
Decision boundaries of four tree ensembles
==========================================

The same noisy half-moons as the other algorithms' figures (300 points,
seeded; 200 to train, 100 held out). Bagging and a random forest average 50
deep trees: their regions are still made of axis-aligned boxes, but the
averaging smooths away most single-point islands of one deep tree. AdaBoost
adds 100 weighted stumps and gradient boosting 100 shrunken depth-3 trees
(:math:`\nu = 0.1`): both build the boundary up from many small steps.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

from mlcheatsheet.algorithms import _plotting
from mlcheatsheet.algorithms import ensembles as en
from mlcheatsheet.classification import metrics

X, y = make_moons(n_samples=300, noise=0.3, random_state=0)
order = np.random.default_rng(0).permutation(y.size)
tr, te = order[:200], order[200:]
bagging = en.fit_bagging(X[tr], y[tr], n_estimators=50, rng=0)
forest = en.fit_random_forest(X[tr], y[tr], n_estimators=50, max_features=1, rng=0)
ada = en.fit_adaboost(X[tr], y[tr], n_estimators=100)
gb = en.fit_gradient_boosting(X[tr], y[tr], loss="log_loss", n_estimators=100)
models = {"bagging, 50 trees": lambda Q: en.predict_forest(bagging, Q),
          "random forest, 50 trees, 1 feature per split": lambda Q: en.predict_forest(forest, Q),
          "AdaBoost, 100 stumps": lambda Q: en.predict_adaboost(ada, Q),
          "gradient boosting, 100 rounds": lambda Q: en.predict_gradient_boosting(gb, Q)}
for name, predict in models.items():
    print(f"{name:46s} train {metrics.accuracy(y[tr], predict(X[tr])):.3f}  "
          f"held-out {metrics.accuracy(y[te], predict(X[te])):.3f}")

# %%
# Decision regions, training points on top (two panels per row).
fig, axes = plt.subplots(2, 2, figsize=(10, 8), layout="constrained", sharex=True, sharey=True)
for ax, (name, predict) in zip(axes.ravel(), models.items()):
    _plotting.plot_regions(ax, predict, X[tr], y[tr], xlim=(-2, 3), ylim=(-1.6, 2.1),
                           resolution=150)
    ax.set_title(name, fontsize="medium")
for ax in axes[1]:
    ax.set_xlabel("$x_1$")
for ax in axes[:, 0]:
    ax.set_ylabel("$x_2$")
axes[0, 0].legend(loc="lower left")
plt.show()
