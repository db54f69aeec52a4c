r"""
How many bootstrap resamples are enough
=======================================

The bootstrap standard error of the mean and of the median of the diabetes
data's disease-progression target, against the number of resamples :math:`B`,
for five seeds. For the mean, the estimates settle on the plug-in value
:math:`\sqrt{(n-1)/n}\, s/\sqrt n`, whose jackknife twin :math:`s/\sqrt n` is
drawn too; for the median there is no formula and the bootstrap is the
estimate. A few hundred resamples give the standard error to within about a tenth;
percentile intervals, which depend on the tails, need thousands.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from mlcheatsheet.model_selection import resampling as rs

y = load_diabetes().target
counts = np.array([20, 50, 100, 200, 500, 1000, 2000])
fig, axes = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="constrained")
for ax, (name, statistic) in zip(axes, [("mean", np.mean), ("median", np.median)]):
    for seed in range(5):
        reps = rs.bootstrap(statistic, y, n_resamples=int(counts[-1]), rng=seed)
        ax.plot(counts, [reps[:b].std() for b in counts], marker=".", lw=1, alpha=0.8)
    if name == "mean":
        ax.axhline(rs.jackknife_estimates(np.mean, y)[1], color="k", ls="--", lw=0.8,
                   label=r"jackknife $s/\sqrt{n}$")
        ax.legend()
    ax.set(xscale="log", xlabel="bootstrap resamples B", ylabel="standard error",
           title=f"Bootstrap SE of the {name}, five seeds")
plt.show()
