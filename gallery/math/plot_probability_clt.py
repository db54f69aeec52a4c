r"""
The central limit theorem with 0/1 draws
========================================

The experiment the ML mathematics page describes, whose figure was lost: draw random
0s and 1s (a fair coin), average ``n`` of them, and repeat 4000 times, for ``n`` from
1 to 512 (:func:`mlcheatsheet.math.probability.sample_means`). For one draw the
"average" is 0 or 1; as ``n`` grows the averages pile up around 0.5, the tails get
thinner, the histogram takes the shape of a bell curve, and its standard deviation
shrinks like :math:`0.5/\sqrt n`.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.math import probability

ns = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
means = {n: probability.sample_means(n, 4000, p=0.5, rng=n) for n in ns}
for n in (1, 8, 64, 512):
    print(f"n = {n:3d}: sd of the means {means[n].std():.4f}, 0.5/sqrt(n) = {0.5 / np.sqrt(n):.4f}")

# %%
# Left: the histograms of the means for four sample sizes, each with the normal
# density of the central limit theorem, mean 0.5 and variance 0.25 / n. Right: the
# standard deviation of the means against n on log–log axes, on the line 0.5/√n.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
xs = np.linspace(0, 1, 400)
for n in (4, 16, 64, 512):
    edges = (np.arange(n + 2) - 0.5) / n       # one bin per possible mean k / n
    ax1.hist(means[n], bins=edges, density=True, histtype="step", lw=1.5, label=f"n = {n}")
    ax1.plot(xs, probability.gaussian_pdf(xs, 0.5, 0.25 / n), color="gray", lw=0.8)
ax1.set(xlim=(0, 1), xlabel="mean of n random 0/1 draws", ylabel="density",
        title="means of coin tosses (gray: normal)")
ax1.legend()
sds = [means[n].std() for n in ns]
ax2.loglog(ns, sds, "o", label="measured (4000 repeats)")
ax2.loglog(ns, 0.5 / np.sqrt(ns), lw=1.5, label=r"$0.5/\sqrt{n}$")
ax2.set(xlabel="sample size n", ylabel="standard deviation of the mean",
        title="the spread shrinks like 1/√n")
ax2.legend()
plt.show()
