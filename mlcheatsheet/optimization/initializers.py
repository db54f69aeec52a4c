r"""Weight initialization: the random numbers a network starts from.

Every initializer takes the ``shape`` of a weight array and a random generator
``rng`` (a ``numpy.random.Generator`` or an integer seed) and returns a new
float array. Weight matrices follow this library's layer convention
:math:`Z = XW + b`, so ``W`` has shape ``(fan_in, fan_out)``: one row per input,
one column per unit. For arrays with more than two axes (convolution kernels,
stored as ``(..., fan_in, fan_out)``) the leading axes form the receptive field,
and both fans are multiplied by its size; see :func:`fans`. A shape of more
than ``MAX_ELEMENTS`` = 2**30 entries (8 GiB of floats) is
refused before anything is allocated.

The scaled initializers pick the variance that keeps signals from growing or
shrinking as they pass through many layers:

========================  ================================  ==================
initializer               variance of each weight           derived for
========================  ================================  ==================
Xavier / Glorot           :math:`2 / (n_{in} + n_{out})`    tanh, sigmoid, linear
He / Kaiming              :math:`2 / n_{in}`                ReLU
========================  ================================  ==================

``INITIALIZERS`` maps a name to each function.
"""

import math

import numpy as np

from .._validation import check_interval, integer, positive, real, rng, shape, validate

__all__ = [
    "INITIALIZERS",
    "fans",
    "constant",
    "normal",
    "uniform",
    "xavier_normal",
    "xavier_uniform",
    "he_normal",
    "he_uniform",
    "orthogonal",
    "sparse",
]


def _weight_shape(min_axes=1):
    """Spec: a shape (as the validation layer's ``shape``) with at least ``min_axes`` axes.

    An empty tuple is a ``ValueError`` (a shape, with no axis), and shapes of more
    than ``MAX_ELEMENTS`` entries are refused before
    anything is allocated.
    """
    what = {1: "one axis", 2: "two axes (inputs and units)"}[min_axes]

    def spec(value, name):
        dims = shape(value, name) if not isinstance(value, (tuple, list)) or value else ()
        if len(dims) < min_axes:
            raise ValueError(f"{name} must have at least {what}; got {dims!r}")
        return dims

    spec.kind = "shape"
    return spec


_SHAPE, _MATRIX_SHAPE = _weight_shape(1), _weight_shape(2)
_COUNT = integer(minimum=1)


def _low_below_high(args):
    """Relation: ``low < high``, and the width ``high - low`` is a finite float."""
    check_interval(args["high"], "high", args["low"], np.inf, closed="neither")
    if not np.isfinite(args["high"] - args["low"]):
        raise ValueError(f"high - low must be finite; got low={args['low']!r}, "
                         f"high={args['high']!r}")


def _enough_inputs(args):
    """Relation: ``n_nonzero`` is at most the number of inputs (rows) of ``shape``."""
    rows = math.prod(args["shape"][:-1])
    if args["n_nonzero"] > rows:
        raise ValueError(f"n_nonzero must be at most the number of inputs ({rows}); "
                         f"got {args['n_nonzero']}")


@validate(shape=_SHAPE)
def fans(shape):
    """Number of inputs and outputs of each unit, ``(fan_in, fan_out)``, for a weight shape.

    Parameters
    ----------
    shape : tuple of int
        ``(n,)`` for a bias-like vector (both fans are ``n``), ``(fan_in, fan_out)``
        for a dense layer, ``(k1, ..., fan_in, fan_out)`` for a kernel whose
        receptive field is ``k1 * ...`` positions.

    Returns
    -------
    fan_in, fan_out : int

    Examples
    --------
    >>> fans((784, 128))
    (784, 128)
    >>> fans((3, 3, 16, 32))    # a 3x3 convolution from 16 to 32 channels
    (144, 288)
    """
    if len(shape) == 1:
        return shape[0], shape[0]
    field = math.prod(shape[:-2])  # the receptive field: 1 for a dense layer
    return shape[-2] * field, shape[-1] * field


