r"""
Gradient descent on the contours of the cost
============================================

The linear-regression cost :math:`J(w, b)` is a bowl over the two parameters.
Its contours are ellipses, and gradient descent crosses them at right angles,
each step pointing straight downhill. The feature here is the Radio budget,
standardized, so that the bowl is round enough for the path to be seen.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.basics import linear_regression as lr
from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.basics.gradient_descent import gradient_descent

ads = load_advertising()
x = lr.normalize_features(ads.column("Radio")[:, None], method="std")[0][:, 0]
y = ads.target

res = gradient_descent(lambda p: lr.mse_simple(x, y, p[0], p[1]),
                       lambda p: np.array(lr.mse_simple_gradient(x, y, p[0], p[1])),
                       x0=[-4.0, 4.0], lr=0.1, n_iter=60, tol=1e-10)
print(f"{res.n_iter} updates, ended at w = {res.x[0]:.3f}, b = {res.x[1]:.3f}")

# %%
# Contours of the cost with the path of the iterates; the cost falls from
# ``history[0]`` at the start to its minimum at the centre of the ellipses.
W, B = np.meshgrid(np.linspace(-6, 10, 120), np.linspace(2, 26, 120))
cost = np.array([[lr.mse_simple(x, y, w, b) for w, b in zip(wr, br)] for wr, br in zip(W, B)])
fig, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
cs = ax.contour(W, B, cost, levels=np.geomspace(cost.min() * 1.05, cost.max(), 14), cmap="viridis")
ax.clabel(cs, fmt="%.0f", fontsize=10)
ax.plot(res.path[:, 0], res.path[:, 1], "o-", color="C3", ms=3, label="gradient descent")
ax.plot(*res.x, "*", color="k", ms=12, label="end")
ax.set(xlabel="weight w", ylabel="bias b", title="MSE contours, Sales ~ standardized Radio")
ax.legend()
plt.show()
