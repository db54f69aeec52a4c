r"""
Bias and variance against the size of the training set
======================================================

The noisy sine of the bias–variance page, observed at :math:`n` equally spaced
inputs, fitted by polynomials of degree 1, 3 and 9; each point is 300 simulated
training sets. More data shrinks the variance of every model (roughly as
:math:`1/n`) but leaves the bias of the straight line and of the cubic where it is: a model too
simple for its target stays wrong however much data it gets, which is why Ng's
course notes advise more data only against high variance.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics import linear_regression as lin
from mlcheatsheet.model_selection import bias_variance as bv

sigma = 0.3
f = lambda x: np.sin(2 * np.pi * x)  # noqa: E731
x_test = np.linspace(0.025, 0.975, 39)
sizes = [12, 20, 40, 80, 160]


def polynomial(degree):
    def fit_predict(x, y, x_grid):
        w = lin.normal_equation(np.vander(x, degree + 1), y)
        return np.vander(x_grid, degree + 1) @ w
    return fit_predict


def sampler(n):
    x = np.linspace(0, 1, n)
    return lambda rng: (x, f(x) + sigma * rng.standard_normal(n))


rng = np.random.default_rng(0)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="constrained")
for degree in (1, 3, 9):
    parts = [bv.decompose(bv.simulate_predictions(polynomial(degree), sampler(n), x_test,
                                                  n_datasets=300, rng=rng), f(x_test))
             for n in sizes]
    ax1.plot(sizes, [p.bias2 for p in parts], marker="o", label=f"degree {degree}")
    ax2.plot(sizes, [p.variance for p in parts], marker="o", label=f"degree {degree}")
ax1.set(xscale="log", yscale="log", xlabel="training points n", ylabel="bias²",
        title="Bias² stays for models too simple")
ax2.set(xscale="log", yscale="log", xlabel="training points n", ylabel="variance",
        title="Variance falls as the data grow")
for ax in (ax1, ax2):
    ax.minorticks_off()
    ax.set_xticks(sizes, [str(n) for n in sizes])
    ax.legend()
plt.show()
