r"""
Learning-rate schedules and their parameters
============================================

The schedules of :mod:`mlcheatsheet.optimization.schedules`, each drawn for a few values of
its parameter over 1000 steps from :math:`\eta_0 = 0.1`. Every schedule is a
callable of the step count, evaluated here on a whole array of steps at once.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.optimization import schedules as sch

t = np.arange(1000)
families = {
    "step decay, every 250 steps": {f"γ = {g}": sch.StepDecay(0.1, step_size=250, gamma=g)
                                    for g in (0.1, 0.3, 0.5)},
    "exponential decay": {f"k = {k:g}": sch.ExponentialDecay(0.1, rate=k)
                          for k in (1e-3, 3e-3, 1e-2)},
    "inverse-time decay": {f"k = {k:g}": sch.InverseTimeDecay(0.1, rate=k)
                           for k in (3e-3, 1e-2, 1e-1)},
    "cosine decay": {f"T = {n}, floor {m:g}": sch.CosineDecay(0.1, n_steps=n, lr_min=m)
                     for n, m in ((1000, 0.0), (600, 0.0), (1000, 0.02))},
    "linear warm-up, then cosine": {f"W = {w}": sch.LinearWarmup(
        sch.CosineDecay(0.1, n_steps=1000 - w), n_warmup=w) for w in (10, 100, 300)},
}
fig, axes = plt.subplots(3, 2, figsize=(9, 10), sharex=True, sharey=True, layout="constrained")
for ax, (title, schedules) in zip(axes.flat, families.items()):
    for label, schedule in schedules.items():
        ax.plot(t, schedule(t), lw=1.6, label=label)
    ax.set(title=title)
    ax.legend(loc="upper right")
for ax in axes[:, 0]:
    ax.set_ylabel("learning rate")
for ax in axes[-1]:
    ax.set_xlabel("step")
axes[-1, -1].set_visible(False)  # five families
axes[1, 1].tick_params(labelbottom=True)  # above the empty cell: keep the step axis
axes[1, 1].set_xlabel("step")
plt.show()

# %%
# How much ground does each schedule cover? The sum of the learning rates is
# the distance a constant unit gradient would move the parameters.
print(f"{'schedule':<42} {'sum of lr over 1000 steps':>26}")
for title, schedules in families.items():
    for label, schedule in schedules.items():
        print(f"{title + ', ' + label:<42} {schedule(t).sum():26.2f}")
plt.show()
