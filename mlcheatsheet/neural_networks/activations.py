r"""Activation functions and their derivatives, vectorized and numerically stable.

Every activation ``f`` comes with ``f_grad``, its derivative:

* the **elementwise** activations (all but the softmax pair) map an array of any
  shape to an array of the same shape, and ``f_grad(z)`` is :math:`f'(z)` at every
  element -- the diagonal of the Jacobian, which is all there is;
* :func:`softmax` and :func:`log_softmax` mix the entries along one axis, so
  ``softmax_grad`` and ``log_softmax_grad`` return the **full Jacobian**, of shape
  ``(..., n, n)``. For backpropagation, :func:`softmax_vjp` and
  :func:`log_softmax_vjp` give the vector--Jacobian product without building it.

Scalars in give floats out; arrays in give new arrays out (inputs are never
modified). Inputs must be finite: NaN or infinity raise ``ValueError``. Every
function stays finite and warning-free for inputs as large as :math:`\pm 10^4`
(and far beyond): exponentials only ever see non-positive arguments.

``ACTIVATIONS`` maps each name to its ``(function, derivative)`` pair, and
``ELEMENTWISE`` lists the names whose derivative is elementwise.

Every public function checks its arguments with ``@validate`` and its body is the
computation. Inside the library, training loops call the same bodies without the
checks: ``f.__wrapped__`` for every function ``f`` here, and the private aliases
``_sigmoid``, ``_sigmoid_grad``, ``_softmax(z, axis)`` and ``_log_softmax(z, axis)``
(they expect float arrays).
"""

import math

import numpy as np

from .._validation import array, integer, positive, same_shape, validate

__all__ = [
    "ACTIVATIONS",
    "ELEMENTWISE",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "relu",
    "relu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "elu",
    "elu_grad",
    "softplus",
    "softplus_grad",
    "gelu",
    "gelu_grad",
    "silu",
    "silu_grad",
    "softmax",
    "softmax_grad",
    "softmax_vjp",
    "log_softmax",
    "log_softmax_grad",
    "log_softmax_vjp",
]


#: Spec of ``axis``: an integer; :func:`_softmax_axis` checks it against ``z``.
_AXIS = integer(minimum=-64, maximum=63)


def _softmax_axis(args):
    """Relation: ``z`` has an axis to normalize over, and ``axis`` is one of its axes."""
    z, axis = args["z"], args["axis"]
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (the axis to normalize over); "
                         "got a scalar")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be in [{-z.ndim}, {z.ndim - 1}] for z of shape {z.shape}; "
                         f"got {axis}")


_UPSTREAM_LIKE_Z = same_shape("z", "upstream")


def _out(arr):
    """A float for a 0-d result (scalars in give floats out), the array otherwise."""
    return float(arr) if np.ndim(arr) == 0 else arr


# --------------------------------------------------------------------------
# Sigmoid family
# --------------------------------------------------------------------------