@validate(shape=_SHAPE, value=real)
def constant(shape, value=0.0):
    """An array filled with one value (no randomness, so no ``rng``).

    Zeros are right for biases but wrong for weights: every unit of a layer then
    computes the same output and receives the same gradient, so they stay
    identical forever (the *symmetry* problem).

    Examples
    --------
    >>> constant((2, 3), 0.5).tolist()
    [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]
    """
    return np.full(shape, value)


@validate(shape=_SHAPE, rng=rng, std=positive, mean=real)
def normal(shape, rng, std=0.01, mean=0.0):
    r"""Draw from :math:`\mathcal N(\text{mean}, \text{std}^2)`, with a fixed scale.

    The "small random numbers" of early networks. A fixed ``std`` ignores the
    layer's size, so in a deep network the signal shrinks (or grows) layer after
    layer; the scaled initializers below fix that.

    Parameters
    ----------
    shape : tuple of int
    rng : numpy.random.Generator or int
    std : float, default=0.01
    mean : float, default=0.0

    Examples
    --------
    >>> W = normal((1000, 100), rng=0, std=0.5)
    >>> W.shape, round(float(W.std()), 2)
    ((1000, 100), 0.5)
    """
    return rng.normal(mean, std, size=shape)


@validate(_low_below_high, shape=_SHAPE, rng=rng, low=real, high=real)
def uniform(shape, rng, low=-0.05, high=0.05):
    r"""Draw from the uniform distribution on :math:`[\text{low}, \text{high})`.

    The variance is :math:`(\text{high} - \text{low})^2 / 12`.

    Examples
    --------
    >>> W = uniform((100, 100), rng=0, low=-1.0, high=1.0)
    >>> bool(W.min() >= -1.0 and W.max() < 1.0)
    True
    """
    return rng.uniform(low, high, size=shape)


@validate(shape=_SHAPE, rng=rng)
def xavier_normal(shape, rng):
    r"""Glorot (Xavier) normal initialization: :math:`\mathcal N\bigl(0, \frac{2}{n_{in} + n_{out}}\bigr)`.

    Keeping the variance of the activations constant in the forward pass needs
    :math:`\operatorname{Var}(w) = 1/n_{in}`; keeping the gradients' variance
    constant in the backward pass needs :math:`1/n_{out}`. Glorot and Bengio
    (2010) compromise on the harmonic mean, for activations that are linear
    around 0 (tanh, sigmoid, no activation).

    Examples
    --------
    >>> W = xavier_normal((300, 100), rng=0)    # variance 2 / 400
    >>> round(float(W.var() * 200), 1)
    1.0
    """
    fan_in, fan_out = fans(shape)
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=shape)


@validate(shape=_SHAPE, rng=rng)
def xavier_uniform(shape, rng):
    r"""Glorot (Xavier) uniform initialization: :math:`U(-a, a)`, :math:`a = \sqrt{\frac{6}{n_{in} + n_{out}}}`.

    Same variance as :func:`xavier_normal`, :math:`a^2/3 = 2/(n_{in} + n_{out})`;
    the form used in the original paper.

    Examples
    --------
    >>> W = xavier_uniform((300, 100), rng=0)
    >>> bool(np.abs(W).max() <= np.sqrt(6 / 400))
    True
    """
    fan_in, fan_out = fans(shape)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape)


@validate(shape=_SHAPE, rng=rng)
def he_normal(shape, rng):
    r"""He (Kaiming) normal initialization: :math:`\mathcal N\bigl(0, \frac{2}{n_{in}}\bigr)`.

    A ReLU sets half of its inputs to zero, which halves the second moment of
    the signal at every layer; doubling the variance of the weights makes up for
    it (He et al., 2015).

    Examples
    --------
    >>> W = he_normal((200, 500), rng=0)    # variance 2 / 200
    >>> round(float(W.var() * 100), 1)
    1.0
    """
    fan_in, _ = fans(shape)
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)


