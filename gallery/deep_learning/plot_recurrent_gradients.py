r"""
Vanishing and exploding gradients through time
==============================================

How much of the gradient of a loss on the last hidden state reaches the input
:math:`t` steps earlier, measured by backpropagation through time
(:class:`mlcheatsheet.deep_learning.recurrent.RNN`, ``LSTM``, ``GRU``) at
initialization, on random input of 40 steps. The gradient is multiplied by one
Jacobian per step, so on a log scale it falls (or rises) along a nearly straight
line.

Left: the three cells as the library initializes them, and an LSTM whose
forget-gate bias starts at 3 instead of 1. The vanilla RNN and the GRU (update
gate at one half) lose orders of magnitude; the LSTM's additive cell state keeps
the gradient, the more so the more open its forget gate.

Right: the vanilla RNN with its orthogonal recurrent weights scaled by
:math:`\gamma`. Below one the gradient vanishes faster; above one it grows
with the lag (it explodes), the case that gradient-norm clipping is for.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.deep_learning.recurrent import GRU, LSTM, RNN

rng = np.random.default_rng(0)
T, F, H = 40, 8, 32
X = rng.normal(size=(32, T, F))
G = rng.normal(size=(32, H))  # L = sum(G * h_T)


def gradient_by_lag(layer):
    """||dL/dx_t|| over the batch and features, lag 0 first, relative to lag 0."""
    layer.forward(X)
    norms = np.linalg.norm(layer.backward(G), axis=(0, 2))[::-1]
    return norms / norms[0]


cells = {"vanilla RNN": RNN((T, F), H, rng=1), "GRU": GRU((T, F), H, rng=1),
         "LSTM, forget bias 1": LSTM((T, F), H, rng=1)}
lstm3 = LSTM((T, F), H, rng=1)
lstm3.params["b"][H:2 * H] = 3.0
cells["LSTM, forget bias 3"] = lstm3

scaled = {}
for gamma in (0.5, 1.0, 2.0, 4.0):
    layer = RNN((T, F), H, rng=1)
    layer.params["Wh"] *= gamma
    scaled[gamma] = gradient_by_lag(layer)
assert scaled[4.0][-1] > 1 > scaled[0.5][-1]

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained", sharey=True)
lags = np.arange(T)
for name, layer in cells.items():
    axes[0].semilogy(lags, gradient_by_lag(layer), label=name)
axes[0].set_title("the cells at initialization")
for gamma, profile in scaled.items():
    axes[1].semilogy(lags, profile, label=f"γ = {gamma:g}")
axes[1].set_title("vanilla RNN, recurrent weights × γ")
for ax in axes:
    ax.set_xlabel("lag T − t (steps back from the last step)")
    ax.axhline(1.0, color="0.7", lw=0.8, zorder=0)
axes[0].set_ylabel("‖∂L/∂x_t‖ relative to lag 0")
axes[0].legend(loc="lower left", frameon=False)
axes[1].legend(loc="lower left", frameon=False)
plt.show()
