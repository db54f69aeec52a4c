r"""
Huber loss against squared error on data with outliers
======================================================

A line is fitted to 60 noisy points from :math:`y = 1.5x + 2`, six of which
have been corrupted by a large positive error. Minimizing the squared error
(MSE) lets the corrupted points drag the line towards them, because each one
pulls in proportion to its residual. The Huber loss (:math:`\delta = 1`) caps
each point's pull at :math:`\delta`, so the fit stays close to the clean data.

The Huber line is found by gradient descent: with predictions
:math:`\hat y = Xw`, the chain rule turns the loss gradient
:func:`mlcheatsheet.neural_networks.losses.huber_grad` into the parameter gradient
:math:`X^\top \nabla_{\hat y} L`.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.neural_networks import losses as L
from mlcheatsheet.basics.gradient_descent import gradient_descent

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=60)
y = 1.5 * x + 2 + rng.normal(0, 1, size=60)
outliers = np.argsort(x)[-6:]  # the six largest x
y[outliers] += rng.uniform(20, 30, size=6)
X = np.column_stack([x, np.ones_like(x)])  # columns: slope, intercept

w_mse = np.linalg.lstsq(X, y, rcond=None)[0]
fit = gradient_descent(lambda w: L.huber(y, X @ w),
                       lambda w: X.T @ L.huber_grad(y, X @ w),
                       x0=w_mse, lr=0.02, n_iter=50_000, tol=1e-14)
w_huber = fit.x
print("true line : y = 1.500 x + 2.000")
print(f"MSE fit   : y = {w_mse[0]:.3f} x {w_mse[1]:+.3f}")
print(f"Huber fit : y = {w_huber[0]:.3f} x {w_huber[1]:+.3f}  "
      f"(converged: {fit.converged}, {fit.n_iter} updates)")

# %%
# Left: the data and the three lines. Right: how hard each point pulls on the
# fit, i.e. the derivative of its loss with respect to its prediction, both
# evaluated at the MSE line. Under MSE the pull is the residual itself, so the
# six corrupted points dominate; under Huber it is clipped to :math:`\pm\delta`.
fig, (ax_fit, ax_pull) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
clean = np.setdiff1d(np.arange(len(x)), outliers)
ax_fit.scatter(x[clean], y[clean], s=14, color="0.4", label="data")
ax_fit.scatter(x[outliers], y[outliers], s=30, marker="x", color="C3", label="corrupted points")
grid = np.array([0.0, 10.0])
ax_fit.plot(grid, 1.5 * grid + 2, "k:", label="true line")
ax_fit.plot(grid, w_mse[0] * grid + w_mse[1], lw=2, label="MSE fit")
ax_fit.plot(grid, w_huber[0] * grid + w_huber[1], lw=2, label="Huber fit (δ = 1)")
ax_fit.set(xlabel="x", ylabel="y", title="Fitting a line to data with outliers")
ax_fit.legend()

y_hat = X @ w_mse
ax_pull.scatter(x, L.mse_grad(y, y_hat, reduction="none") / 2, s=14,
                label="squared error: prediction − target")
ax_pull.scatter(x, L.huber_grad(y, y_hat, reduction="none"), s=14,
                label="Huber: the same, clipped to ±1")
ax_pull.axhline(0, color="k", lw=0.8)
ax_pull.set(xlabel="x", ylabel="pull on the fit (d loss / d prediction)",
            title="Each point's pull, at the MSE line")
ax_pull.legend()
plt.show()
