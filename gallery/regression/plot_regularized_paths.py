r"""
Coefficient paths of ridge, lasso and elastic net
=================================================

The ten standardized features of scikit-learn's bundled diabetes data, fitted
with a growing penalty :math:`\alpha`. Ridge (left) shrinks every coefficient
smoothly and none reaches zero. The lasso (right, solid) sets them to zero one
by one, the last one at :math:`\alpha_{\max}` (dotted line); the elastic net
with ``l1_ratio = 0.5`` (dashed) keeps correlated features longer and zeroes
them later.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from mlcheatsheet.basics.linear_regression import normalize_features
from mlcheatsheet.regression import regularized as reg

data = load_diabetes(scaled=False)
X = normalize_features(data.data, method="std")[0]
y = data.target
top = reg.alpha_max(X, y)

ridge_alphas = np.geomspace(1e-2, 1e5, 60)
l1_alphas = np.geomspace(top * 1e-3, top * 2, 40)
ridge_coefs = reg.ridge_path(X, y, ridge_alphas)
lasso_coefs = reg.elastic_net_path(X, y, l1_alphas, l1_ratio=1.0)
enet_coefs = reg.elastic_net_path(X, y, l1_alphas, l1_ratio=0.5)

fig, axes = plt.subplots(1, 2, figsize=(10, 5), layout="constrained", sharey=True)
colors = plt.cm.tab10(np.arange(X.shape[1]))
for j, name in enumerate(data.feature_names):
    axes[0].plot(ridge_alphas, ridge_coefs[:, j], color=colors[j], label=name)
    axes[1].plot(l1_alphas, lasso_coefs[:, j], color=colors[j])
    axes[1].plot(l1_alphas, enet_coefs[:, j], color=colors[j], ls="--", lw=1)
axes[1].axvline(top, color="k", ls=":", lw=1)
axes[1].annotate(r"$\alpha_{\max}$", (top, 0), xytext=(4, 6), textcoords="offset points")
axes[0].set(xscale="log", xlabel=r"ridge penalty $\alpha$", ylabel="coefficient",
            title=r"ridge: $\|y - Xw - b\|^2 + \alpha\|w\|^2$")
axes[1].set(xscale="log", xlabel=r"penalty $\alpha$",
            title="lasso (solid) and elastic net, l1_ratio = 0.5 (dashed)")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=5,
           title="feature")
for ax in axes:
    ax.axhline(0, color="grey", lw=0.6)
plt.show()
