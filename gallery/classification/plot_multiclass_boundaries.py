r"""
One-vs-all against softmax on the iris flowers
==============================================

Both models are linear, but they carve the plane differently. Trained on the
petal length and width of Fisher's 150 iris flowers (standardized), one-vs-all
fits three separate "this species or not" models and predicts the most
confident; softmax fits one model whose three probabilities sum to 1.

The top row shows the predicted species over the plane; the bottom row how
sure each model is (the largest of its three probabilities). The middle species,
versicolor, is hard for one-vs-all: no single line separates a band in the
middle from the rest, so its "versicolor or not" model is weak (see the printed
accuracy below). In the upper-left corner, where there are no flowers, none of
the three one-vs-all models claims a point — every probability is small — and the
prediction is the least unlikely of three "no"s. Softmax's probabilities always
sum to 1, so away from its boundaries it is confident everywhere, even where
there are no flowers at all: a high probability is not a guarantee.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from sklearn.datasets import load_iris

from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.classification import metrics
from mlcheatsheet.basics.linear_regression import add_bias_column, normalize_features

iris = load_iris()
petals = iris.data[:, 2:]  # petal length and width, cm
y = iris.target
Z, mean, scale = normalize_features(petals, method="std")
X = add_bias_column(Z)
l2 = 0.1
W_ova, _ = logreg.one_vs_all_train(X, y, lr=1 / logreg.lipschitz_constant(X, l2), n_iter=3000,
                                   l2=l2)
W_soft, _ = logreg.softmax_train(X, y, lr=1 / logreg.lipschitz_constant(X, l2, softmax=True),
                                 n_iter=3000, l2=l2)
for name, predicted in [("one-vs-all", logreg.one_vs_all_predict(X, W_ova)),
                        ("softmax", logreg.softmax_predict(X, W_soft))]:
    print(f"{name:10s} training accuracy {metrics.accuracy(y, predicted):.3f}")
versicolor = logreg.classify(logreg.one_vs_all_predict_proba(X, W_ova)[:, 1])
print(f"the 'versicolor or not' model alone is right for "
      f"{metrics.accuracy(y == 1, versicolor):.0%} of the flowers")

# %%
# Predictions and confidence over a grid of petal sizes.
length = np.linspace(0.5, 7.5, 300)
width = np.linspace(-0.2, 2.8, 300)
gl, gw = np.meshgrid(length, width)
grid = add_bias_column((np.column_stack([gl.ravel(), gw.ravel()]) - mean) / scale)
colors = ListedColormap(["C0", "C1", "C2"])

fig, axes = plt.subplots(2, 2, figsize=(10, 8), layout="constrained", sharex=True, sharey=True)
models = [("one-vs-all", logreg.one_vs_all_predict_proba(grid, W_ova)),
          ("softmax", logreg.softmax_predict_proba(grid, W_soft))]
for col, (name, proba) in enumerate(models):
    ax_class, ax_conf = axes[0, col], axes[1, col]
    ax_class.contourf(gl, gw, proba.argmax(axis=1).reshape(gl.shape), levels=[-0.5, 0.5, 1.5, 2.5],
                      cmap=colors, alpha=0.3)
    conf = ax_conf.contourf(gl, gw, proba.max(axis=1).reshape(gl.shape),
                            levels=np.linspace(0, 1, 11), cmap="viridis")
    for ax in (ax_class, ax_conf):
        for k, species in enumerate(iris.target_names):
            ax.scatter(*petals[y == k].T, s=14, color=f"C{k}", edgecolors="k", linewidths=0.4,
                       label=species)
    ax_class.set(title=f"{name}: predicted species")
    ax_conf.set(title=f"{name}: largest probability", xlabel="petal length (cm)")
axes[0, 0].set_ylabel("petal width (cm)")
axes[1, 0].set_ylabel("petal width (cm)")
axes[0, 0].legend(loc="upper left")
fig.colorbar(conf, ax=axes[1, :], label="max_k P(class k)")
plt.show()
