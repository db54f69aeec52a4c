r"""
Every optimizer on Rosenbrock, Beale and an ill-conditioned bowl
================================================================

Each optimizer of :mod:`mlcheatsheet.optimization.optimizers` runs 300 steps from the
customary starting point of three test functions (:mod:`mlcheatsheet.optimization.objectives`).
A fair comparison needs a fair learning rate, so for every optimizer and every
function the script tries a grid of learning rates, from :math:`10^{-3}` to 3,
and keeps the one that ends with the lowest cost.

* **Rosenbrock**: a curved valley with a nearly flat floor.
* **Beale**: plateaus and steep walls.
* **Ill-conditioned quadratic**: a bowl 50 times steeper in one direction than
  in the other, tilted by 30 degrees so that no coordinate axis lines up with it.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.optimization import optimizers as opt
from mlcheatsheet.basics.gradient_descent import DivergenceError
from mlcheatsheet.optimization.objectives import OBJECTIVES

N_STEPS = 300
GRID = [1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0]


def best_run(objective, optimizer_class):
    """The run with the lowest final cost over the learning-rate grid."""
    best = None
    for lr in GRID:
        try:
            run = opt.minimize(objective.fun, objective.grad, objective.x0,
                               optimizer_class(lr=lr), n_iter=N_STEPS, gtol=1e-10)
        except DivergenceError:
            continue
        if best is None or run.cost < best[1].cost:
            best = (lr, run)
    return best


runs = {(p, name): best_run(o, cls) for p, o in OBJECTIVES.items()
        for name, cls in opt.OPTIMIZERS.items()}

print(f"{'optimizer':<10}" + "".join(f"{o.name:>32}" for o in OBJECTIVES.values()))
for name in opt.OPTIMIZERS:
    cells = [f"lr={runs[p, name][0]:<6g} cost={runs[p, name][1].cost:9.2e}" for p in OBJECTIVES]
    print(f"{name:<10}" + "".join(f"{c:>32}" for c in cells))

# %%
# The paths, on the contours of each function. The star is the minimum.
fig, axes = plt.subplots(2, 2, figsize=(9.5, 8.5), layout="constrained")
for ax, (p, o) in zip(axes.flat, OBJECTIVES.items()):
    (x_lo, x_hi), (y_lo, y_hi) = o.window
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 250), np.linspace(y_lo, y_hi, 250))
    values = o.fun(np.stack([gx, gy]))
    ax.contour(gx, gy, values, levels=np.geomspace(values.min() + 1e-3, values.max(), 20),
               cmap="viridis", linewidths=0.6, alpha=0.6)
    for name in opt.OPTIMIZERS:
        path = runs[p, name][1].path
        ax.plot(path[:, 0], path[:, 1], lw=1.3, label=name)
    ax.plot(*o.x_min, "*", color="k", ms=13)
    ax.plot(*o.x0, "o", color="k", ms=5)
    ax.set(xlim=(x_lo, x_hi), ylim=(y_lo, y_hi), title=o.name, xlabel="x₁", ylabel="x₂")
axes[1, 1].axis("off")  # the fourth cell holds the key
axes[1, 1].legend(*axes[0, 0].get_legend_handles_labels(), loc="center", ncols=2,
                  title="optimizer")
fig.suptitle(f"{N_STEPS} steps of each optimizer, best learning rate from a grid")
plt.show()

# %%
# The cost along the way, on a log scale. Momentum methods and Adam race ahead;
# Adadelta's first steps are only about :math:`\sqrt{\epsilon} = 10^{-3}` long,
# so in 300 steps it has barely left the start.
fig, axes = plt.subplots(2, 2, figsize=(9.5, 7.5), layout="constrained")
for ax, (p, o) in zip(axes.flat, OBJECTIVES.items()):
    for name in opt.OPTIMIZERS:
        ax.plot(np.maximum(runs[p, name][1].history, 1e-16), lw=1.3, label=name)
    ax.set(yscale="log", xlabel="step", ylabel="cost", title=o.name)
axes[1, 1].axis("off")
axes[1, 1].legend(*axes[0, 0].get_legend_handles_labels(), loc="center", ncols=2,
                  title="optimizer")
plt.show()
