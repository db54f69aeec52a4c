r"""
Nine settings on a grid, nine at random
=======================================

Two hyperparameters of ridge regression on the diabetes data with its pairwise
products and three added columns of pure noise: :math:`\lambda`, the penalty on
the real columns, and :math:`\mu`, the penalty on the noise columns. Both are
log-uniform on :math:`[10^{-2}, 10^{5}]`; only :math:`\lambda` matters much.
Left: where a :math:`3 \times 3` grid and nine random draws put their settings.
Right: the validation error against :math:`\lambda` (the curve, at the largest
:math:`\mu`) with each design's settings on it. The grid has spent its nine fits
on three values of :math:`\lambda`; the random draws tried nine.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from mlcheatsheet.model_selection import cross_validation as cv
from mlcheatsheet.model_selection import search
from mlcheatsheet.regression.polynomial import polynomial_features

X, y = load_diabetes(return_X_y=True)
P = polynomial_features(X, degree=2, include_bias=False)
P = (P - P.mean(axis=0)) / P.std(axis=0)
Xn = np.hstack([P, np.random.default_rng(0).normal(size=(len(y), 3))])
n_real = P.shape[1]


def fit_two(X, y, lam, mu):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    penalty = np.r_[np.full(n_real, lam), np.full(X.shape[1] - n_real, mu)]
    w = np.linalg.solve(Xc.T @ Xc + np.diag(penalty), Xc.T @ (y - y_mean))
    return w, y_mean - x_mean @ w


def neg_mse(m, X, y):
    return -float(np.mean((X @ m[0] + m[1] - y) ** 2))


folds = cv.kfold(len(y), n_splits=5, shuffle=True, rng=0)
low, high = 1e-2, 1e5
d = search.log_uniform(low, high)
centres = list(d.ppf((np.arange(3) + 0.5) / 3))
grid = search.grid_search(fit_two, neg_mse, Xn, y, folds, {"lam": centres, "mu": centres})
rand = search.random_search(fit_two, neg_mse, Xn, y, folds, {"lam": d, "mu": d},
                            n_iter=9, rng=0)
line = np.geomspace(low, high, 29)
curve = [-cv.cross_validate(fit_two, neg_mse, Xn, y, folds, lam=v, mu=high)[1].mean()
         for v in line]

fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 4.0), layout="constrained")
designs = [("grid", grid, "s", "k"), ("random", rand, "o", "C1")]
for name, result, marker, colour in designs:
    lam = [p["lam"] for p in result.params]
    mu = [p["mu"] for p in result.params]
    left.scatter(lam, mu, marker=marker, color=colour, s=45, label=name)
    right.scatter(lam, -result.mean_test_scores, marker=marker, color=colour, s=45,
                  zorder=3, label=f"{name}: best {-result.best_score:.0f}")
left.set(xscale="log", yscale="log", xlabel="λ (matters)", ylabel="μ (barely matters)",
         title="Nine settings each", ylim=(3e-3, 1e8))
left.legend(loc="upper center", ncol=2)                     # above the settings
right.plot(line, curve, color="0.6", lw=1, label="validation MSE at μ = 1e5")
right.set(xscale="log", xlabel="λ", ylabel="validation MSE (5-fold)",
          title="What each design saw of λ", ylim=(3000, 4700))
right.legend(loc="upper left")                      # above the curve
plt.show()
