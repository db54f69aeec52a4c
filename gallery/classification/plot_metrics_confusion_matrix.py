r"""
Confusion matrix of a digit classifier
======================================

A softmax-regression model reads scikit-learn's 8 x 8 handwritten digits. Its
confusion matrix on held-out images counts, for every true digit (row), how
often each digit was predicted (column): the diagonal holds the correct
answers, everything else is a mistake, and the largest off-diagonal entries say
which digits the model confuses.

The right panel normalizes each row by the number of images of that digit, so
the diagonal shows the recall of each class.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.classification import metrics
from mlcheatsheet.basics.linear_regression import add_bias_column, normalize_features

digits = load_digits()
order = np.random.default_rng(0).permutation(len(digits.target))
test, train = order[:450], order[450:]
X_train, mean, scale = normalize_features(digits.data[train], method="std")
X_test = (digits.data[test] - mean) / scale
A_train, A_test = add_bias_column(X_train), add_bias_column(X_test)
W, costs = logreg.softmax_train(A_train, digits.target[train],
                                lr=1 / logreg.lipschitz_constant(A_train, 1.0, softmax=True),
                                n_iter=300, l2=1.0)
y_test, y_pred = digits.target[test], logreg.softmax_predict(A_test, W)
cm = metrics.confusion_matrix(y_test, y_pred, labels=np.arange(10))
print(f"test accuracy {metrics.accuracy(y_test, y_pred):.3f} on {len(test)} images")
off = cm - np.diag(np.diag(cm))
i, j = np.unravel_index(off.argmax(), off.shape)
print(f"most frequent mistake: {off[i, j]} images of a {i} read as a {j}")

# %%
fig, (ax_counts, ax_rates) = plt.subplots(1, 2, figsize=(10, 5.2), layout="constrained")
for ax, values, title, fmt in [(ax_counts, cm, "counts", "d"),
                               (ax_rates, cm / cm.sum(axis=1, keepdims=True),
                                "fraction of each true digit (row)", ".2f")]:
    ax.imshow(values, cmap="Blues")
    for (r, c), v in np.ndenumerate(values):
        if v:
            ax.text(c, r, format(v, fmt), ha="center", va="center", fontsize=10,
                    color="white" if v > values.max() / 2 else "black")
    ax.set(xticks=range(10), yticks=range(10), xlabel="predicted digit", ylabel="true digit",
           title=title)
plt.show()
