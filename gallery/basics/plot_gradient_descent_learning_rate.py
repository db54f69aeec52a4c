r"""
The effect of the learning rate
===============================

Gradient descent on the one-dimensional cost :math:`J(\theta) = \theta^2`,
whose curvature is :math:`L = 2`. It converges for any learning rate below
:math:`2/L = 1` and diverges above: too small crawls, a good rate lands in a few
steps, a rate near the limit zig-zags across the valley, and a rate above it
climbs out. The divergent run stops with a ``DivergenceError``, whose partial
path is plotted.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics.gradient_descent import DivergenceError, gradient_descent


def J(theta):
    return float(theta[0] ** 2)


def grad_J(theta):
    return 2 * theta


runs = {}
for rate in (0.05, 0.4, 0.95, 1.05):
    try:
        runs[rate] = gradient_descent(J, grad_J, x0=[-4.0], lr=rate, n_iter=12, tol=0.0)
    except DivergenceError as err:
        print(f"lr = {rate}: {err}")
        runs[rate] = err.result

# %%
# Each panel shows the iterates on the curve :math:`J(\theta)`.
fig, axes = plt.subplots(2, 2, figsize=(9, 6.5), layout="constrained",
                         sharex=True, sharey=True)
grid = np.linspace(-6, 6, 200)
titles = {0.05: "too small", 0.4: "good", 0.95: "near the limit", 1.05: "too large: diverges"}
for ax, (rate, run) in zip(axes.flat, runs.items()):
    ax.plot(grid, grid**2, color="0.6")
    ax.plot(run.path[:, 0], run.history, "o-", color="C3", ms=3)
    ax.set(title=f"lr = {rate}: {titles[rate]}", ylim=(-1, 36))
for ax in axes[1]:
    ax.set_xlabel("θ")
for ax in axes[:, 0]:
    ax.set_ylabel("J(θ)")
plt.show()
