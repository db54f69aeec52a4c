r"""
The kernel trick: a circle becomes a plane
==========================================

Points inside a circle (class 0) and on a ring around it (class 1) cannot be
separated by a line in 2-D. Lifted by :math:`\phi(x) = (x_1^2, \sqrt2\,x_1x_2, x_2^2)`
to 3-D, they are separated by a plane, since :math:`x_1^2 + x_2^2` is a linear
function of :math:`\phi`. An SVM with the kernel :math:`K(x, z) = (x^Tz)^2`
finds that plane without computing :math:`\phi`: right, its boundary drawn back
in 2-D is a conic (here close to a circle).
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.algorithms import _plotting, svm

rng = np.random.default_rng(0)
radius = np.r_[rng.uniform(0, 1, 100), rng.uniform(1.5, 2.5, 100)]
angle = rng.uniform(0, 2 * np.pi, 200)
X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
y = np.repeat([0, 1], 100)
model = svm.fit_kernel_svm(X, y, C=10.0, kernel="polynomial", degree=2, gamma=1.0, coef0=0.0)
accuracy = np.mean(svm.predict(model, X) == y)
print(f"training accuracy {accuracy:.3f} with {len(model.support)} support vectors")
K = svm.kernel_matrix(X, X, kernel="polynomial", degree=2, gamma=1.0, coef0=0.0)
Phi = svm.quadratic_features(X)
print(f"max |K - phi phi^T| = {np.abs(K - Phi @ Phi.T).max():.1e}")

# %%
# Left: the lifted points in 3-D. Right: the SVM's boundary back in the plane.
fig = plt.figure(figsize=(10, 4.2), layout="constrained")
ax3 = fig.add_subplot(1, 2, 1, projection="3d")
_plotting.scatter_classes(ax3, Phi, y)
ax3.set(xlabel=r"$x_1^2$", ylabel=r"$\sqrt{2}x_1x_2$", zlabel=r"$x_2^2$",
        title=r"lifted by $\phi$: a plane separates")
ax3.legend(loc="upper left")
ax = fig.add_subplot(1, 2, 2)
g1, g2 = np.meshgrid(np.linspace(-2.7, 2.7, 250), np.linspace(-2.7, 2.7, 250))
f = svm.decision_function(model, np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
_plotting.plot_regions(ax, lambda Q: svm.predict(model, Q), X, y, xlim=(-2.7, 2.7),
                       ylim=(-2.7, 2.7))
ax.contour(g1, g2, f, levels=[0], colors="k")
ax.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal", title=r"kernel $(x^Tz)^2$: boundary in 2-D")
plt.show()
