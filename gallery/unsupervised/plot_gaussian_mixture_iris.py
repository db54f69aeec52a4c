r"""
Full and diagonal Gaussian mixtures on the iris petals
======================================================

:func:`mlcheatsheet.unsupervised.gaussian_mixture.fit_gmm` with three components,
started from k-means, on the petal length and width of the iris flowers, with
full covariances (any ellipse) and diagonal ones (axis-aligned ellipses). Each
point is coloured by its most responsible component
(:func:`~mlcheatsheet.unsupervised.gaussian_mixture.predict`); the ellipses mark
one and two standard deviations
(:func:`~mlcheatsheet.unsupervised.gaussian_mixture.ellipse`).
"""

# %%
import matplotlib.pyplot as plt
from matplotlib.patches import Ellipse
import numpy as np
from sklearn.datasets import load_iris

from mlcheatsheet.unsupervised import gaussian_mixture as gm

P = load_iris().data[:, 2:]
fig, axes = plt.subplots(1, 2, figsize=(8, 3.8), layout="constrained", sharey=True)
for ax, covariance_type in zip(axes, ("full", "diag")):
    model = gm.fit_gmm(P, 3, covariance_type, rng=0)
    ax.scatter(P[:, 0], P[:, 1], c=gm.predict(model, P), cmap="viridis", s=10)
    for mu, cov in zip(model.means, model.covariances):
        cov = np.diag(cov) if covariance_type == "diag" else cov
        for n_std in (1, 2):
            width, height, angle = gm.ellipse(cov, n_std)
            ax.add_patch(Ellipse(mu, width, height, angle=angle, fill=False, color="C3",
                                 lw=1.5 if n_std == 1 else 0.7))
    ax.set(xlabel="petal length (cm)", ylabel="petal width (cm)",
           title=f"{covariance_type}: mean log-lik. {model.history[-1]:.3f}")

# %%
# The mean log-likelihood of every EM iterate: it never decreases.
fig, ax = plt.subplots(figsize=(5, 3.4), layout="constrained")
for covariance_type in ("full", "diag"):
    ax.plot(gm.fit_gmm(P, 3, covariance_type, rng=0).history, label=covariance_type)
ax.set(xlabel="EM iteration", ylabel="mean log-likelihood", title="EM on the iris petals")
ax.legend()
plt.show()
