r"""
The XOR problem solved
======================

XOR's two 1s sit on one diagonal of the unit square and its two 0s on the other,
so no single neuron separates them. Left: a network with no hidden layer, trained
with Adam, draws one straight boundary and gets at most three of the four points
right. Right: a network with four hidden tanh units, trained the same way,
bends its boundary around the diagonal. The shading is the predicted probability
of class 1; the title reports the accuracy on the four points.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.neural_networks import logic_gates as lg
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam

X, h = lg.truth_table("XOR")
y = h.round().astype(int)
grid = np.linspace(-0.5, 1.5, 161)
gx, gy = np.meshgrid(grid, grid)
G = np.column_stack([gx.ravel(), gy.ravel()])

networks = {
    "no hidden layer": nn.Sequential([nn.Dense(2, 2, rng=0)]),
    "4 hidden tanh units": nn.Sequential([nn.Dense(2, 4, rng=0), nn.Activation("tanh"),
                                          nn.Dense(4, 2, rng=1)]),
}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.4), layout="constrained")
for ax, (title, net) in zip(axes, networks.items()):
    nn.fit(net, X, y, Adam(lr=0.05), n_epochs=500, batch_size=4, rng=0)
    proba = net.predict_proba(G)[:, 1].reshape(gx.shape)
    ax.contourf(gx, gy, proba, levels=np.linspace(0, 1, 11), cmap="PuOr_r", alpha=0.7)
    ax.contour(gx, gy, proba, levels=[0.5], colors="k", linewidths=1.5)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="PuOr_r", edgecolors="k", s=120, vmin=0, vmax=1)
    accuracy = np.mean(net.predict(X) == y)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
           title=f"{title}: accuracy {accuracy:.0%}")
plt.show()
