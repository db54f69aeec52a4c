r"""
Knots chosen by cross-validation against a global polynomial, on real data
==========================================================================

Five-fold cross-validation error of a cubic regression spline (0 to 10 equally
spaced interior knots) and of a global polynomial (degree 1 to 10), plotted
against the number of parameters each spends, on two real data sets with one
input: scikit-learn's diabetes target against body-mass index, and the
Advertising data's sales against the TV budget. At their best the two tie. On
TV, whose budgets are spread evenly, the spline's error stays nearly flat as
knots are added while the polynomial's grows once its high powers swing at the
edges of the held-out folds; on BMI, which thins out at the top, it is the
spline with many equally spaced knots that breaks, its last pieces fitted to a
handful of points.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.regression import polynomial as poly
from mlcheatsheet.regression import splines as sp

diabetes = load_diabetes(scaled=False)
ads = load_advertising()
data = {"diabetes: BMI → progression": (diabetes.data[:, 2], diabetes.target),
        "Advertising: TV → sales": (ads.data[:, 0], ads.target)}
knots, degrees = list(range(0, 11)), list(range(1, 11))

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
for ax, (name, (x, y)) in zip(axes, data.items()):
    k_best, k_mse = sp.choose_n_knots(x, y, knots, degree=3, n_splits=5, rng=0)
    d_best, d_mse, _ = poly.choose_degree(x, y, degrees, n_splits=5, rng=0)
    ax.plot(np.array(knots) + 4, k_mse, marker="o", label=f"cubic spline (best: {k_best} knots)")
    ax.plot(np.array(degrees) + 1, d_mse, marker="s", label=f"polynomial (best: degree {d_best})")
    ax.set(xlabel="parameters", ylabel="5-fold CV MSE", title=name, yscale="log")
    ax.legend(loc="upper left")
plt.show()
