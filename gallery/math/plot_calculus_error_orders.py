r"""
Error orders of the integration rules
=====================================

The left Riemann sum, the midpoint rule, the trapezoid rule and Simpson's rule of
:mod:`mlcheatsheet.math.calculus`, each integrating the standard normal density on
:math:`[0, 2]` with 2 to 1024 strips, against the exact value
:math:`\tfrac12\operatorname{erf}(\sqrt 2)`. On a log-log plot an error of order :math:`h^p` is a line of slope :math:`-p`: 1 for the left sum,
2 for the midpoint and trapezoid rules, 4 for Simpson's rule, until Simpson's reaches
round-off. The right panel shows the derivative rules' error against the step on the
same density.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import erf

from mlcheatsheet.math import calculus

bell = lambda x: np.exp(-x**2 / 2) / np.sqrt(2 * np.pi)  # noqa: E731
exact = erf(np.sqrt(2)) / 2  # Pr(0 <= X <= 2) for a standard normal X
ns = 2 ** np.arange(1, 11)
rules = {
    "left sum": lambda n: calculus.riemann_sum(bell, 0.0, 2.0, n),
    "midpoint": lambda n: calculus.riemann_sum(bell, 0.0, 2.0, n, rule="midpoint"),
    "trapezoid": lambda n: calculus.trapezoid(bell, 0.0, 2.0, n),
    "Simpson": lambda n: calculus.simpson(bell, 0.0, 2.0, n),
}
errors = {name: np.array([abs(rule(n) - exact) for n in ns]) for name, rule in rules.items()}
for name, e in errors.items():
    ok = e > 1e-14
    slope = np.polyfit(np.log(ns[ok][:6]), np.log(e[ok][:6]), 1)[0]
    print(f"{name:10s} fitted slope {slope:5.2f}")

# %%
# The derivative of the density at x = 0.5 (exact: -x p(x)).
d_exact = -0.5 * bell(0.5)
hs = np.logspace(-14, -1, 53)
methods = {"forward": calculus.forward_difference, "central": calculus.central_difference,
           "complex step": calculus.complex_step}
d_errors = {name: np.array([abs(m(bell, 0.5, h) - d_exact) for h in hs])
            for name, m in methods.items()}

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for name, e in errors.items():
    ax1.loglog(ns, np.maximum(e, 1e-17), marker="o", ms=3, label=name)
ax1.set(xlabel="number of strips n", ylabel="absolute error",
        title=r"$\int_0^2$ normal density")
ax1.legend()
for name, e in d_errors.items():
    ax2.loglog(hs, np.maximum(e, 1e-17), marker=".", lw=1, label=name)
ax2.set(xlabel="step h", ylabel="absolute error", title="derivative of the density at 0.5")
ax2.legend()
plt.show()
