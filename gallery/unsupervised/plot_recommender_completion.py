r"""
Completing a low-rank rating matrix
===================================

:func:`mlcheatsheet.unsupervised.recommender.als` on a corner of a synthetic
rank-3 rating matrix seen on a random third of its entries (white: missing).
Left: the ratings the model is given. Right: the completed matrix
:math:`X \Theta^\top`, which fills every gap.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.unsupervised import recommender as rc

rng = np.random.default_rng(0)
truth = rng.normal(size=(200, 3)) @ rng.normal(size=(3, 150))
Y = truth + rng.normal(scale=0.3, size=truth.shape)
R = (rng.uniform(size=Y.shape) < 0.3).astype(float)
X, Theta, _ = rc.als(Y, R, rank=3, lam=0.1, n_iter=30)

corner = (slice(0, 40), slice(0, 30))
limit = np.abs(truth[corner]).max()
fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4.4), layout="constrained")
a.imshow(np.where(R == 1, Y, np.nan)[corner], cmap="coolwarm", vmin=-limit, vmax=limit)
a.set(title="observed ratings", xlabel="user", ylabel="item")
shown = b.imshow((X @ Theta.T)[corner], cmap="coolwarm", vmin=-limit, vmax=limit)
b.set(title="completed by ALS, rank 3", xlabel="user", ylabel="item")
fig.colorbar(shown, ax=b, label="rating")
plt.show()
