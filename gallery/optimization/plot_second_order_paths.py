r"""
Newton, conjugate gradients and BFGS on Beale and the tilted bowl
=================================================================

The methods of :mod:`mlcheatsheet.optimization.second_order` from each problem's customary
start, against gradient descent. On the Beale function pure Newton converges
to the saddle point :math:`(0, 1)`, where the gradient vanishes but the
Hessian is indefinite; the safeguarded variant (a positive definite Hessian
and a line search) reaches the minimum at :math:`(3, 0.5)`. On the quadratic,
Newton needs one step and linear-algebra conjugate gradients two, the
dimension of the problem.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.optimization import optimizers as opt
from mlcheatsheet.optimization import second_order as so
from mlcheatsheet.optimization.objectives import OBJECTIVES

problems = {"beale": 1e-2, "quadratic": 2 / 51}   # gradient descent's learning rate
runs = {}
for p, lr in problems.items():
    o = OBJECTIVES[p]
    runs[p] = {
        "gradient descent": opt.minimize(o.fun, o.grad, o.x0, opt.SGD(lr=lr), n_iter=5000),
        "Newton (pure)": so.newton(o.fun, o.grad, o.hess, o.x0),
        "Newton (safeguarded)": so.newton(o.fun, o.grad, o.hess, o.x0, safeguarded=True),
        "nonlinear CG": so.nonlinear_conjugate_gradient(o.fun, o.grad, o.x0),
        "BFGS": so.bfgs(o.fun, o.grad, o.x0),
    }
    for name, r in runs[p].items():
        print(f"{o.name:<26} {name:<21} {r.n_iter:5d} steps, ends at {np.round(r.x, 4)}")

# quadratic: linear conjugate gradients on A x = A x_min (the gradient A (x - x_min) = 0)
q = OBJECTIVES["quadratic"]
A = q.hess(q.x0)
linear_cg = so.conjugate_gradient(A, A @ q.x_min, x0=q.x0)
print(f"linear conjugate gradients on the quadratic: {linear_cg.n_iter} steps")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 5), layout="constrained")
for ax, p in zip(axes, problems):
    o = OBJECTIVES[p]
    (x_lo, x_hi), (y_lo, y_hi) = o.window
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 250), np.linspace(y_lo, y_hi, 250))
    values = o.fun(np.stack([gx, gy]))
    ax.contour(gx, gy, values, levels=np.geomspace(values.min() + 1e-3, values.max(), 20),
               cmap="viridis", linewidths=0.6, alpha=0.6)
    for name, r in runs[p].items():
        ax.plot(r.path[:, 0], r.path[:, 1], ".-", ms=4, lw=1.2, label=f"{name} ({r.n_iter})")
    if p == "quadratic":
        ax.plot(linear_cg.path[:, 0], linear_cg.path[:, 1], "s--", ms=5, lw=1.2,
                label=f"linear CG ({linear_cg.n_iter})")
    ax.plot(*o.x_min, "*", color="k", ms=13)
    if p == "beale":
        ax.plot(0.0, 1.0, "X", color="C1", ms=10, label="saddle point (0, 1)")
    ax.set(xlim=(x_lo, x_hi), ylim=(y_lo, y_hi), title=o.name, xlabel="x₁", ylabel="x₂")
    ax.legend()
plt.show()
