r"""
One forward pass through the 2017 cheatsheet's 1-2-2 network
=============================================================

The larger network of the forward-propagation page: one input, two hidden and
two output ReLU neurons, He-initialized weights from a seeded generator and
biases of 0.1. One sample flows from left to right; every edge is labelled with
its weight, every neuron with its weighted input :math:`z` and its activation
:math:`a = \max(0, z)`, all computed by
:func:`mlcheatsheet.neural_networks.forward_propagation.feed_forward`. A grey
neuron is off (its weighted input is negative).
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.neural_networks import forward_propagation as fp

rng = np.random.default_rng(3)
Wh, Wo = fp.init_weights(1, 2, 2, rng)
Bh, Bo = fp.init_bias(2, 2)
x = np.array([[1.5]])
out = fp.feed_forward(x, Wh, Bh, Wo, Bo)

positions = {("x", 0): (0.0, 0.5), ("h", 0): (1.0, 0.8), ("h", 1): (1.0, 0.2),
             ("o", 0): (2.0, 0.8), ("o", 1): (2.0, 0.2)}
fig, ax = plt.subplots(figsize=(8, 4.5))
for j in range(2):
    for (src, i), W in [(("x", 0), Wh), (("h", 0), Wo), (("h", 1), Wo)]:
        dst = ("h", j) if src[0] == "x" else ("o", j)
        (x0, y0), (x1, y1) = positions[(src, i)], positions[dst]
        ax.plot([x0, x1], [y0, y1], color="0.6", zorder=1)
        ax.text(x0 + 0.4 * (x1 - x0), y0 + 0.4 * (y1 - y0) + 0.03, f"w = {W[i, j]:+.2f}",
                fontsize=10, ha="center", bbox=dict(fc="white", ec="none", pad=1))
labels, active = {("x", 0): f"x = {x[0, 0]:.2f}"}, {("x", 0): True}
for layer, Z, A in [("h", out.Zh, out.H), ("o", out.Zo, out.O)]:
    for j in range(2):
        labels[(layer, j)] = f"z = {Z[0, j]:+.2f}\na = {A[0, j]:.2f}"
        active[(layer, j)] = bool(Z[0, j] > 0)
for key, (px, py) in positions.items():
    on = active[key]
    ax.scatter([px], [py], s=4600, color="tab:blue" if on else "0.75", zorder=2,
               edgecolors="k")
    ax.text(px, py, labels[key], ha="center", va="center", fontsize=10, color="white" if on
            else "k", zorder=3)
for px, title in [(0.0, "input layer"), (1.0, "hidden layer\n(bias 0.1 each)"),
                  (2.0, "output layer\n(bias 0.1 each)")]:
    ax.text(px, 1.05, title, ha="center", va="bottom")
ax.set(xlim=(-0.4, 2.4), ylim=(-0.05, 1.25))
ax.axis("off")
ax.set_title(f"prediction O = [{out.O[0, 0]:.2f}, {out.O[0, 1]:.2f}]")
plt.show()
