r"""
Polynomials of degree 1 to 4 fitted to sine data, and the degree chosen by CV
=============================================================================

The curve-fitting example of the ML mathematics page, recomputed: twenty noisy
points of :math:`\sin x` on :math:`[0, 2\pi]` (the dotted curve), fitted by
least squares with polynomials of degree 1 (red), 2 (green), 3 (orange) and
4 (blue), the page's colours. A line and a parabola miss the sine's two bends;
degree 3 already follows it, and degree 4 lies almost on top of it. Right: the
training error keeps falling with the degree, while the five-fold
cross-validation error is lowest at the chosen degree and grows again as the
polynomial starts fitting the noise.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.regression import polynomial as poly

x, y = poly.sine_data(20, noise=0.2, rng=0)
grid = np.linspace(0, 2 * np.pi, 300)
degrees = list(range(1, 10))
best, cv_mse, train_mse = poly.choose_degree(x, y, degrees, n_splits=5, rng=0)

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
axes[0].plot(grid, np.sin(grid), "k:", label=r"$\sin x$")
axes[0].scatter(x, y, color="k", s=18, zorder=3, label="data")
for degree, color in zip([1, 2, 3, 4], ["tab:red", "tab:green", "tab:orange", "tab:blue"]):
    w = poly.fit_polynomial(x, y, degree)
    r2 = poly.r2_score(y, poly.predict_polynomial(x, w))
    axes[0].plot(grid, poly.predict_polynomial(grid, w), color=color,
                 label=f"degree {degree}, $R^2$ = {r2:.2f}")
axes[0].set(xlabel="x", ylabel="y", title="least-squares polynomials", ylim=(-1.8, 1.8))
axes[0].legend(loc="lower left")

axes[1].plot(degrees, train_mse, marker="o", label="training MSE")
axes[1].plot(degrees, cv_mse, marker="o", label="5-fold CV MSE")
axes[1].axvline(best, color="grey", ls="--", lw=1, label=f"chosen degree {best}")
axes[1].set(xlabel="degree", ylabel="mean squared error", yscale="log",
            title="choosing the degree by cross-validation")
axes[1].legend()
plt.show()
