r"""
Projection and Gram–Schmidt in the plane
========================================

:func:`mlcheatsheet.math.linear_algebra.project` drops a vector :math:`a` onto the line
through :math:`u`; the residual :math:`a - \operatorname{proj}_u a` is perpendicular to
:math:`u`. :func:`~mlcheatsheet.math.linear_algebra.gram_schmidt` repeats that step column
by column: the right panel turns two skewed vectors into an orthonormal pair spanning
the same plane.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.math import linear_algebra as la

a, u = np.array([1.0, 2.0]), np.array([3.0, 1.0])
p = la.project(a, u)
print("projection", p.round(3), " residual . u =", round(float((a - p) @ u), 12))

A = np.array([[2.0, 1.0], [0.5, 1.5]])          # columns: two vectors, not orthogonal
Q = la.gram_schmidt(A)
print("Q^T Q =", (Q.T @ Q).round(12).tolist())


def arrow(ax, v, start=(0, 0), **style):
    ax.annotate("", xy=np.add(start, v), xytext=start, arrowprops=dict(arrowstyle="->", **style))


# %%
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 4), layout="constrained")
arrow(ax1, a, color="C0", lw=2)
arrow(ax1, u, color="C1", lw=2)
arrow(ax1, p, color="C2", lw=2)
ax1.plot([p[0], a[0]], [p[1], a[1]], "k--", lw=1)
ax1.text(*a, " a", color="C0")
ax1.text(*u, " u", color="C1")
ax1.text(*p, "  proj of a on u", color="C2", va="top")
ax1.set(xlim=(-0.2, 3.4), ylim=(-0.2, 2.3), aspect="equal", title="projection onto a line")
for k in range(2):
    arrow(ax2, A[:, k], color=f"C{k}", lw=1.2, alpha=0.5)
    arrow(ax2, Q[:, k], color=f"C{k}", lw=2.5)
    ax2.text(*A[:, k], f" a{k + 1}", color=f"C{k}")
    ax2.text(*Q[:, k], f" q{k + 1}", color=f"C{k}")
ax2.add_patch(plt.Circle((0, 0), 1.0, fill=False, ls=":", color="gray"))
ax2.set(xlim=(-1.2, 2.4), ylim=(-1.2, 1.8), aspect="equal",
        title="Gram–Schmidt: columns a → orthonormal q")
plt.show()
