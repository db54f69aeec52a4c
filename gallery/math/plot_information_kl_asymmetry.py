r"""
KL divergence is not symmetric
==============================

:func:`mlcheatsheet.math.information.kl_divergence` between two coins, a true one with
probability of heads :math:`p = 0.3` and a model coin with :math:`q` from 0.01 to 0.99,
in both directions, beside the symmetric
:func:`~mlcheatsheet.math.information.js_divergence`. :math:`D_{KL}(p \| q)` grows
without bound as the model puts almost no mass where the data has some; the
Jensen–Shannon divergence stays below 1 bit.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.math import information

p = np.array([0.3, 0.7])
qs = np.linspace(0.01, 0.99, 99)
forward = [information.kl_divergence(p, [q, 1 - q]) for q in qs]
reverse = [information.kl_divergence([q, 1 - q], p) for q in qs]
js = [information.js_divergence(p, [q, 1 - q]) for q in qs]
print(f"at q = 0.01: KL(p||q) = {forward[0]:.3f} bits, KL(q||p) = {reverse[0]:.3f} bits")

# %%
fig, ax = plt.subplots(figsize=(6.5, 4), layout="constrained")
ax.plot(qs, forward, lw=2, label=r"$D_{KL}(p\,\|\,q)$")
ax.plot(qs, reverse, lw=2, ls="--", label=r"$D_{KL}(q\,\|\,p)$")
ax.plot(qs, js, lw=2, ls=":", label="JS divergence")
ax.axvline(p[0], color="gray", lw=0.8)
ax.set(xlabel="model coin's probability of heads q", ylabel="bits",
       title="true coin p = 0.3 against model coins q")
ax.legend()
plt.show()
