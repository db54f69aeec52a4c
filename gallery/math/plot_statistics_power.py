r"""
Power of an A/B test against its sample size
============================================

:func:`mlcheatsheet.math.statistics.power_two_proportions` for a baseline conversion
rate of 10 % and three lifts, against the number of users per arm, with the 80 %
power line and the sample size
:func:`~mlcheatsheet.math.statistics.sample_size_two_proportions` picks for each.
The dots are simulated A/B tests (:func:`~mlcheatsheet.math.statistics.two_proportion_test`
on binomial draws, 1000 experiments per point) for the 2-point lift: the normal
approximation and the simulation agree.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.math import statistics

rng = np.random.default_rng(0)
ns = np.unique(np.geomspace(100, 40_000, 80).astype(int))
lifts = [0.11, 0.12, 0.13]
needed = {p_b: statistics.sample_size_two_proportions(0.10, p_b, power=0.8) for p_b in lifts}
for p_b, n in needed.items():
    print(f"10% -> {p_b:.0%}: {n} users per arm for 80% power")

sim_ns = [500, 1000, 2000, 4000, 8000]
simulated = []
for n in sim_ns:
    a, b = rng.binomial(n, 0.10, 1000), rng.binomial(n, 0.12, 1000)
    simulated.append(np.mean([statistics.two_proportion_test(int(i), n, int(j), n)[1] < 0.05
                              for i, j in zip(a, b)]))

# %%
fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
for p_b in lifts:
    power = [statistics.power_two_proportions(0.10, p_b, int(n)) for n in ns]
    line, = ax.plot(ns, power, lw=2, label=f"10% → {p_b:.0%} (n = {needed[p_b]})")
    ax.axvline(needed[p_b], color=line.get_color(), lw=0.8, ls=":")
ax.plot(sim_ns, simulated, "ko", ms=4, label="simulated, 10% → 12%")
ax.axhline(0.8, color="gray", lw=0.8, ls="--")
ax.set(xscale="log", ylim=(0, 1), xlabel="users per arm", ylabel="power (chance of p < 0.05)",
       title="a smaller lift needs many more users")
ax.legend(loc="lower right")
plt.show()
