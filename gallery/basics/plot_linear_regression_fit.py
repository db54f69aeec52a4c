r"""
Fitted line and residuals: gradient descent against least squares
==================================================================

The 2017 cheatsheet trained ``Sales = w * Radio + b`` on the Advertising data
for 40 gradient-descent updates at a learning rate of 5e-5 and called the result
the line of best fit. Plotting it next to the exact least-squares line, and the
residuals of both, shows how far it still is.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics import linear_regression as lr
from mlcheatsheet.datasets import load_advertising

ads = load_advertising()
radio, sales = ads.column("Radio"), ads.target

w_gd, b_gd, _ = lr.train_simple(radio, sales, lr=5e-5, n_iter=40)
b_ls, w_ls = lr.normal_equation(lr.add_bias_column(radio[:, None]), sales)
print(f"40 GD updates : Sales = {w_gd:.4f} * Radio + {b_gd:.4f}")
print(f"least squares : Sales = {w_ls:.4f} * Radio + {b_ls:.4f}")

# %%
# The two lines, and the residuals :math:`y_i - \hat y_i` of each. Least-squares
# residuals average to zero; the gradient-descent residuals sit mostly above
# zero for small budgets, because its bias has hardly moved from 0.
fig, axes = plt.subplot_mosaic([["fit", "fit"], ["gd", "ls"]], figsize=(9, 7.5),
                              layout="constrained")
axes = [axes["fit"], axes["gd"], axes["ls"]]
grid = np.linspace(0, radio.max(), 2)
axes[0].scatter(radio, sales, s=12, alpha=0.6, label="markets")
axes[0].plot(grid, lr.predict_simple(grid, w_gd, b_gd), color="C1", label="40 GD updates")
axes[0].plot(grid, lr.predict_simple(grid, w_ls, b_ls), color="C2", label="least squares")
axes[0].set(xlabel="Radio budget (k$)", ylabel="Sales (k units)", title="Sales against radio budget")
axes[0].legend()
for ax, (name, w, b, color) in zip(axes[1:], [("40 GD updates", w_gd, b_gd, "C1"),
                                               ("least squares", w_ls, b_ls, "C2")]):
    residuals = sales - lr.predict_simple(radio, w, b)
    ax.scatter(radio, residuals, s=12, color=color)
    ax.axhline(0, color="k", lw=0.8)
    ax.set(xlabel="Radio budget (k$)", ylabel="residual (k units)",
           title=f"Residuals, {name}\nmean {residuals.mean():.2f}")
plt.show()
