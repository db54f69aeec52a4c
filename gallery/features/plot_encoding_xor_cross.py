r"""
XOR with and without a feature cross
====================================

Four hundred points drawn uniformly from the square :math:`[-1, 1]^2`,
labelled 1 (blue) where :math:`x_1` and :math:`x_2` have the same sign and 0
(orange) elsewhere, the XOR pattern. Left: logistic regression on
:math:`x_1, x_2` can only draw one straight boundary, which leaves two
opposite quadrants on the wrong side, so it does no better than chance.
Right: with the cross :math:`x_1x_2` as a third feature the boundary
:math:`w_0 + w_1x_1 + w_2x_2 + w_3x_1x_2 = 0` bends into the two axes and
separates the classes. The shading is the predicted probability of class 1.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics.linear_regression import add_bias_column
from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.features import encoding as en

rng = np.random.default_rng(0)
points = rng.uniform(-1, 1, size=(400, 2))
label = (points[:, 0] * points[:, 1] > 0).astype(float)


def with_cross(P):
    return add_bias_column(np.column_stack([P, en.cross(P[:, :1], P[:, 1:])]))


g1, g2 = np.meshgrid(np.linspace(-1, 1, 200), np.linspace(-1, 1, 200))
grid = np.column_stack([g1.ravel(), g2.ravel()])
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained")
for ax, (title, design) in zip(axes, [("features x1, x2", add_bias_column),
                                      ("features x1, x2, x1·x2", with_cross)]):
    w, _ = logreg.train(design(points), label, lr=1.0, n_iter=2000)
    accuracy = np.mean(logreg.predict(design(points), w) == label)
    prob = logreg.predict_proba(design(grid), w).reshape(g1.shape)
    shade = ax.contourf(g1, g2, prob, levels=np.linspace(0, 1, 11), cmap="RdBu", alpha=0.5)
    ax.contour(g1, g2, prob, levels=[0.5], colors="k")
    ax.scatter(*points[label == 1].T, s=8, color="tab:blue")
    ax.scatter(*points[label == 0].T, s=8, color="tab:orange")
    ax.set(title=f"{title}: training accuracy {accuracy:.0%}", xlabel="x1", ylabel="x2")
    ax.set_aspect("equal")
fig.colorbar(shade, ax=axes, label="P(class 1)", shrink=0.8)
plt.show()
