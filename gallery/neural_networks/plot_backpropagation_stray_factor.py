r"""
The chain rule with and without the 2017 cheatsheet's stray factor
==================================================================

For :math:`f(x) = A(B(C(x)))` with :math:`A = \sin`, :math:`B = \exp` and
:math:`C(x) = x^2`, the chain rule gives
:math:`f'(x) = A'(B(C(x)))\,B'(C(x))\,C'(x)`
(:func:`mlcheatsheet.neural_networks.backpropagation.chain_rule`). The 2017
cheatsheet writes an extra first factor :math:`f'(A)`; read as the derivative of
:math:`A` it multiplies by :math:`A'` a second time. The dots are central finite
differences of :math:`f`: they lie on the chain rule, not on the expression with
the stray factor.
"""

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.neural_networks import backpropagation as bp

A, dA, B, dB = math.sin, math.cos, math.exp, math.exp
C, dC = (lambda u: u * u), (lambda u: 2 * u)
xs = np.linspace(-1.3, 1.3, 261)
correct = np.array([bp.chain_rule([A, B, C], [dA, dB, dC], x).partials[-1] for x in xs])
stray = np.array([dA(B(C(x))) for x in xs]) * correct
h = 1e-6
x_dots = xs[::13]
numeric = [(A(B(C(x + h))) - A(B(C(x - h)))) / (2 * h) for x in x_dots]

fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
ax.axhline(0, color="0.8", lw=0.8)
ax.plot(xs, correct, lw=2, label=r"chain rule: $A'(B(C(x)))\,B'(C(x))\,C'(x)$")
ax.plot(xs, stray, "--", lw=2, label=r"with the stray factor read as $A'$")
ax.plot(x_dots, numeric, "o", color="k", ms=4, label="finite differences")
ax.set(xlabel="$x$", ylabel=r"$f'(x)$", title=r"$f(x) = \sin(e^{x^2})$")
ax.legend(loc="upper center")
plt.show()
