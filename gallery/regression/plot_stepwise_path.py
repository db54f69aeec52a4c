r"""
The criteria along the forward path
===================================

Forward stepwise selection on scikit-learn's diabetes data, ten features added
one at a time in the order 5-fold cross-validation chooses them. Left: the
validation mean squared error of each model on the path, which falls steeply
for the first three features and then flattens. Right: AIC and BIC of the same
models (shifted so that each starts at zero); each marker is a criterion's
minimum, the size it would stop at. BIC charges :math:`\log n \approx 6.1` per
coefficient against AIC's 2, so its minimum comes no later.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from mlcheatsheet.model_selection import cross_validation as cv
from mlcheatsheet.regression import stepwise as sw

data = load_diabetes()
X, y, names = data.data, data.target, data.feature_names
folds = cv.kfold(len(y), n_splits=5)
path = sw.stepwise(X, y, "forward", "cv", n_features=10, folds=folds)
sizes = np.arange(11)
subsets = [path.features[:k] for k in sizes]
ic = {kind: np.array([sw.subset_criterion(X, y, s, kind) for s in subsets])
      for kind in ["aic", "bic"]}

fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 4.0), layout="constrained")
left.plot(sizes, path.path, marker="o")
left.set_xticks(sizes, ["none"] + [names[j] for j in path.features], rotation=60)
left.set(xlabel="feature added", ylabel="validation MSE (5-fold)",
         title="Cross-validated error")
for kind, colour in [("aic", "C0"), ("bic", "C1")]:
    values = ic[kind] - ic[kind][0]
    right.plot(sizes, values, marker=".", color=colour, label=kind.upper())
    best = int(np.argmin(values))
    right.plot(best, values[best], marker="*", ms=14, color=colour, ls="none")
right.set(xlabel="number of features", ylabel="criterion − its value at 0 features",
          title="AIC and BIC on the same path")
right.legend(loc="upper right")
plt.show()
