r"""
Learning curves of three polynomial degrees
===========================================

The noisy sine of the learning-curves page (:math:`\sigma = 0.3`), fitted by
least-squares polynomials of degree 1, 3 and 12; each curve is the median over 100
random training sets, so the shape is not the luck of one. The straight line's
curves meet early and high (high bias); the cubic's meet near the noise floor;
the degree-12 curves are far apart and approach each other slowly (high
variance). The degree-12 validation error peaks near :math:`m = 13`, where the
examples are as many as the coefficients: the polynomial then passes through
every noisy point, with huge coefficients; with fewer examples least squares
returns the smallest-norm interpolant, with more it averages the noise.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics import linear_regression as lin
from mlcheatsheet.model_selection import learning_curves as lc

sigma = 0.3
f = lambda x: np.sin(2 * np.pi * x)  # noqa: E731
design = lambda x, degree: np.vander(x, degree + 1, increasing=True)  # noqa: E731
error = lambda w, X, y: lin.cost(X, y, w)  # noqa: E731
rng = np.random.default_rng(0)
x_val = rng.uniform(size=500)
y_val = f(x_val) + sigma * rng.standard_normal(500)
sizes = np.arange(4, 41, 2)

fig, axes = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="constrained")
for degree in (1, 3, 12):
    runs = []
    for _ in range(100):
        x = rng.uniform(size=sizes[-1])
        y = f(x) + sigma * rng.standard_normal(sizes[-1])
        runs.append(lc.learning_curve(lin.normal_equation, error, design(x, degree), y,
                                      design(x_val, degree), y_val, sizes))
    train, val = np.median(np.array(runs), axis=0)
    axes[0].plot(sizes, train, marker=".", label=f"degree {degree}")
    axes[1].plot(sizes, val, marker=".", label=f"degree {degree}")
for ax, title in zip(axes, ["training error (median of 100)", "validation error (median of 100)"]):
    ax.axhline(sigma**2 / 2, color="k", ls="--", lw=0.8, label="noise floor σ²/2")
    ax.set(xlabel="training examples m", ylabel="halved squared error", yscale="log",
           title=title)
    ax.legend()
plt.show()