@validate(shape=_SHAPE, rng=rng)
def he_uniform(shape, rng):
    r"""He (Kaiming) uniform initialization: :math:`U(-a, a)`, :math:`a = \sqrt{6 / n_{in}}` (variance :math:`2/n_{in}`).

    Examples
    --------
    >>> W = he_uniform((200, 500), rng=0)
    >>> bool(np.abs(W).max() <= np.sqrt(6 / 200))
    True
    """
    fan_in, _ = fans(shape)
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, size=shape)


@validate(shape=_MATRIX_SHAPE, rng=rng, gain=positive)
def orthogonal(shape, rng, gain=1.0):
    r"""A random orthogonal matrix (times ``gain``), reshaped to ``shape``.

    For a square matrix :math:`W^\top W = I`: multiplying by :math:`W` preserves
    lengths exactly, so a deep *linear* network neither shrinks nor amplifies
    its signal (Saxe, McClelland and Ganguli, 2014). A tall matrix
    (``fan_in > fan_out``) gets orthonormal columns, a wide one orthonormal rows.

    Parameters
    ----------
    shape : tuple of int
        At least two axes; leading axes are flattened into the rows.
    rng : numpy.random.Generator or int
    gain : float, default=1.0
        Multiplies the matrix (for example :math:`\sqrt 2` before ReLUs).

    Notes
    -----
    The QR factorization of a Gaussian matrix, with the signs of :math:`R`'s
    diagonal moved into :math:`Q`; without that correction :math:`Q` would not
    be uniformly distributed over the orthogonal matrices (Mezzadri, 2007).

    Examples
    --------
    >>> W = orthogonal((4, 4), rng=0)
    >>> bool(np.allclose(W.T @ W, np.eye(4)))
    True
    >>> W = orthogonal((5, 3), rng=0)      # tall: orthonormal columns
    >>> bool(np.allclose(W.T @ W, np.eye(3)))
    True
    """
    rows, cols = math.prod(shape[:-1]), shape[-1]
    gaussian = rng.normal(size=(max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(gaussian)
    q = q * np.where(np.diag(r) < 0, -1.0, 1.0)
    if rows < cols:
        q = q.T
    return gain * q.reshape(shape)


@validate(_enough_inputs, shape=_MATRIX_SHAPE, rng=rng, n_nonzero=_COUNT, std=positive)
def sparse(shape, rng, n_nonzero=15, std=1.0):
    r"""Sparse initialization: each unit gets exactly ``n_nonzero`` non-zero incoming weights.

    Martens (2010) limits every unit to 15 random incoming connections drawn
    from a unit Gaussian, the rest being 0. The units then start out different
    from each other (no symmetry) and the size of each unit's input does not
    depend on the layer's width.

    Parameters
    ----------
    shape : tuple of int
        ``(fan_in, fan_out)``, or more axes (leading axes are flattened into the rows).
    rng : numpy.random.Generator or int
    n_nonzero : int, default=15
        Non-zero weights per column (per unit); at most the number of rows.
    std : float, default=1.0
        Standard deviation of the non-zero weights.

    Examples
    --------
    >>> W = sparse((100, 8), rng=0, n_nonzero=5)
    >>> np.count_nonzero(W, axis=0).tolist()
    [5, 5, 5, 5, 5, 5, 5, 5]
    """
    rows, cols = math.prod(shape[:-1]), shape[-1]
    W = np.zeros((rows, cols))
    for j in range(cols):
        chosen = rng.choice(rows, size=n_nonzero, replace=False)
        W[chosen, j] = rng.normal(0.0, std, size=n_nonzero)
    return W.reshape(shape)


#: Every initializer of this module by name: ``INITIALIZERS[name](shape, rng)``.
INITIALIZERS = {
    "constant": constant,
    "normal": normal,
    "uniform": uniform,
    "xavier_normal": xavier_normal,
    "xavier_uniform": xavier_uniform,
    "he_normal": he_normal,
    "he_uniform": he_uniform,
    "orthogonal": orthogonal,
    "sparse": sparse,
}
