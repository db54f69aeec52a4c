r"""
The law of large numbers with a die
===================================

The ML mathematics page's die experiment, whose figure was lost: roll a fair die
again and again and follow the average of the rolls so far
(:func:`mlcheatsheet.math.probability.running_mean`). Five sequences of 10 000 rolls
start far apart and all close in on the die's mean, 3.5; the shaded band is
:math:`3.5 \pm 2\sigma/\sqrt n`, where :math:`\sigma^2 = 35/12` is the variance of
one roll, inside which about 95 % of all sequences lie at each n.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.math import probability

rng = np.random.default_rng(0)
rolls = rng.integers(1, 7, size=(5, 10_000)).astype(float)
paths = np.array([probability.running_mean(r) for r in rolls])
n = np.arange(1, rolls.shape[1] + 1)
sigma = np.sqrt(np.var(np.arange(1, 7)))          # 35/12 for a fair die
for k in (10, 100, 1000, 10_000):
    print(f"after {k:5d} rolls: averages {np.round(paths[:, k - 1], 3).tolist()}")

# %%
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
ax.fill_between(n, 3.5 - 2 * sigma / np.sqrt(n), 3.5 + 2 * sigma / np.sqrt(n),
                color="gray", alpha=0.25, label=r"$3.5 \pm 2\sigma/\sqrt{n}$")
for path in paths:
    ax.plot(n, path, lw=1)
ax.axhline(3.5, color="black", lw=0.8)
ax.set(xscale="log", ylim=(1, 6), xlabel="number of rolls n", ylabel="average of the rolls",
       title="running average of die rolls")
ax.legend(loc="upper right")
plt.show()
