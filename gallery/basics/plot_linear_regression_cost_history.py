r"""
Cost history of linear-regression training
==========================================

The cost after every update, for the two worked examples of the linear
regression page: simple regression on Radio (learning rate 5e-5, the rate that
reproduces the 2017 cheatsheet's log) and multivariable regression on all three
normalized budgets (learning rates 0.0005, as the cheatsheet states, and 0.005,
which is what reproduces its numbers).
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics import linear_regression as lr
from mlcheatsheet.datasets import load_advertising

ads = load_advertising()
radio, sales = ads.column("Radio"), ads.target

_, _, simple_costs = lr.train_simple(radio, sales, lr=5e-5, n_iter=40)
X = lr.add_bias_column(lr.normalize_features(ads.data)[0])
multi = {rate: lr.train(X, sales, lr=rate, n_iter=1000)[1] for rate in (0.0005, 0.005)}
best = lr.cost(X, sales, lr.normal_equation(X, sales))

# %%
# A cost that falls at every update is the first sign that training works; the
# dashed line, the exact minimum, is the sign of how much is left.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
ax1.plot(np.arange(1, 41), simple_costs, marker=".")
ax1.set(xlabel="update", ylabel="MSE", title="Simple regression (Radio), lr = 5e-5")
for rate, costs in multi.items():
    ax2.plot(costs, label=f"lr = {rate:g}")
ax2.axhline(best, color="k", ls="--", label="normal equation")
ax2.set(xlabel="update", ylabel="½ MSE", yscale="log", title="Multivariable regression")
ax2.legend()
plt.show()
