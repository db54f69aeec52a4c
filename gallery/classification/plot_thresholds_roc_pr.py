r"""
ROC, precision-recall and calibration curves
============================================

Two logistic-regression models of the breast-cancer data bundled with
scikit-learn (malignant = positive), evaluated on the same held-out quarter of
the tumours: one uses all 30 features, the other only the mean texture and mean
smoothness of the cell nuclei.

* The **ROC curve** plots the true positive rate against the false positive
  rate at every threshold; its area (AUC) is the probability that a malignant
  tumour scores higher than a benign one.
* The **precision-recall curve** plots precision against recall; random scores
  give precision equal to the prevalence.
* The **calibration curve** compares, in bins of predicted probability, the
  mean prediction with the fraction of tumours that are malignant: the diagonal
  is perfect calibration.
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
features = {"all 30 features": list(range(30)),
            "texture + smoothness": [names.index("mean texture"), names.index("mean smoothness")]}
scores = {}
for name, columns in features.items():
    X_train, mean, scale = normalize_features(cancer.data[train][:, columns], method="std")
    X_test = (cancer.data[test][:, columns] - mean) / scale
    A_train = add_bias_column(X_train)
    w, _ = logreg.train(A_train, y[train], lr=1 / logreg.lipschitz_constant(A_train, 1.0),
                        n_iter=3000, l2=1.0, tol=1e-10)
    scores[name] = logreg.predict_proba(add_bias_column(X_test), w)
y_test = y[test]
for name, s in scores.items():
    print(f"{name:22s} AUC {metrics.roc_auc(y_test, s):.3f}  "
          f"AP {metrics.average_precision(y_test, s):.3f}  "
          f"log loss {metrics.log_loss(y_test, s):.3f}  "
          f"prediction bias {metrics.prediction_bias(y_test, s):+.3f}")

# %%
fig, axes = plt.subplots(2, 2, figsize=(9, 8), layout="constrained")
(ax_roc, ax_pr), (ax_cal, ax_key) = axes
for name, s in scores.items():
    fpr, tpr, _ = metrics.roc_curve(y_test, s)
    precision, recall, _ = metrics.precision_recall_curve(y_test, s)
    frac, mean_p, counts = metrics.calibration_curve(y_test, s, n_bins=5, strategy="quantile")
    line, = ax_roc.plot(fpr, tpr, label=name)
    ax_pr.step(recall, precision, where="post", color=line.get_color(), label=name)
    ax_cal.plot(mean_p, frac, "o-", color=line.get_color(), label=name)
ax_roc.plot([0, 1], [0, 1], "k:", label="random scores")
ax_roc.set(xlabel="false positive rate", ylabel="true positive rate", title="ROC")
ax_pr.axhline(y_test.mean(), color="k", ls=":", label="random scores")
ax_pr.set(xlabel="recall", ylabel="precision", ylim=(0, 1.03), title="Precision-recall")
ax_cal.plot([0, 1], [0, 1], "k:", label="perfectly calibrated")
ax_cal.set(xlabel="mean predicted probability\n(5 bins of equal size)",
           ylabel="fraction malignant", title="Calibration")
# one key for the three panels (the same colour is the same model in each)
handles, labels = ax_roc.get_legend_handles_labels()
handles += ax_cal.get_legend_handles_labels()[0][-1:]
labels += ["perfectly calibrated"]
ax_key.axis("off")
ax_key.legend(handles, labels, loc="center", title="scores")
plt.show()
