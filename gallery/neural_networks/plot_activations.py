r"""
Activation functions and their derivatives
==========================================

Every activation in :mod:`mlcheatsheet.neural_networks.activations`, drawn with its derivative on
the same axes. The saturating functions (sigmoid, tanh) have derivatives that
vanish in both tails; the rectifiers keep a slope of 1 for every positive input;
GELU and SiLU dip below zero, so their derivatives are negative there.

Softmax and log-softmax act on whole vectors. They are drawn here for the two
logits :math:`(z, 0)`: the first softmax output is then exactly the sigmoid of
:math:`z`, and the curve labelled "derivative" is the diagonal Jacobian entry
:math:`\partial s_1 / \partial z_1`.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.neural_networks import activations as act

z = np.linspace(-5, 5, 501)
params = {"leaky_relu": {"alpha": 0.1}}  # a visible slope; the default is 0.01


def curves(name):
    """The activation and its derivative along z (first output for the softmax pair)."""
    f, df = act.ACTIVATIONS[name]
    if name in act.ELEMENTWISE:
        return f(z, **params.get(name, {})), df(z, **params.get(name, {}))
    logits = np.column_stack([z, np.zeros_like(z)])
    return f(logits)[:, 0], df(logits)[:, 0, 0]


fig, axes = plt.subplots(5, 2, figsize=(9, 13), sharex=True, layout="constrained")
for ax, name in zip(axes.flat, act.ACTIVATIONS):
    value, slope = curves(name)
    ax.axhline(0, color="0.8", lw=0.8)
    ax.axvline(0, color="0.8", lw=0.8)
    ax.plot(z, value, lw=2, label="function")
    ax.plot(z, slope, "--", lw=2, label="derivative")
    title = name.replace("_", " ") + (" of (z, 0)" if name not in act.ELEMENTWISE else "")
    ax.set(title=title, ylim=(-1.6, 3.2))
for ax in axes[-1]:
    ax.set_xlabel("pre-activation z")
fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
fig.suptitle("Activation functions (solid) and their derivatives (dashed)")
plt.show()

# %%
# Saturation in numbers: the slope at :math:`z = \pm 5`. A slope near zero at
# both ends means almost no gradient flows back through a unit whose input is
# that large, whatever its sign.
print(f"{'activation':<12} {'slope at -5':>12} {'slope at +5':>12}")
for name in sorted(act.ELEMENTWISE):
    df = act.ACTIVATIONS[name][1]
    lo, hi = (df(v, **params.get(name, {})) for v in (-5.0, 5.0))
    print(f"{name:<12} {lo:12.4g} {hi:12.4g}")

# %%
# The two-logit softmax is the sigmoid, to rounding:
gap = np.abs(act.softmax(np.column_stack([z, np.zeros_like(z)]))[:, 0] - act.sigmoid(z)).max()
print(f"largest |softmax(z, 0)[0] - sigmoid(z)| on [-5, 5]: {gap:.1e}")
plt.show()
