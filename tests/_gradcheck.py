"""One finite-difference helper for every analytic gradient in the test suite."""

import numpy as np


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function ``f`` at ``x`` (float64).

    Returns an array of the shape of ``x`` whose entry ``j`` is
    ``(f(x + eps e_j) - f(x - eps e_j)) / (2 eps)``.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.empty_like(x)
    for j in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[j] = eps
        grad[j] = (float(f(x + step)) - float(f(x - step))) / (2 * eps)
    return grad
