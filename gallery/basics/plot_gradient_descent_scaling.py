r"""
Why feature scaling speeds up gradient descent
==============================================

Multivariable regression of Sales on the TV and Radio budgets (no intercept, so
the cost is a function of two weights that can be drawn). With the raw budgets,
TV spans 0-300 and Radio 0-50: the cost is a long, narrow valley, and the
largest stable learning rate is set by the steep direction, so progress along
the flat one crawls. Standardizing both features makes the contours nearly
round, and the same number of updates reaches the minimum.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics import linear_regression as lr
from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.basics.gradient_descent import gradient_descent

ads = load_advertising()
y = ads.target - ads.target.mean()
raw = ads.data[:, :2] - ads.data[:, :2].mean(axis=0)
scaled = lr.normalize_features(ads.data[:, :2], method="std")[0]

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
for ax, (name, X) in zip(axes, [("raw budgets", raw), ("standardized", scaled)]):
    hessian = X.T @ X / len(y)
    rate = 1.0 / np.linalg.eigvalsh(hessian).max()
    run = gradient_descent(lambda w: lr.cost(X, y, w), lambda w: lr.cost_gradient(X, y, w),
                           x0=np.zeros(2), lr=rate, n_iter=50, tol=0.0)
    path = run.path
    w_best = lr.normal_equation(X, y)
    span = np.abs(w_best).max() * 1.6 + 0.05
    W1, W2 = np.meshgrid(np.linspace(w_best[0] - span, w_best[0] + span, 100),
                         np.linspace(w_best[1] - span, w_best[1] + span, 100))
    grid = np.stack([W1.ravel(), W2.ravel()], axis=1)
    residual = grid @ X.T - y
    J = (residual**2).mean(axis=1).reshape(W1.shape) / 2
    ax.contour(W1, W2, J, levels=15, cmap="viridis")
    ax.plot(path[:, 0], path[:, 1], "o-", color="C3", ms=2)
    ax.plot(*w_best, "*", color="k", ms=12)
    ax.set(title=f"{name}: condition number {np.linalg.cond(hessian):.0f}\n"
                 f"after 50 updates, cost − min = {run.cost - lr.cost(X, y, w_best):.2g}",
           xlabel="TV weight", ylabel="Radio weight")
    ax.set_aspect("equal")
plt.show()
