r"""
One-vs-rest ROC curves and averaged F1 for three classes
========================================================

A softmax regression on two features of scikit-learn's wine data (alcohol and
malic acid), trained on a seeded random split and scored on the held-out
wines (three tenths of them), as on the metrics page.

* **Left**: one ROC curve per class, each class against the other two, scored
  by the model's probability of that class. The macro one-vs-rest AUC is the
  mean of the three areas; the micro curve pools every (sample, class) pair.
* **Right**: the per-class F1 scores, with the three averages drawn across:
  micro (equal to the accuracy), macro (each class counts once) and weighted
  (each class counts as its number of test wines).
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_wine

from mlcheatsheet.basics.linear_regression import add_bias_column, normalize_features
from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.classification import metrics

wine = load_wine()
columns = [wine.feature_names.index(c) for c in ("alcohol", "malic_acid")]
order = np.random.default_rng(0).permutation(len(wine.target))
n_test = int(0.3 * len(order))
test, train = order[:n_test], order[n_test:]
X_train, mean, scale = normalize_features(wine.data[train][:, columns], method="std")
A_train = add_bias_column(X_train)
A_test = add_bias_column((wine.data[test][:, columns] - mean) / scale)
W, _ = logreg.softmax_train(A_train, wine.target[train], n_iter=2000,
                            lr=1 / logreg.lipschitz_constant(A_train, softmax=True))
P = logreg.softmax_predict_proba(A_test, W)
y_true = wine.target_names[wine.target[test]]
y_pred = wine.target_names[logreg.softmax_predict(A_test, W)]
classes, support = np.unique(y_true, return_counts=True)
aucs = metrics.roc_auc(y_true, P, average=None)
print("one-vs-rest AUC per class:", ", ".join(f"{c} {a:.3f}" for c, a in zip(classes, aucs)))
print(f"macro {metrics.roc_auc(y_true, P):.3f}  "
      f"one-vs-one (Hand & Till) {metrics.roc_auc(y_true, P, multi_class='ovo'):.3f}")

# %%
fig, (ax_roc, ax_f1) = plt.subplots(1, 2, figsize=(10, 5.2), layout="constrained")
for k, name in enumerate(classes):
    fpr, tpr, _ = metrics.roc_curve(y_true, P[:, k], pos_label=name)
    ax_roc.plot(fpr, tpr, label=f"{name} vs rest (AUC {aucs[k]:.3f})")
onehot = (y_true[:, None] == classes).astype(int)
fpr, tpr, _ = metrics.roc_curve(onehot.ravel(), P.ravel())
ax_roc.plot(fpr, tpr, "k--", label=f"micro (AUC {metrics.roc_auc(y_true, P, average='micro'):.3f})")
ax_roc.plot([0, 1], [0, 1], "k:", lw=1, label="random scores")
ax_roc.set(xlabel="false positive rate", ylabel="true positive rate",
           title="one-vs-rest ROC curves (test wines)")
ax_roc.legend(loc="lower right")

f1 = metrics.f1(y_true, y_pred, average=None)
bars = ax_f1.bar(range(len(classes)), f1, color="0.75")
for bar, n in zip(bars, support):
    ax_f1.text(bar.get_x() + bar.get_width() / 2, 0.03, f"{n} wines", ha="center")
for average, style in [("micro", "-"), ("macro", "--"), ("weighted", ":")]:
    value = metrics.f1(y_true, y_pred, average=average)
    ax_f1.axhline(value, ls=style, color="C3", label=f"{average} F1 {value:.3f}")
ax_f1.set(xticks=range(len(classes)), xticklabels=classes, ylim=(0, 1), ylabel="F1",
          title="per-class F1 and its three averages")
fig.legend(*ax_f1.get_legend_handles_labels(), loc="outside lower center", ncols=3,
           title="averages of the per-class F1 (right)")
plt.show()
