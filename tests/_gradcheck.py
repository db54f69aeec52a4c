"""Central finite differences, the one check every analytic derivative must pass.

Import it in a test as ``from _gradcheck import numerical_gradient`` (pytest puts
``tests/`` on ``sys.path``, see ``pythonpath`` in pyproject.toml).
Everything runs in float64; ``f`` always receives a fresh copy of the point, so a
function that modifies its argument cannot corrupt the check.
"""

import numpy as np

__all__ = ["numerical_gradient", "numerical_jacobian"]


def numerical_gradient(f, x, eps=1e-6):
    r"""Gradient of a scalar function by central differences.

    .. math:: \frac{\partial f}{\partial x_i} \approx
              \frac{f(x + \varepsilon e_i) - f(x - \varepsilon e_i)}{2\varepsilon}

    The truncation error is :math:`O(\varepsilon^2)`. For an elementwise function
    ``g``, ``numerical_gradient(lambda v: np.sum(g(v)), x)`` is the diagonal of its
    Jacobian, i.e. :math:`g'(x_i)` at every element.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` (anything ``float()`` accepts).
    x : array_like
        The point; any shape, 0-d included.
    eps : float, default=1e-6
        Step size.

    Returns
    -------
    ndarray of float64 of the shape of ``x``

    Examples
    --------
    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), [1.0, -2.0]).round(6).tolist()
    [2.0, -4.0]
    """
    x = np.array(x, dtype=np.float64)
    grad = np.empty_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)  # views of x and grad
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + eps
        f_plus = float(f(x.copy()))
        flat_x[i] = original - eps
        f_minus = float(f(x.copy()))
        flat_x[i] = original
        flat_grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def numerical_jacobian(f, x, eps=1e-6):
    r"""Jacobian of an array-valued function by central differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> array_like``.
    x : array_like
        The point.
    eps : float, default=1e-6

    Returns
    -------
    ndarray of shape ``f(x).shape + x.shape``
        ``J[i..., j...] = d f(x)[i...] / d x[j...]``.

    Examples
    --------
    >>> numerical_jacobian(lambda v: np.array([v[0] * v[1], v[0]]), [2.0, 3.0]).round(6).tolist()
    [[3.0, 2.0], [1.0, 0.0]]
    """
    x = np.array(x, dtype=np.float64)
    out_shape = np.shape(f(x.copy()))
    jac = np.empty(out_shape + (x.size,))
    flat_x = x.reshape(-1)
    for j in range(flat_x.size):
        original = flat_x[j]
        flat_x[j] = original + eps
        f_plus = np.asarray(f(x.copy()), dtype=np.float64)
        flat_x[j] = original - eps
        f_minus = np.asarray(f(x.copy()), dtype=np.float64)
        flat_x[j] = original
        jac[..., j] = (f_plus - f_minus) / (2.0 * eps)
    return jac.reshape(out_shape + x.shape)
