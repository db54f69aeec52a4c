r"""
Batch, mini-batch and stochastic gradient descent on the contours
=================================================================

Simple linear regression of Sales on the standardized Radio budget
(Advertising data) has two parameters, the weight :math:`w` and the bias
:math:`b`, so every step can be drawn on the contours of the cost. The three
runs below take the same 60 steps with the same learning rate; they differ in
how many samples each step's gradient is averaged over: all 200 (batch
gradient descent), 10 (mini-batch) or 1 (stochastic gradient descent). The
samples are shuffled before every pass with a seeded generator.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.optimization import optimizers as opt
from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.basics.linear_regression import mse_simple, normalize_features

ads = load_advertising()
x = normalize_features(ads.column("Radio")[:, None], method="std")[0][:, 0]
y = ads.target
n_steps, lr = 60, 0.1


def grad(p, x, y):
    """Gradient of the halved mean squared error of w x + b, on the samples given."""
    residual = p[0] * x + p[1] - y
    return np.array([np.mean(residual * x), np.mean(residual)])


runs = {}
for label, batch_size in [("batch, 200 samples", 200), ("mini-batch, 10", 10), ("stochastic, 1", 1)]:
    optimizer, path, rng = opt.SGD(lr=lr), [np.array([-4.0, 4.0])], np.random.default_rng(0)
    while len(path) <= n_steps:
        for batch in opt.minibatches(len(x), batch_size, rng):
            path.append(optimizer.step(path[-1], grad(path[-1], x[batch], y[batch])))
            if len(path) > n_steps:
                break
    runs[label] = np.array(path)
    final = runs[label][-1]
    print(f"{label:<20} {n_steps * batch_size:6d} sample gradients, ends at w = {final[0]:.3f}, "
          f"b = {final[1]:.3f}, cost {mse_simple(x, y, *final) / 2:.3f}")
w_best = np.polyfit(x, y, 1)
print(f"least squares:                               w = {w_best[0]:.3f}, b = {w_best[1]:.3f}, "
      f"cost {mse_simple(x, y, *w_best) / 2:.3f}")

# %%
# One panel per batch size, stacked. Batch steps cross the contours at right angles;
# smaller batches see noisier gradients, and single samples make the path
# wander, although on average it still heads for the minimum. Each of their
# steps is 200 times cheaper than a batch step.
W, B = np.meshgrid(np.linspace(-5, 9, 150), np.linspace(2, 22, 150))
cost = np.mean((W[..., None] * x + B[..., None] - y) ** 2, axis=-1) / 2
fig, axes = plt.subplots(3, 1, figsize=(7, 11), sharex=True, layout="constrained")
for ax, (label, path) in zip(axes, runs.items()):
    ax.contour(W, B, cost, levels=np.geomspace(cost.min() * 1.02, cost.max(), 15),
               cmap="viridis", linewidths=0.7)
    ax.plot(path[:, 0], path[:, 1], ".-", color="C3", ms=3, lw=0.8)
    ax.plot(*w_best, "*", color="k", ms=12)
    ax.set(title=f"{label}: {n_steps} steps, lr = {lr}", ylabel="bias b")
axes[-1].set_xlabel("weight w")
plt.show()
