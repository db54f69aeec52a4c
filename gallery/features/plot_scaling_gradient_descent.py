r"""
Gradient descent on the Advertising data after each scaler
==========================================================

The Advertising model (Sales on the TV, Radio and Newspaper budgets plus an
intercept) trained by gradient descent with the learning rate
:math:`1/\lambda_{\max}` of each version of the features. Left: how far the
cost is above its minimum after every update, on a log scale. Standardized
features converge in a handful of updates; robust scaling (centred on the
median) is close behind; the uncentred min–max features and the 2017
cheatsheet's mean/range recipe take many more; the raw budgets have barely
started after a thousand updates. Right: the condition number of
:math:`X^\top X/n` that sets these speeds.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics import linear_regression as lr
from mlcheatsheet.basics.gradient_descent import gradient_descent
from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.features import scaling as sc

ads = load_advertising()
y = ads.target
variants = {"raw": ads.data,
            "mean / range": lr.normalize_features(ads.data)[0],
            "min–max": sc.Scaler("minmax").fit_transform(ads.data),
            "robust": sc.Scaler("robust").fit_transform(ads.data),
            "standard": sc.Scaler().fit_transform(ads.data)}

fig, (ax_gap, ax_kappa) = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
kappas = []
for name, features in variants.items():
    X = lr.add_bias_column(features)
    eigenvalues = np.linalg.eigvalsh(X.T @ X / len(y))
    kappas.append(eigenvalues.max() / eigenvalues.min())
    best = lr.cost(X, y, lr.normal_equation(X, y))
    run = gradient_descent(lambda w: lr.cost(X, y, w), lambda w: lr.cost_gradient(X, y, w),
                           x0=np.zeros(4), lr=1 / eigenvalues.max(), n_iter=1000, tol=0.0)
    gap = np.maximum(np.asarray(run.history) - best, 1e-16)
    ax_gap.plot(gap, label=name)
ax_gap.set(xlabel="update", ylabel="cost − minimum", yscale="log", xscale="symlog", xlim=(0, 1000),
           title="Convergence after each scaler")
ax_gap.legend(loc="lower left")
ax_kappa.barh(list(variants), kappas, color=[f"C{i}" for i in range(len(kappas))])
ax_kappa.set(xscale="log", xlabel="condition number of XᵀX / n", title="What sets the speed")
ax_kappa.invert_yaxis()
plt.show()
