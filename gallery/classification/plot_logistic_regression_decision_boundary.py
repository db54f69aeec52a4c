r"""
Decision boundary on the student-exam data
==========================================

Logistic regression predicts the probability that a student passed from the
hours studied and slept. The probability is constant along straight lines, and
the decision boundary :math:`p = 0.5` is the line :math:`w_0 + w_1 x_1 + w_2 x_2 = 0`.

Left: the 2017 cheatsheet's model (learning rate 0.1, 3000 gradient-descent
updates on the raw hours), with its probability contours. Right: the converged
maximum-likelihood model, trained on standardized hours and converted back. The
two boundaries nearly coincide; the converged model's contours are packed more
tightly: its probabilities change faster across the boundary.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.classification import metrics
from mlcheatsheet.datasets import load_student_exams
from mlcheatsheet.basics.linear_regression import add_bias_column, normalize_features

exams = load_student_exams()
hours, passed = exams.data, exams.target
X = add_bias_column(hours)
w_seed, _ = logreg.train(X, passed, lr=0.1, n_iter=3000)

Z, mean, scale = normalize_features(hours, method="std")
A = add_bias_column(Z)
w_std, _ = logreg.train(A, passed, lr=1 / logreg.lipschitz_constant(A), n_iter=5000)
w_mle = np.r_[w_std[0] - np.sum(w_std[1:] * mean / scale), w_std[1:] / scale]
for name, w in [("2017 settings", w_seed), ("converged", w_mle)]:
    acc = metrics.accuracy(passed, logreg.predict(X, w))
    print(f"{name:14s} w = {np.round(w, 3)}  cost {logreg.cost(X, passed, w):.4f}  "
          f"training accuracy {acc:.2f}")

# %%
# Probability of passing over a grid of hours, with the students on top.
s1 = np.linspace(hours[:, 0].min() - 0.5, hours[:, 0].max() + 0.5, 200)
s2 = np.linspace(hours[:, 1].min() - 0.5, hours[:, 1].max() + 0.5, 200)
g1, g2 = np.meshgrid(s1, s2)
grid = add_bias_column(np.column_stack([g1.ravel(), g2.ravel()]))

fig, axes = plt.subplots(1, 2, figsize=(10, 4.8), layout="constrained", sharey=True)
for ax, (name, w) in zip(axes, [("2017 model (3000 updates)", w_seed),
                                ("converged (maximum likelihood)", w_mle)]):
    p = logreg.predict_proba(grid, w).reshape(g1.shape)
    filled = ax.contourf(g1, g2, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    ax.contour(g1, g2, p, levels=[0.5], colors="k", linewidths=2)
    for label, marker, color in [(0, "o", "C0"), (1, "^", "C3")]:
        ax.scatter(*hours[passed == label].T, marker=marker, c=color, edgecolors="k",
                   linewidths=0.5, label="passed" if label else "failed")
    ax.set(xlabel="hours studied", title=name)
axes[0].set_ylabel("hours slept")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
fig.colorbar(filled, ax=axes, label="P(pass)")
plt.show()
