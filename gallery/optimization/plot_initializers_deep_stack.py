r"""
Activation variance through a deep network under each initializer
=================================================================

A batch of 256 standard-normal inputs passes through 30 layers of 128 units,
every layer initialized with the same method of :mod:`mlcheatsheet.optimization.initializers`
(biases zero). The curves show the variance of each layer's *outputs* (the
activations), for tanh and for ReLU units.

Xavier/Glorot slows the decay of a tanh network's activations (it does not stop it); He/Kaiming
keeps a ReLU network's variance steady, where Xavier halves it at every layer.
Fixed small scales shrink the signal geometrically, and sparse initialization
(15 non-zero weights of unit variance per unit) makes a ReLU network's signal
explode.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.optimization import initializers as init
from mlcheatsheet.neural_networks.activations import relu, tanh

width, depth = 128, 30
X = np.random.default_rng(0).normal(size=(256, width))
setups = {
    "normal, σ = 0.01": lambda s, r: init.normal(s, r, std=0.01),
    "uniform, ±0.05": lambda s, r: init.uniform(s, r),
    "Xavier normal": init.xavier_normal,
    "Xavier uniform": init.xavier_uniform,
    "He normal": init.he_normal,
    "He uniform": init.he_uniform,
    "orthogonal": init.orthogonal,
    "sparse, 15 per unit": init.sparse,
}
variances = {}
for act_name, activation in [("tanh", tanh), ("ReLU", relu)]:
    for name, initializer in setups.items():
        rng, h, per_layer = np.random.default_rng(1), X, []
        for _ in range(depth):
            h = activation(h @ initializer((width, width), rng))
            per_layer.append(h.var())
        variances[act_name, name] = np.array(per_layer)

print(f"{'initializer':<22} {'tanh, layer 30':>16} {'ReLU, layer 30':>16}")
for name in setups:
    print(f"{name:<22} {variances['tanh', name][-1]:16.3g} {variances['ReLU', name][-1]:16.3g}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 5.2), sharey=True, layout="constrained")
for ax, act_name in zip(axes, ["tanh", "ReLU"]):
    for name in setups:
        ax.plot(np.arange(1, depth + 1), np.maximum(variances[act_name, name], 1e-300),
                marker=".", lw=1.2, label=name)
    ax.set(yscale="log", ylim=(1e-30, 1e12), xlabel="layer", title=f"{act_name} units")
axes[0].set_ylabel("variance of the activations")
fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center", ncols=3)
plt.show()

# %%
# The distribution of the tanh activations at layers 1, 10 and 30: with Xavier
# they stay spread over the useful range of tanh; with a fixed :math:`\sigma`
# of 0.01 they collapse onto 0 (and the gradients with them). He's variance,
# twice Xavier's for these square layers, pushes a good share of the units
# towards :math:`\pm 1`, where tanh is flat and passes little gradient back.
fig, axes = plt.subplots(2, 2, figsize=(9, 6.5), sharey=True, layout="constrained")
for ax, layer in zip(axes.flat, [1, 10, 30]):
    for name in ["Xavier normal", "normal, σ = 0.01", "He normal"]:
        rng, h = np.random.default_rng(1), X
        for _ in range(layer):
            h = np.tanh(h @ setups[name]((width, width), rng))
        ax.hist(h.ravel(), bins=np.linspace(-1, 1, 81), histtype="step", lw=1.4, label=name,
                density=True)
    ax.set(title=f"tanh activations, layer {layer}", xlabel="activation", yscale="log")
axes[1, 1].axis("off")  # the fourth cell holds the key
axes[1, 1].legend(*axes[0, 0].get_legend_handles_labels(), loc="center", title="initializer")
plt.show()
