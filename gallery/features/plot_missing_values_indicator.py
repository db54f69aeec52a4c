r"""
Mean imputation when values are missing at random and not at random
===================================================================

Disease progression against body-mass index for the diabetes patients, after
deleting index values. Left: each value deleted with probability 0.3. Right: 60 % of the
patients above the median index lose theirs (missing not at random). The
deleted patients (orange) are drawn at their true index, and the imputed
value, the mean of the observed training entries, is the dashed line where
mean imputation puts them all. At random, the orange points look like the
rest and the mean is about right; not at random, they are the heavy patients
with high progression, and the mean of what remains is too low — an indicator
column is what tells the model that these patients differ.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from mlcheatsheet.features import missing_values as mv

diabetes = load_diabetes()
bmi, y = diabetes.data[:, [2]], diabetes.target
rng = np.random.default_rng(0)
holes = {"missing completely at random": rng.uniform(size=len(y)) < 0.3,
         "missing not at random": (rng.uniform(size=len(y)) < 0.6) & (bmi[:, 0] > np.median(bmi))}

fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained", sharey=True)
for ax, (title, missing) in zip(axes, holes.items()):
    X = np.where(missing[:, None], np.nan, bmi)
    fill = mv.SimpleImputer().fit(X).statistics_[0]
    ax.scatter(bmi[~missing, 0], y[~missing], s=10, color="0.55", label="observed")
    ax.scatter(bmi[missing, 0], y[missing], s=12, color="tab:orange", label="deleted (true value)")
    ax.axvline(fill, color="tab:orange", ls="--", label="imputed mean")
    ax.axvline(bmi.mean(), color="k", lw=0.8, label="mean of all values")
    ax.set(title=f"{title}: {missing.mean():.0%} deleted", xlabel="body-mass index (scaled)")
axes[0].set_ylabel("disease progression")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()
