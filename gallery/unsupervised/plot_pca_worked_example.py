r"""
PCA on the worked 10 x 2 example
================================

The figure Ng's course notes lost: the ten centred documents of their worked
example ("learn" and "study" counts), the two eigenvectors of the covariance
scaled by their standard deviations, and each point's projection onto the first
one (:func:`mlcheatsheet.unsupervised.pca.fit_pca`,
:func:`mlcheatsheet.unsupervised.pca.project`,
:func:`mlcheatsheet.unsupervised.pca.reconstruct`). Right: the same points in
the coordinates of the two components, where they are uncorrelated and the
spread along the second is small.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.unsupervised import pca

X = pca.WORKED_EXAMPLE
model = pca.fit_pca(X)
Xc = X - model.mean
on_line = pca.reconstruct(model, pca.project(model, X, 1)) - model.mean
Z = pca.project(model, X, 2)

fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4), layout="constrained")
a.scatter(Xc[:, 0], Xc[:, 1], marker="+", s=80, c="k", label="centred documents")
for (x0, y0), (x1, y1) in zip(Xc, on_line):
    a.plot([x0, x1], [y0, y1], c="0.6", lw=0.8)
a.scatter(on_line[:, 0], on_line[:, 1], s=15, c="C3", label="projection on $v_1$")
for j, (v, lam) in enumerate(zip(model.components, model.explained_variance)):
    end = np.sqrt(lam) * v                       # one standard deviation long
    a.annotate("", xy=end, xytext=(0, 0), arrowprops=dict(arrowstyle="->", color=f"C{j}", lw=2))
    a.text(end[0] + 0.05, end[1] - 0.12 * (j == 0) + 0.1 * (j == 1),
           f"$v_{j + 1}$, $\\lambda$ = {lam:.3f}", color=f"C{j}")
a.set(xlabel="learn (centred)", ylabel="study (centred)", aspect="equal",
      title="Eigenvectors of the covariance")
a.legend(loc="lower right")
b.scatter(Z[:, 0], Z[:, 1], marker="+", s=80, c="k")
b.axhline(0, c="0.8", lw=0.8)
b.axvline(0, c="0.8", lw=0.8)
b.set(xlabel="first component $z_1$", ylabel="second component $z_2$",
      ylim=(-1.5, 1.5), title="In component coordinates")
plt.show()
