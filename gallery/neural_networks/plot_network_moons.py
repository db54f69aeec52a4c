r"""
Decision boundaries of growing networks on the two moons
========================================================

Four networks with one hidden layer of 1, 2, 4 and 16 ReLU units, each trained
with Adam on the same 200 points of scikit-learn's two-moons generator. One
unit can only draw a straight line; a few more units bend it into pieces of
lines; sixteen follow the moons. The shading is the predicted probability of
the orange class, the title reports the training accuracy.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam

X, y = make_moons(n_samples=200, noise=0.2, random_state=0)
xx, yy = np.meshgrid(np.linspace(-1.5, 2.5, 120), np.linspace(-1.0, 1.5, 100))
grid = np.column_stack([xx.ravel(), yy.ravel()])

fig, axes = plt.subplots(2, 2, figsize=(8, 6.5), sharex=True, sharey=True)
for ax, width in zip(axes.ravel(), [1, 2, 4, 16]):
    net = nn.Sequential([nn.Dense(2, width, rng=1), nn.Activation("relu"),
                         nn.Dense(width, 2, rng=2)])
    history = nn.fit(net, X, y, Adam(lr=0.03), n_epochs=150, batch_size=50, rng=0)
    proba = net.predict_proba(grid)[:, 1].reshape(xx.shape)
    ax.contourf(xx, yy, proba, levels=np.linspace(0, 1, 11), cmap="PuOr_r", alpha=0.6)
    ax.contour(xx, yy, proba, levels=[0.5], colors="k", linewidths=1)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="PuOr_r", edgecolors="k", s=18)
    ax.set_title(f"{width} hidden unit{'s' if width > 1 else ''}: "
                 f"train accuracy {history.train_accuracy[-1]:.2f}")
for ax in axes[1]:
    ax.set_xlabel("$x_1$")
for ax in axes[:, 0]:
    ax.set_ylabel("$x_2$")
fig.tight_layout()
plt.show()
