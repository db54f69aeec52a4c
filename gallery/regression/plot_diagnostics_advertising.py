r"""
Four residual plots of the Advertising data's sales on TV
=========================================================

The classic diagnostic panel of a least-squares fit, for sales against the TV
budget in the 200 Advertising markets. Top left: residuals against fitted
values with bin means (linearity: the means stay near zero except at the
smallest budgets, where sales climb faster than the line, a hint of curvature). Top right: the
square root of the absolute standardized residuals against fitted values, the
scale–location plot (homoscedasticity: it rises, the funnel of TV, and the
Breusch–Pagan test in its title agrees). Bottom left: the normal Q–Q plot
(normality: the points keep to the line; Jarque–Bera in the title). Bottom
right: residuals against leverage, marker size by Cook's distance (no market
stands out).
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics.linear_regression import add_bias_column
from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.regression import diagnostics as dg

ads = load_advertising()
X = add_bias_column(ads.data[:, :1])
fitted, resid = dg.ols_residuals(X, ads.target)
h = dg.leverage(X)
cook = dg.cooks_distance(X, ads.target)
s = np.sqrt(resid @ resid / (len(resid) - X.shape[1]))
standardized = resid / (s * np.sqrt(1 - h))
lm, p_bp = dg.breusch_pagan(resid, X)
jb, p_jb, _, _ = dg.jarque_bera(resid)
theoretical, ordered, r = dg.normal_qq(resid)
centre, mean, se = dg.binned_residuals(fitted, resid, n_bins=10)

fig, axes = plt.subplots(2, 2, figsize=(10, 7.6), layout="constrained")
ax = axes[0, 0]
ax.scatter(fitted, resid, s=10, alpha=0.6)
ax.errorbar(centre, mean, yerr=2 * se, color="tab:red", marker="o", capsize=3)
ax.axhline(0, color="k", lw=0.8)
ax.set(xlabel="fitted value", ylabel="residual", title="residuals vs fitted, bin means ± 2 se")
ax = axes[0, 1]
ax.scatter(fitted, np.sqrt(np.abs(standardized)), s=10, alpha=0.6)
_, root_mean, _ = dg.binned_residuals(fitted, np.sqrt(np.abs(standardized)), n_bins=10)
ax.plot(centre, root_mean, color="tab:red", marker="o")
ax.set(xlabel="fitted value", ylabel="√|standardized residual|",
       title=f"scale–location: Breusch–Pagan {lm:.1f}, p = {p_bp:.0e}")
ax = axes[1, 0]
ax.scatter(theoretical, ordered, s=10)
slope, intercept = np.polyfit(theoretical, ordered, 1)
ax.plot(theoretical, intercept + slope * theoretical, color="k", lw=1)
ax.set(xlabel="normal quantile", ylabel="ordered residual",
       title=f"normal Q–Q: r = {r:.3f}, Jarque–Bera p = {p_jb:.2f}")
ax = axes[1, 1]
ax.scatter(h, standardized, s=10 + 2000 * cook, alpha=0.6)
ax.axhline(0, color="k", lw=0.8)
ax.set(xlabel="leverage", ylabel="standardized residual",
       title=f"residuals vs leverage: max Cook's D = {cook.max():.2f}")
plt.show()