@validate(z=array())
def sigmoid(z):
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Parameters
    ----------
    z : float or array_like
        Pre-activations.

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in :math:`[0, 1]` (strictly inside for :math:`|z| < 36`; beyond that
        float64 rounds to 0 or 1).

    Notes
    -----
    Computed as :math:`1/(1+e^{-z})` for :math:`z \ge 0` and :math:`e^{z}/(1+e^{z})`
    for :math:`z < 0`, so the exponential never overflows. The textbook form
    ``1 / (1 + np.exp(-z))`` warns about overflow for :math:`z < -709`.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1e4, 1e4]).tolist()
    [0.0, 1.0]
    """
    e = np.exp(-np.abs(z))  # in (0, 1]: nothing can overflow
    return _out(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


_sigmoid = sigmoid.__wrapped__  # the same, unchecked: for loops inside the library


@validate(z=array())
def sigmoid_grad(z):
    r"""Derivative of :func:`sigmoid`: :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`.

    Parameters
    ----------
    z : float or array_like
        Pre-activations (not the sigmoid's output).

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in :math:`(0, 1/4]` (float64 underflows to 0 beyond :math:`|z| \approx 745`);
        the maximum :math:`1/4` is at :math:`z = 0`.

    Examples
    --------
    >>> sigmoid_grad(0.0)
    0.25
    >>> round(sigmoid_grad(5.0), 6)
    0.006648
    """
    e = np.exp(-np.abs(z))  # sigma (1 - sigma) = e / (1 + e)^2, accurate in both tails
    return _out(e / (1.0 + e) ** 2)


_sigmoid_grad = sigmoid_grad.__wrapped__


@validate(z=array())
def tanh(z):
    r"""Hyperbolic tangent :math:`\tanh z = (e^{z} - e^{-z}) / (e^{z} + e^{-z})`.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in :math:`[-1, 1]`; :math:`\tanh z = 2\sigma(2z) - 1`.

    Examples
    --------
    >>> tanh(0.0)
    0.0
    >>> tanh([-1e4, 1e4]).tolist()
    [-1.0, 1.0]
    """
    return _out(np.tanh(z))


@validate(z=array())
def tanh_grad(z):
    r"""Derivative of :func:`tanh`: :math:`1 - \tanh^2 z = \operatorname{sech}^2 z`.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in :math:`(0, 1]` (float64 underflows to 0 beyond :math:`|z| \approx 373`);
        the maximum 1 is at :math:`z = 0`.

    Notes
    -----
    Evaluated as :math:`4e/(1+e)^2` with :math:`e = e^{-2|z|}`, which keeps full
    relative accuracy in the tails where :math:`1 - \tanh^2 z` cancels to 0.

    Examples
    --------
    >>> tanh_grad(0.0)
    1.0
    >>> round(tanh_grad(1.0), 6)
    0.419974
    """
    e = np.exp(-2.0 * np.abs(z))
    return _out(4.0 * e / (1.0 + e) ** 2)


# --------------------------------------------------------------------------
# Rectifiers
# --------------------------------------------------------------------------


@validate(z=array())
def relu(z):
    r"""Rectified linear unit :math:`\operatorname{ReLU}(z) = \max(0, z)`.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        A new array; ``z`` is not modified.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0]).tolist()
    [0.0, 0.0, 3.0]
    """
    return _out(np.maximum(z, 0.0))


@validate(z=array())
def relu_grad(z):
    r"""Derivative of :func:`relu`: 1 where :math:`z > 0`, else 0.

    ReLU has no derivative at :math:`z = 0`; like most libraries this returns 0
    there (any value in :math:`[0, 1]` is a valid subgradient).

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        Zeros and ones, in a new array.

    Examples
    --------
    >>> relu_grad([-2.0, 0.0, 3.0]).tolist()
    [0.0, 0.0, 1.0]
    """
    return _out((z > 0).astype(np.float64))


@validate(z=array(), alpha=positive)
def leaky_relu(z, alpha=0.01):
    r"""Leaky ReLU: :math:`z` for :math:`z > 0`, :math:`\alpha z` otherwise.

    Parameters
    ----------
    z : float or array_like
    alpha : float, default=0.01
        Slope for negative inputs, > 0. (With :math:`\alpha \le 1` this equals
        :math:`\max(\alpha z, z)`.)

    Returns
    -------
    float or ndarray of the shape of ``z``

    Examples
    --------
    >>> leaky_relu([-2.0, 3.0], alpha=0.1).tolist()
    [-0.2, 3.0]
    """
    return _out(np.where(z > 0, z, alpha * z))


@validate(z=array(), alpha=positive)
def leaky_relu_grad(z, alpha=0.01):
    r"""Derivative of :func:`leaky_relu`: 1 for :math:`z > 0`, :math:`\alpha` otherwise.

    At the kink :math:`z = 0` it returns :math:`\alpha`.

    Parameters
    ----------
    z : float or array_like
    alpha : float, default=0.01

    Returns
    -------
    float or ndarray of the shape of ``z``

    Examples
    --------
    >>> leaky_relu_grad([-2.0, 3.0], alpha=0.1).tolist()
    [0.1, 1.0]
    """
    return _out(np.where(z > 0, 1.0, alpha))


@validate(z=array(), alpha=positive)
def elu(z, alpha=1.0):
    r"""Exponential linear unit: :math:`z` for :math:`z > 0`, :math:`\alpha(e^{z} - 1)` otherwise.

    Parameters
    ----------
    z : float or array_like
    alpha : float, default=1.0
        The value :math:`-\alpha` is the limit for :math:`z \to -\infty`; > 0.

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in :math:`(-\alpha, \infty)`.

    Notes
    -----
    The negative branch uses ``expm1`` (accurate near 0) on :math:`\min(z, 0)`,
    so the unused branch cannot overflow for large positive ``z``.

    Examples
    --------
    >>> elu([0.0, 2.0]).tolist()
    [0.0, 2.0]
    >>> round(elu(-1.0), 6)
    -0.632121
    """
    return _out(np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0))))


@validate(z=array(), alpha=positive)
def elu_grad(z, alpha=1.0):
    r"""Derivative of :func:`elu`: 1 for :math:`z > 0`, :math:`\alpha e^{z}` otherwise.

    At :math:`z = 0` it returns :math:`\alpha` (continuous there only if :math:`\alpha = 1`).

    Parameters
    ----------
    z : float or array_like
    alpha : float, default=1.0

    Returns
    -------
    float or ndarray of the shape of ``z``

    Examples
    --------
    >>> elu_grad([-1e4, 0.0, 2.0]).tolist()
    [0.0, 1.0, 1.0]
    """
    return _out(np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0))))


# --------------------------------------------------------------------------
# Smooth rectifiers
# --------------------------------------------------------------------------


@validate(z=array())
def softplus(z):
    r"""Softplus :math:`\log(1 + e^{z})`, a smooth ReLU.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in :math:`(0, \infty)` (float64 rounds to 0 below about -745).

    Notes
    -----
    Computed with ``np.logaddexp(0, z)``, which never overflows.

    Examples
    --------
    >>> round(softplus(0.0), 6)
    0.693147
    >>> softplus([-1e4, 1e4]).tolist()
    [0.0, 10000.0]
    """
    return _out(np.logaddexp(0.0, z))


@validate(z=array())
def softplus_grad(z):
    r"""Derivative of :func:`softplus`, which is the sigmoid :math:`\sigma(z)`.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``

    Examples
    --------
    >>> softplus_grad(0.0)
    0.5
    """
    return _sigmoid(z)


_erfc = np.frompyfunc(math.erfc, 1, 1)


def _normal_cdf(z):
    # Phi(z) = erfc(-z / sqrt 2) / 2. erfc (rather than 1 + erf) keeps full
    # relative accuracy in the left tail, where 1 + erf(x) cancels to 0.
    # math.erfc is applied element by element: correct to the last bit, but
    # slower than a numpy ufunc (numpy has no erf).
    return 0.5 * np.asarray(_erfc(-z / math.sqrt(2.0)), dtype=np.float64)


def _normal_pdf(z):
    # |z| is capped at 40, where exp(-800) already underflows to 0: z * z cannot
    # overflow for |z| > 1.3e154, and the value is unchanged.
    a = np.minimum(np.abs(z), 40.0)
    return np.exp(-0.5 * a * a) / math.sqrt(2.0 * math.pi)


@validate(z=array())
def gelu(z):
    r"""Gaussian error linear unit, exact form: :math:`z\,\Phi(z)`.

    :math:`\Phi` is the standard normal CDF,
    :math:`\Phi(z) = \tfrac12\bigl(1 + \operatorname{erf}(z/\sqrt2)\bigr)`. This is the
    *exact* GELU (PyTorch's default ``approximate="none"``), not the tanh
    approximation used by the original BERT/GPT-2 code.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in about :math:`[-0.17, \infty)`. GELU is *not* monotonic: it dips
        below 0 for negative ``z`` and returns to 0 as :math:`z \to -\infty`.

    Notes
    -----
    :math:`\Phi` is evaluated as :math:`\tfrac12\operatorname{erfc}(-z/\sqrt2)` with
    Python's ``math.erfc`` applied element by element (numpy has no ``erf``):
    accurate to rounding, at about 0.1 microsecond per element -- several times
    slower than :func:`sigmoid`, which is fine for teaching-sized arrays.

    Examples
    --------
    >>> gelu(0.0)
    0.0
    >>> round(gelu(1.0), 6)
    0.841345
    """
    return _out(z * _normal_cdf(z))


@validate(z=array())
def gelu_grad(z):
    r"""Derivative of :func:`gelu`: :math:`\Phi(z) + z\,\varphi(z)`.

    :math:`\varphi(z) = e^{-z^2/2}/\sqrt{2\pi}` is the standard normal density.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        Negative for :math:`z` below about -0.75, where GELU decreases.

    Examples
    --------
    >>> gelu_grad(0.0)
    0.5
    >>> round(gelu_grad(1.0), 6)
    1.083315
    """
    return _out(_normal_cdf(z) + z * _normal_pdf(z))


@validate(z=array())
def silu(z):
    r"""Sigmoid linear unit :math:`z\,\sigma(z)`, also called swish (with :math:`\beta = 1`).

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in about :math:`[-0.278, \infty)`; not monotonic.

    Examples
    --------
    >>> silu(0.0)
    0.0
    >>> round(silu(1.0), 6)
    0.731059
    """
    return _out(z * _sigmoid(z))


@validate(z=array())
def silu_grad(z):
    r"""Derivative of :func:`silu`: :math:`\sigma(z) + z\,\sigma(z)(1 - \sigma(z))`.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray of the shape of ``z``

    Examples
    --------
    >>> silu_grad(0.0)
    0.5
    >>> round(silu_grad(1.0), 6)
    0.927671
    """
    return _out(_sigmoid(z) + z * _sigmoid_grad(z))


# --------------------------------------------------------------------------
# Softmax family: these act on a whole axis
# --------------------------------------------------------------------------


@validate(z=array(), axis=_AXIS, _=_softmax_axis)
def softmax(z, axis=-1):
    r"""Softmax :math:`s_i = e^{z_i} / \sum_j e^{z_j}` along ``axis``.

    Parameters
    ----------
    z : array_like, at least 1-D
        Scores (logits).
    axis : int, default=-1
        The axis that holds the classes.

    Returns
    -------
    ndarray of the shape of ``z``
        Non-negative values that sum to 1 along ``axis``.

    Notes
    -----
    Softmax is unchanged when a constant is added to every :math:`z_i`, so the
    maximum is subtracted first: the largest exponent is then :math:`e^0 = 1`, and
    nothing overflows (the textbook formula gives ``nan`` for :math:`z_i > 709`).

    Examples
    --------
    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]
    >>> softmax([1000.0, 1000.0 + np.log(3.0)]).round(6).tolist()
    [0.25, 0.75]
    """
    e = np.exp(z - z.max(axis=axis, keepdims=True))  # the largest exponent is e^0 = 1
    return e / e.sum(axis=axis, keepdims=True)


_softmax = softmax.__wrapped__  # the same, unchecked: for loops inside the library


@validate(z=array(), axis=_AXIS, _=_softmax_axis)
def log_softmax(z, axis=-1):
    r"""Logarithm of :func:`softmax`: :math:`z_i - \log\sum_j e^{z_j}`, computed directly.

    Parameters
    ----------
    z : array_like, at least 1-D
    axis : int, default=-1

    Returns
    -------
    ndarray of the shape of ``z``
        Non-positive values whose exponentials sum to 1 along ``axis``.

    Notes
    -----
    ``np.log(softmax(z))`` returns ``-inf`` once a probability underflows to 0;
    this stays finite (e.g. :math:`-10^4` below).

    Examples
    --------
    >>> log_softmax([0.0, -1e4]).tolist()
    [0.0, -10000.0]
    """
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


_log_softmax = log_softmax.__wrapped__


@validate(z=array(), axis=_AXIS, _=_softmax_axis)
def softmax_grad(z, axis=-1):
    r"""Jacobian of :func:`softmax`: :math:`\partial s_i/\partial z_j = s_i(\delta_{ij} - s_j)`.

    Parameters
    ----------
    z : array_like, at least 1-D
    axis : int, default=-1
        The softmax axis of ``z``.

    Returns
    -------
    ndarray of shape (..., n, n)
        One :math:`n \times n` matrix :math:`\operatorname{diag}(s) - s s^\top` per
        softmax vector. The other axes of ``z`` come first, in order; the last two
        are :math:`i` (output) and :math:`j` (input). Each matrix is symmetric and
        its rows sum to 0.

    See Also
    --------
    softmax_vjp : the product of this Jacobian with a vector, without building it.

    Examples
    --------
    >>> softmax_grad([0.0, 0.0]).tolist()
    [[0.25, -0.25], [-0.25, 0.25]]
    """
    s = np.moveaxis(_softmax(z, axis), axis, -1)
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


@validate(z=array(), axis=_AXIS, _=_softmax_axis)
def log_softmax_grad(z, axis=-1):
    r"""Jacobian of :func:`log_softmax`: :math:`J_{ij} = \delta_{ij} - s_j`.

    Parameters
    ----------
    z : array_like, at least 1-D
    axis : int, default=-1

    Returns
    -------
    ndarray of shape (..., n, n)
        Laid out as in :func:`softmax_grad`. Not symmetric: row :math:`i` is
        :math:`e_i - s`.

    Examples
    --------
    >>> log_softmax_grad([0.0, 0.0]).tolist()
    [[0.5, -0.5], [-0.5, 0.5]]
    """
    s = np.moveaxis(_softmax(z, axis), axis, -1)
    return np.eye(s.shape[-1]) - s[..., None, :]


@validate(_softmax_axis, _UPSTREAM_LIKE_Z, z=array(), upstream=array(), axis=_AXIS)
def softmax_vjp(z, upstream, axis=-1):
    r"""Backpropagate through :func:`softmax`: :math:`J^\top g = s \odot (g - \langle g, s\rangle)`.

    Parameters
    ----------
    z : array_like, at least 1-D
        The softmax's input.
    upstream : array_like of the shape of ``z``
        :math:`g = \partial L/\partial s`, the gradient of a scalar loss with
        respect to the softmax's output.
    axis : int, default=-1

    Returns
    -------
    ndarray of the shape of ``z``
        :math:`\partial L/\partial z`. Costs :math:`O(n)` per vector instead of the
        :math:`O(n^2)` of building :func:`softmax_grad`.

    Examples
    --------
    Adding the same amount to every output probability changes nothing that the
    inputs can control, so the gradient is zero:

    >>> softmax_vjp([1.0, 2.0, 3.0], [5.0, 5.0, 5.0]).tolist()
    [0.0, 0.0, 0.0]
    """
    s = _softmax(z, axis)
    return s * (upstream - (upstream * s).sum(axis=axis, keepdims=True))


@validate(_softmax_axis, _UPSTREAM_LIKE_Z, z=array(), upstream=array(), axis=_AXIS)
def log_softmax_vjp(z, upstream, axis=-1):
    r"""Backpropagate through :func:`log_softmax`: :math:`J^\top g = g - s \sum_i g_i`.

    Parameters
    ----------
    z : array_like, at least 1-D
    upstream : array_like of the shape of ``z``
        :math:`g = \partial L/\partial \log s`.
    axis : int, default=-1

    Returns
    -------
    ndarray of the shape of ``z``

    Examples
    --------
    The cross-entropy of class 0 is :math:`L = -\log s_0`, so :math:`g = (-1, 0)`
    and the gradient with respect to the logits is :math:`s - e_0`:

    >>> log_softmax_vjp([0.0, 0.0], [-1.0, 0.0]).tolist()
    [-0.5, 0.5]
    """
    return upstream - _softmax(z, axis) * upstream.sum(axis=axis, keepdims=True)


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "elu": (elu, elu_grad),
    "softplus": (softplus, softplus_grad),
    "gelu": (gelu, gelu_grad),
    "silu": (silu, silu_grad),
    "softmax": (softmax, softmax_grad),
    "log_softmax": (log_softmax, log_softmax_grad),
}
"""Every activation: name -> ``(function, derivative)``."""

ELEMENTWISE = frozenset(ACTIVATIONS) - {"softmax", "log_softmax"}
"""Names whose derivative is elementwise (the others return a Jacobian)."""
