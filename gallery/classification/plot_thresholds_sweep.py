r"""
What moving the threshold does
==============================

The breast-cancer model that sees only two features (mean texture and mean
smoothness) is a weak classifier, which makes its trade-offs easy to see. Each
metric is computed on the held-out tumours at thresholds from 0 to 1: predict
malignant when :math:`P(\text{malignant}) \ge t`.

Recall can only fall as the threshold rises, and specificity only rise.
Precision mostly rises but not always (a raised threshold that drops a true
positive and no false positive lowers it). :math:`F_1` and accuracy peak at
different thresholds, and neither peak is at 0.5.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.classification import metrics
from mlcheatsheet.basics.linear_regression import add_bias_column, normalize_features

cancer = load_breast_cancer()
y = 1 - cancer.target  # 1 = malignant
order = np.random.default_rng(0).permutation(len(y))
test, train = order[: len(y) // 4], order[len(y) // 4:]
names = list(cancer.feature_names)
columns = [names.index("mean texture"), names.index("mean smoothness")]
X_train, mean, scale = normalize_features(cancer.data[train][:, columns], method="std")
A_train = add_bias_column(X_train)
w, _ = logreg.train(A_train, y[train], lr=1 / logreg.lipschitz_constant(A_train, 1.0),
                    n_iter=3000, l2=1.0, tol=1e-10)
y_test = y[test]
score = logreg.predict_proba(add_bias_column((cancer.data[test][:, columns] - mean) / scale), w)

thresholds = np.linspace(0.0, 1.0, 201)
curves = {name: [] for name in ["precision", "recall", "specificity", "F1", "accuracy"]}
for t in thresholds:
    y_pred = logreg.classify(score, threshold=t)
    curves["precision"].append(metrics.precision(y_test, y_pred, zero_division=np.nan))
    curves["recall"].append(metrics.recall(y_test, y_pred))
    curves["specificity"].append(metrics.specificity(y_test, y_pred))
    curves["F1"].append(metrics.f1(y_test, y_pred))
    curves["accuracy"].append(metrics.accuracy(y_test, y_pred))
best = {name: int(np.argmax(curves[name])) for name in ("F1", "accuracy")}
for name, k in best.items():
    print(f"best {name:8s} {curves[name][k]:.3f} at threshold {thresholds[k]:.3f}")
# what the text above says, checked
assert np.all(np.diff(curves["recall"]) <= 0) and np.all(np.diff(curves["specificity"]) >= 0)
assert best["F1"] != best["accuracy"] and 0.5 not in (thresholds[best["F1"]],
                                                       thresholds[best["accuracy"]])

# %%
# Precision is left undefined (``zero_division=np.nan``, a gap in the curve)
# where no tumour is predicted malignant.
fig, ax = plt.subplots(figsize=(9.5, 4.3), layout="constrained")
for name, values in curves.items():
    ax.plot(thresholds, values, lw=2 if name in ("precision", "recall") else 1.2, label=name)
ax.axvline(0.5, color="k", ls=":", label="default threshold 0.5")
ax.axhline(metrics.null_accuracy(y_test), color="gray", ls="--", lw=1,
           label="null accuracy (always benign)")
ax.set(xlabel="threshold t", ylabel="metric on the test tumours", ylim=(0, 1.03),
       title="Metrics against the classification threshold")
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
plt.show()
