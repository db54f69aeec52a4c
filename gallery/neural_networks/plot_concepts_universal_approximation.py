r"""
Universal approximation: a wider hidden layer fits a curve more closely
=======================================================================

Networks with one hidden layer of 1 to 32 tanh units, each trained with Adam
(full batch, 800 epochs) on 200 points of :math:`f(x) = \sin 2x + 0.3x^2` on
:math:`[-3, 3]`, the function of the concepts page. Left: the root-mean-square
error of the fit against the width. Right: the fits of 2 and 8 units, which
show how each added unit adds one more S-shaped piece. The error falls with the
width, though not always at every step: the theorem says that good weights exist,
not that a given run of training finds them.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam

x = np.linspace(-3, 3, 200)[:, None]
y = np.sin(2 * x) + 0.3 * x ** 2
widths = [1, 2, 4, 8, 16, 32]
rmse, fits = [], {}
for width in widths:
    net = nn.Sequential([nn.Dense(1, width, rng=width), nn.Activation("tanh"),
                         nn.Dense(width, 1, rng=100 + width)], loss="mse")
    nn.fit(net, x, y, Adam(lr=0.02), n_epochs=800, batch_size=200)
    fits[width] = net.forward(x)
    rmse.append(float(np.sqrt(np.mean((fits[width] - y) ** 2))))

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
left.loglog(widths, rmse, "o-", lw=2)
left.set(xlabel="hidden units", ylabel="root-mean-square error", title="error against width")
right.plot(x, y, color="k", lw=3, alpha=0.3, label="target")
for width, style in [(2, "--"), (8, "-")]:
    right.plot(x, fits[width], style, lw=2, label=f"{width} hidden units")
right.set(xlabel="$x$", ylabel="$f(x)$", title="two fits")
right.legend()
plt.show()
