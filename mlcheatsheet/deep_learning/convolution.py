r"""2-D convolution and pooling, vectorized, as functions and as layers; 1-D and causal
(dilated) convolution and the receptive field of a dilated stack.

Deep-learning "convolution" is **cross-correlation**: the kernel is slid over the
input without flipping it. For an input ``X`` of shape ``(N, C, H, W)`` and
kernels ``K`` of shape ``(F, C, k_h, k_w)``, with stride :math:`S`, zero padding
:math:`P` and dilation :math:`D`,

.. math::
    Y_{n f i j} = b_f + \sum_{c, u, v} X^{\text{pad}}_{n,\,c,\,Si + Du,\,Sj + Dv}\,K_{f c u v},

and each spatial side shrinks to :math:`\lfloor (W - F_{\text{eff}} + 2P)/S \rfloor + 1`
with the effective kernel size :math:`F_{\text{eff}} = D(F - 1) + 1`
(:func:`conv_output_size`).

Every window is read at once through
``numpy.lib.stride_tricks.sliding_window_view`` (no copy, no Python loop over
pixels); the backward passes add each kernel tap's contribution in one slice
assignment (a loop over the :math:`k_h k_w` taps, not over pixels).

The layers (:class:`Conv2D`, :class:`MaxPool2D`, :class:`AvgPool2D`,
:class:`Flatten`) speak the interface of :mod:`mlcheatsheet.neural_networks.network`,
so :class:`~mlcheatsheet.neural_networks.network.Sequential`, ``fit`` and the
optimizers train them. A network's input is a matrix of flattened images (one
row per image, as scikit-learn's digits come); the first :class:`Conv2D` reshapes
the rows to images of its ``input_shape``, the layers between pass 4-D arrays,
and :class:`Flatten` turns them back into rows for the dense layers. Widths
``n_in``/``n_out`` count the values of one image, so ``Sequential`` checks that
consecutive shapes fit.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .._validation import (array, flag, integer, matrix, optional, rng, same_length, size,
                           validate, vector)
from ..neural_networks.network import Layer, _after_forward, _initializer
from ..optimization import initializers

__all__ = [
    "conv_output_size",
    "conv2d_n_params",
    "conv2d",
    "conv2d_backward",
    "conv1d",
    "conv1d_backward",
    "causal_conv1d",
    "causal_conv1d_backward",
    "receptive_field",
    "max_pool2d",
    "max_pool2d_backward",
    "avg_pool2d",
    "avg_pool2d_backward",
    "Conv2D",
    "MaxPool2D",
    "AvgPool2D",
    "Flatten",
    "Conv1D",
    "shift_augment",
]

_images = array(ndim=4)
_kernels = array(ndim=4)
_stride = integer(minimum=1, maximum=2**20)
_padding = integer(minimum=0, maximum=2**20)
_dilation = integer(minimum=1, maximum=2**20)
_side = integer(minimum=1, maximum=2**30)
_CONV = dict(stride=_stride, padding=_padding, dilation=_dilation)


# --------------------------------------------------------------------------
# Shapes and counts
# --------------------------------------------------------------------------


def _output_side(n, f, stride, padding, dilation, what="input"):
    """Output length along one axis, or a ValueError naming the kernel if it does not fit."""
    effective = dilation * (f - 1) + 1
    if effective > n + 2 * padding:
        raise ValueError(
            f"kernel_size must fit in the padded {what}: the kernel spans {effective} "
            f"(size {f}, dilation {dilation}) but the {what} is {n} + 2*{padding} = "
            f"{n + 2 * padding} wide")
    return (n - effective + 2 * padding) // stride + 1


@validate(n=_side, kernel_size=_side, **_CONV)
def conv_output_size(n, kernel_size, stride=1, padding=0, dilation=1):
    r"""Output side of a convolution or pooling: :math:`\lfloor (W - F_\text{eff} + 2P)/S\rfloor + 1`.

    With dilation :math:`D` the kernel of size :math:`F` spans
    :math:`F_\text{eff} = D(F - 1) + 1` inputs.

    Parameters
    ----------
    n : int
        Input side :math:`W`.
    kernel_size : int
        :math:`F`.
    stride, padding, dilation : int
        :math:`S \ge 1`, :math:`P \ge 0`, :math:`D \ge 1`.

    Returns
    -------
    int

    Examples
    --------
    >>> conv_output_size(32, 5)                 # Egg's glossary's 32 -> 28
    28
    >>> conv_output_size(8, 3, stride=2, padding=1), conv_output_size(8, 3, dilation=2)
    (4, 4)
    >>> conv_output_size(4, 7)
    Traceback (most recent call last):
    ...
    ValueError: kernel_size must fit in the padded input: the kernel spans 7 (size 7, dilation 1) but the input is 4 + 2*0 = 4 wide
    """
    return _output_side(n, kernel_size, stride, padding, dilation)


@validate(in_channels=size(), out_channels=size(), kernel_size=_side, bias=flag)
def conv2d_n_params(in_channels, out_channels, kernel_size, bias=True):
    r"""Parameters of a convolutional layer: :math:`F^2 C_\text{in} C_\text{out} (+ C_\text{out})`.

    It does not depend on the image size: every position shares the same kernels.

    Parameters
    ----------
    in_channels, out_channels : int
    kernel_size : int
        Side :math:`F` of the square kernel.
    bias : bool, default=True
        One bias per output channel.

    Examples
    --------
    >>> conv2d_n_params(3, 6, 5, bias=False), conv2d_n_params(3, 6, 5)
    (450, 456)
    """
    return kernel_size * kernel_size * in_channels * out_channels + (out_channels if bias else 0)


# --------------------------------------------------------------------------
# Convolution
# --------------------------------------------------------------------------


def _channels_fit(args):
    """Relation: channels agree, the bias has one entry per kernel."""
    X, K, b = args["X"], args["K"], args.get("b")
    if X.shape[1] != K.shape[1]:
        raise ValueError(f"X must have as many channels as K: K of shape {K.shape} expects "
                         f"{K.shape[1]} channel(s); got X of shape {X.shape}")
    if b is not None and b.shape != (K.shape[0],):
        raise ValueError(f"b must have one entry per kernel ({K.shape[0]}); got shape {b.shape}")


def _fits(args):
    """Relation: channels agree, the bias has one entry per kernel, the kernel fits."""
    X, K = args["X"], args["K"]
    _channels_fit(args)
    for axis in (2, 3):
        _output_side(X.shape[axis], K.shape[axis], args["stride"], args["padding"],
                     args["dilation"], what="image")


def _windows(X, kh, kw, stride, padding, dilation):
    """A read-only view ``(N, C, H_out, W_out, kh, kw)`` of every (padded, dilated) window."""
    if padding:
        X = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    span_h, span_w = dilation * (kh - 1) + 1, dilation * (kw - 1) + 1
    view = sliding_window_view(X, (span_h, span_w), axis=(2, 3))
    return view[:, :, ::stride, ::stride, ::dilation, ::dilation]


def _scatter(d_windows, shape, stride, padding, dilation):
    """The adjoint of :func:`_windows`: add ``d_windows`` (N, C, Ho, Wo, kh, kw) back into
    an array of the input ``shape``, one kernel tap at a time."""
    n, c, h, w = shape
    _, _, ho, wo, kh, kw = d_windows.shape
    dXp = np.zeros((n, c, h + 2 * padding, w + 2 * padding))
    for u in range(kh):
        for v in range(kw):
            r, s = u * dilation, v * dilation
            dXp[:, :, r:r + stride * (ho - 1) + 1:stride,
                s:s + stride * (wo - 1) + 1:stride] += d_windows[..., u, v]
    return dXp[:, :, padding:padding + h, padding:padding + w]


@validate(_fits, X=_images, K=_kernels, b=optional(array(ndim=1)), **_CONV)
def conv2d(X, K, b=None, stride=1, padding=0, dilation=1):
    r"""2-D convolution (cross-correlation) of a batch of images with a bank of kernels.

    .. math:: Y_{nfij} = b_f + \sum_{c,u,v} X^\text{pad}_{n,c,Si+Du,Sj+Dv} K_{fcuv}

    Parameters
    ----------
    X : array_like of shape (N, C, H, W)
    K : array_like of shape (F, C, k_h, k_w)
        ``F`` kernels over the ``C`` input channels.
    b : array_like of shape (F,), optional
    stride, padding, dilation : int, default 1, 0, 1
        Square stride, zero padding on every side, spacing between kernel taps.

    Returns
    -------
    ndarray of shape (N, F, H_out, W_out)
        ``H_out = conv_output_size(H, k_h, stride, padding, dilation)``, likewise ``W_out``.

    Examples
    --------
    A horizontal difference kernel finds the vertical edge of a step image:

    >>> X = np.array([[[[0, 0, 1, 1]] * 3]])          # (1, 1, 3, 4)
    >>> conv2d(X, [[[[-1, 1]]]]).tolist()
    [[[[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 1.0, 0.0]]]]
    >>> conv2d(np.ones((1, 2, 3, 3)), np.ones((1, 3, 2, 2)))
    Traceback (most recent call last):
    ...
    ValueError: X must have as many channels as K: K of shape (1, 3, 2, 2) expects 3 channel(s); got X of shape (1, 2, 3, 3)
    """
    win = _windows(X, K.shape[2], K.shape[3], stride, padding, dilation)
    Y = np.einsum("nchwuv,fcuv->nfhw", win, K, optimize=True)
    return Y if b is None else Y + b[:, None, None]


def _backward_fits(args):
    _fits(args)
    X, K, dY = args["X"], args["K"], args["dY"]
    want = (X.shape[0], K.shape[0]) + tuple(
        _output_side(X.shape[a], K.shape[a], args["stride"], args["padding"], args["dilation"])
        for a in (2, 3))
    if dY.shape != want:
        raise ValueError(f"dY must have the shape of the convolution's output {want}; "
                         f"got {dY.shape}")


@validate(_backward_fits, dY=_images, X=_images, K=_kernels, **_CONV)
def conv2d_backward(dY, X, K, stride=1, padding=0, dilation=1):
    r"""Gradients of a loss through :func:`conv2d`, from :math:`\partial L/\partial Y`.

    .. math::
        \frac{\partial L}{\partial K_{fcuv}} = \sum_{n,i,j} \frac{\partial L}{\partial Y_{nfij}}
        X^\text{pad}_{n,c,Si+Du,Sj+Dv}, \qquad
        \frac{\partial L}{\partial b_f} = \sum_{n,i,j} \frac{\partial L}{\partial Y_{nfij}},

    and :math:`\partial L/\partial X` sends each output's gradient back to the
    inputs of its window, weighted by the kernel (a "full" convolution with the
    flipped kernel when the stride and dilation are 1).

    Returns
    -------
    dX : ndarray of the shape of X
    dK : ndarray of the shape of K
    db : ndarray of shape (F,)

    Examples
    --------
    >>> dX, dK, db = conv2d_backward(np.ones((1, 1, 1, 2)), np.arange(3.0).reshape(1, 1, 1, 3),
    ...                              [[[[1.0, 10.0]]]])
    >>> dX.tolist(), dK.tolist(), db.tolist()
    ([[[[1.0, 11.0, 10.0]]]], [[[[1.0, 3.0]]]], [2.0])
    """
    win = _windows(X, K.shape[2], K.shape[3], stride, padding, dilation)
    dK = np.einsum("nchwuv,nfhw->fcuv", win, dY, optimize=True)
    d_win = np.einsum("nfhw,fcuv->nchwuv", dY, K, optimize=True)
    dX = _scatter(d_win, X.shape, stride, padding, dilation)
    return dX, dK, dY.sum(axis=(0, 2, 3))


# --------------------------------------------------------------------------
# Pooling
# --------------------------------------------------------------------------


def _pool_fits(args):
    X, s = args["X"], args["size"]
    stride = s if args["stride"] is None else args["stride"]
    for axis in (2, 3):
        _output_side(X.shape[axis], s, stride, 0, 1, what="image")
    return {"stride": stride}


def _pool_backward_fits(args):
    changed = _pool_fits(args)
    X, s, stride = args["X"], args["size"], changed["stride"]
    want = X.shape[:2] + tuple((X.shape[a] - s) // stride + 1 for a in (2, 3))
    if args["dY"].shape != want:
        raise ValueError(f"dY must have the shape of the pooling's output {want}; "
                         f"got {args['dY'].shape}")
    return changed


def _max_pool2d(X, size, stride):
    win = _windows(X, size, size, stride, 0, 1)
    return np.max([win[..., u, v] for u in range(size) for v in range(size)], axis=0)


def _avg_pool2d(X, size, stride):
    return _windows(X, size, size, stride, 0, 1).mean(axis=(4, 5))


def _avg_pool2d_backward(dY, X, size, stride):
    shape = dY.shape + (size, size)
    d_win = np.broadcast_to(dY[..., None, None] / (size * size), shape)
    return _scatter(d_win, X.shape, stride, 0, 1)


_POOL = dict(X=_images, size=_side, stride=optional(_stride))


@validate(_pool_fits, **_POOL)
def max_pool2d(X, size=2, stride=None):
    """Max pooling: the largest value of every ``size`` x ``size`` window of each channel.

    Parameters
    ----------
    X : array_like of shape (N, C, H, W)
    size : int, default=2
    stride : int, optional
        Defaults to ``size`` (windows side by side, no overlap).

    Returns
    -------
    ndarray of shape (N, C, H_out, W_out)

    Examples
    --------
    >>> max_pool2d(np.arange(16.0).reshape(1, 1, 4, 4)).tolist()
    [[[[5.0, 7.0], [13.0, 15.0]]]]
    """
    return _max_pool2d(X, size, stride)


@validate(_pool_backward_fits, dY=_images, **_POOL)
def max_pool2d_backward(dY, X, size=2, stride=None):
    """Gradient through :func:`max_pool2d`: each window's gradient goes to its maximum
    (the first one, if several inputs tie).

    Examples
    --------
    >>> max_pool2d_backward([[[[1.0]]]], [[[[1.0, 3.0], [2.0, 0.0]]]]).tolist()
    [[[[0.0, 1.0], [0.0, 0.0]]]]
    """
    win = _windows(X, size, size, stride, 0, 1)
    Y = np.max([win[..., u, v] for u in range(size) for v in range(size)], axis=0)
    d_win = np.zeros(win.shape)
    unclaimed = np.ones(Y.shape, dtype=bool)  # ties: the first tap wins
    for u in range(size):
        for v in range(size):
            won = unclaimed & (win[..., u, v] == Y)
            d_win[..., u, v] = dY * won
            unclaimed &= ~won
    return _scatter(d_win, X.shape, stride, 0, 1)


@validate(_pool_fits, **_POOL)
def avg_pool2d(X, size=2, stride=None):
    """Average pooling: the mean of every ``size`` x ``size`` window of each channel.

    Examples
    --------
    >>> avg_pool2d(np.arange(16.0).reshape(1, 1, 4, 4)).tolist()
    [[[[2.5, 4.5], [10.5, 12.5]]]]
    """
    return _avg_pool2d(X, size, stride)


@validate(_pool_backward_fits, dY=_images, **_POOL)
def avg_pool2d_backward(dY, X, size=2, stride=None):
    """Gradient through :func:`avg_pool2d`: each window's gradient, shared equally.

    Examples
    --------
    >>> avg_pool2d_backward([[[[4.0]]]], np.zeros((1, 1, 2, 2))).tolist()
    [[[[1.0, 1.0], [1.0, 1.0]]]]
    """
    return _avg_pool2d_backward(dY, X, size, stride)


_conv2d, _conv2d_backward = conv2d.__wrapped__, conv2d_backward.__wrapped__


# --------------------------------------------------------------------------
# 1-D and causal convolution; receptive field
# --------------------------------------------------------------------------
# A sequence batch (N, C, L) is an image batch of height 1: each 1-D function pads the
# length itself and calls the 2-D one with no padding, so there is one convolution.

_signals = array(ndim=3)
_kernels1 = array(ndim=3)
_bias = optional(array(ndim=1))


def _length_out(args):
    """The output length, checking channels and that the kernel fits the padded sequence."""
    X, K = args["X"], args["K"]
    _channels_fit(args)
    return _output_side(X.shape[2], K.shape[2], args.get("stride", 1),
                        args.get("padding", 0), args.get("dilation", 1), what="sequence")


def _fits_1d(args):
    """Relation: channels agree, the bias fits, the kernel fits the padded sequence."""
    _length_out(args)


def _backward_fits_1d(args):
    want = (args["X"].shape[0], args["K"].shape[0], _length_out(args))
    if args["dY"].shape != want:
        raise ValueError(f"dY must have the shape of the convolution's output {want}; "
                         f"got {args['dY'].shape}")


def _pad_length(X, left, right):
    return np.pad(X, ((0, 0), (0, 0), (left, right))) if left or right else X


@validate(_fits_1d, X=_signals, K=_kernels1, b=_bias, **_CONV)
def conv1d(X, K, b=None, stride=1, padding=0, dilation=1):
    r"""1-D convolution (cross-correlation) of a batch of sequences with a bank of kernels.

    .. math:: Y_{nft} = b_f + \sum_{c,u} X^\text{pad}_{n,c,St+Du} K_{fcu}

    Parameters
    ----------
    X : array_like of shape (N, C, L)
        ``N`` sequences of length ``L`` with ``C`` channels.
    K : array_like of shape (F, C, k)
    b : array_like of shape (F,), optional
    stride, padding, dilation : int, default 1, 0, 1

    Returns
    -------
    ndarray of shape (N, F, L_out)
        ``L_out = conv_output_size(L, k, stride, padding, dilation)``.

    Examples
    --------
    >>> conv1d([[[1.0, 2.0, 4.0, 8.0]]], [[[-1.0, 1.0]]]).tolist()     # differences
    [[[1.0, 2.0, 4.0]]]
    >>> conv1d([[[1.0, 2.0, 4.0, 8.0]]], [[[-1.0, 1.0]]], dilation=2).tolist()
    [[[3.0, 6.0]]]
    """
    Xp = _pad_length(X, padding, padding)[:, :, None]           # (N, C, 1, L + 2P)
    return _conv2d(Xp, K[:, :, None], b, stride, 0, dilation)[:, :, 0]


@validate(_backward_fits_1d, dY=_signals, X=_signals, K=_kernels1, **_CONV)
def conv1d_backward(dY, X, K, stride=1, padding=0, dilation=1):
    r"""Gradients through :func:`conv1d` from :math:`\partial L/\partial Y`:
    ``(dX, dK, db)``, as :func:`conv2d_backward` on sequences.

    Examples
    --------
    >>> dX, dK, db = conv1d_backward(np.ones((1, 1, 2)), np.arange(3.0)[None, None],
    ...                              [[[1.0, 10.0]]])
    >>> dX.tolist(), dK.tolist(), db.tolist()
    ([[[1.0, 11.0, 10.0]]], [[[1.0, 3.0]]], [2.0])
    """
    Xp = _pad_length(X, padding, padding)[:, :, None]
    dXp, dK, db = _conv2d_backward(dY[:, :, None], Xp, K[:, :, None], stride, 0, dilation)
    return dXp[:, :, 0, padding:padding + X.shape[2]], dK[:, :, 0], db


@validate(_channels_fit, X=_signals, K=_kernels1, b=_bias, dilation=_dilation)
def causal_conv1d(X, K, b=None, dilation=1):
    r"""Causal 1-D convolution: output :math:`t` sees inputs :math:`t, t - D, \dots,
    t - D(k-1)` only, and the length is kept.

    .. math:: Y_{nft} = b_f + \sum_{c,u} X_{n,c,\,t - D(k - 1 - u)} K_{fcu}
              \quad (X_{n,c,s} = 0 \text{ for } s < 0)

    The sequence is padded with :math:`D(k-1)` zeros on the left and none on the
    right, so no output reads a later input.

    Parameters
    ----------
    X : array_like of shape (N, C, L)
    K : array_like of shape (F, C, k)
    b : array_like of shape (F,), optional
    dilation : int, default=1

    Returns
    -------
    ndarray of shape (N, F, L)

    Examples
    --------
    >>> causal_conv1d([[[1.0, 2.0, 4.0, 8.0]]], [[[1.0, 1.0]]]).tolist()   # x[t-1] + x[t]
    [[[1.0, 3.0, 6.0, 12.0]]]
    >>> causal_conv1d([[[1.0, 2.0, 4.0, 8.0]]], [[[1.0, 1.0]]], dilation=2).tolist()
    [[[1.0, 2.0, 5.0, 10.0]]]
    """
    Xp = _pad_length(X, dilation * (K.shape[2] - 1), 0)[:, :, None]
    return _conv2d(Xp, K[:, :, None], b, 1, 0, dilation)[:, :, 0]


def _causal_backward_fits(args):
    X, K, dY = args["X"], args["K"], args["dY"]
    _channels_fit(args)
    want = (X.shape[0], K.shape[0], X.shape[2])
    if dY.shape != want:
        raise ValueError(f"dY must have the shape of the convolution's output {want}; "
                         f"got {dY.shape}")


@validate(_causal_backward_fits, dY=_signals, X=_signals, K=_kernels1, dilation=_dilation)
def causal_conv1d_backward(dY, X, K, dilation=1):
    r"""Gradients through :func:`causal_conv1d` from :math:`\partial L/\partial Y`:
    ``(dX, dK, db)``.

    :math:`\partial L/\partial X_t` collects only outputs at :math:`t` and later.

    Examples
    --------
    >>> dX, dK, db = causal_conv1d_backward(np.array([[[0.0, 0.0, 1.0]]]),
    ...                                     np.ones((1, 1, 3)), [[[2.0, 3.0]]])
    >>> dX.tolist(), dK.tolist(), db.tolist()       # y_2 = 2 x_1 + 3 x_2
    ([[[0.0, 2.0, 3.0]]], [[[1.0, 1.0]]], [1.0])
    """
    left = dilation * (K.shape[2] - 1)
    Xp = _pad_length(X, left, 0)[:, :, None]
    dXp, dK, db = _conv2d_backward(dY[:, :, None], Xp, K[:, :, None], 1, 0, dilation)
    return dXp[:, :, 0, left:], dK[:, :, 0], db


@validate(n_layers=integer(minimum=0, maximum=1024), kernel_size=_side,
          dilation_base=integer(minimum=1, maximum=2**20))
def receptive_field(n_layers, kernel_size=2, dilation_base=2):
    r"""Receptive field of a stack of stride-1 convolutions whose dilation grows
    geometrically: layer :math:`l = 0, \dots, L-1` has dilation :math:`b^l`.

    .. math:: R = 1 + (k - 1)\sum_{l=0}^{L-1} b^l

    With ``dilation_base=1`` (no dilation) :math:`R = 1 + L(k-1)` grows linearly;
    with kernel 2 and dilation doubling, :math:`R = 2^L`.

    Parameters
    ----------
    n_layers : int
        :math:`L \ge 0`.
    kernel_size : int, default=2
        :math:`k`.
    dilation_base : int, default=2
        :math:`b`.

    Returns
    -------
    int

    Examples
    --------
    >>> [receptive_field(L) for L in range(5)]                 # 2**L
    [1, 2, 4, 8, 16]
    >>> [receptive_field(L, dilation_base=1) for L in range(5)]     # L + 1
    [1, 2, 3, 4, 5]
    >>> receptive_field(3, kernel_size=3)          # WaveNet-style stack: 1 + 2 (1 + 2 + 4)
    15
    """
    return 1 + (kernel_size - 1) * sum(dilation_base**l for l in range(n_layers))
_max_pool2d_backward = max_pool2d_backward.__wrapped__


# --------------------------------------------------------------------------
# Layers
# --------------------------------------------------------------------------


def _shape3(value, name):
    """Spec: an image shape ``(channels, height, width)`` of positive integers."""
    if not isinstance(value, (tuple, list)) or len(value) != 3:
        raise TypeError(f"{name} must be a tuple (channels, height, width); got "
                        f"{type(value).__name__} {value!r}"[:200])
    out = tuple(_side(v, f"{name}[{i}]") for i, v in enumerate(value))
    if out[0] * out[1] * out[2] > 2**30:
        raise ValueError(f"{name} must have at most 2**30 values; got {out}")
    return out


_shape3.kind = "shape3"


def _layer_input(args):
    """Relation: ``X`` is a matrix of flattened images or a 4-D batch of the layer's shape."""
    layer, X = args["self"], args["X"]
    c, h, w = layer.input_shape
    if X.ndim == 2:
        if X.shape[1] != c * h * w:
            raise ValueError(f"X must have {c * h * w} columns (flattened images of shape "
                             f"{layer.input_shape}) for {layer!r}; got shape {X.shape}")
        return None
    if X.ndim != 4 or X.shape[1:] != (c, h, w):
        raise ValueError(f"X must have shape (n_samples, {c}, {h}, {w}) or "
                         f"(n_samples, {c * h * w}) for {layer!r}; got shape {X.shape}")
    return None


def _batch(value, name):
    """Spec: a finite float array of images (4-D) or rows (2-D)."""
    arr = array()(value, name)
    if arr.ndim not in (2, 4):
        raise ValueError(f"{name} must be a 2-D (n_samples, n_values) or 4-D "
                         f"(n_samples, channels, height, width) array; got shape {arr.shape}")
    return arr


_batch.kind = "array"


def _any_batch(value, name):
    """Spec: a finite float array of rows (2-D), sequences (3-D) or images (4-D)."""
    arr = array()(value, name)
    if arr.ndim not in (2, 3, 4):
        raise ValueError(f"{name} must be a 2-D (n_samples, n_values), 3-D (n_samples, "
                         f"channels, length) or 4-D (n_samples, channels, height, width) "
                         f"array; got shape {arr.shape}")
    return arr


_any_batch.kind = "array"


class _ImageLayer(Layer):
    """A layer on images of ``input_shape``; takes rows or 4-D batches, returns 4-D."""

    def _setup(self, input_shape, output_shape):
        self.input_shape, self.output_shape = input_shape, output_shape
        self.n_in = int(np.prod(input_shape))
        self.n_out = int(np.prod(output_shape))

    @validate(_layer_input, X=_batch, training=flag)
    def forward(self, X, training=True):
        """Output ``(n_samples, *output_shape)`` for images (or rows of flattened images)."""
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_after_forward, dY=_images)
    def backward(self, dY):
        """:math:`\\partial L/\\partial X` (in the shape ``forward`` was given) from
        :math:`\\partial L/\\partial Y`; fills ``grads``."""
        return self._backward(dY)

    def _as_images(self, X):
        self._in_shape = X.shape
        return X.reshape((len(X),) + self.input_shape)

    def _as_given(self, dX):
        return dX.reshape(self._in_shape)


class Conv2D(_ImageLayer):
    r"""Convolutional layer: :func:`conv2d` with learned kernels ``K`` and biases ``b``.

    Parameters
    ----------
    input_shape : tuple (channels, height, width)
    n_filters : int
        Output channels :math:`F`.
    kernel_size : int
        Side of the square kernels.
    stride, padding, dilation : int, default 1, 0, 1
    rng : numpy.random.Generator or int, optional
    init : str, default="he_normal"
        Kernels are drawn as a ``(C k_h k_w, F)`` matrix (fan-in :math:`C k_h k_w`).

    Examples
    --------
    >>> layer = Conv2D((1, 8, 8), n_filters=4, kernel_size=3, padding=1, rng=0)
    >>> layer.output_shape, layer.n_params, layer.n_in, layer.n_out
    ((4, 8, 8), 40, 64, 256)
    >>> layer.forward(np.zeros((2, 64))).shape
    (2, 4, 8, 8)
    >>> layer.backward(np.zeros((2, 4, 8, 8))).shape      # the shape forward was given
    (2, 64)
    >>> layer.forward(np.zeros((2, 3, 8, 8)))
    Traceback (most recent call last):
    ...
    ValueError: X must have shape (n_samples, 1, 8, 8) or (n_samples, 64) for Conv2D((1, 8, 8) -> (4, 8, 8)); got shape (2, 3, 8, 8)
    """

    penalized = ("K",)  # the L2 penalty of ``fit`` shrinks the kernels, not the biases

    @validate(input_shape=_shape3, n_filters=size(), kernel_size=_side, stride=_stride,
              padding=_padding, dilation=_dilation, rng=optional(rng),
              init=_initializer)
    def __init__(self, input_shape, n_filters, kernel_size, stride=1, padding=0, dilation=1,
                 rng=None, init="he_normal"):
        super().__init__()
        c, h, w = input_shape
        out = (n_filters,) + tuple(_output_side(n, kernel_size, stride, padding, dilation)
                                   for n in (h, w))
        self._setup(input_shape, out)
        self.stride, self.padding, self.dilation = stride, padding, dilation
        gen = np.random.default_rng() if rng is None else rng
        fan_in = c * kernel_size * kernel_size
        K = initializers.INITIALIZERS[init]((fan_in, n_filters), gen).T
        self.params = {"K": K.reshape(n_filters, c, kernel_size, kernel_size).copy(),
                       "b": np.zeros(n_filters)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    forward, backward = _ImageLayer.forward, _ImageLayer.backward  # swept per class

    def __repr__(self):
        return f"Conv2D({self.input_shape} -> {self.output_shape})"

    def _forward(self, X, training):
        self._X = self._as_images(X)
        return _conv2d(self._X, self.params["K"], self.params["b"], self.stride,
                       self.padding, self.dilation)

    def _backward(self, dY):
        dX, dK, db = _conv2d_backward(dY, self._X, self.params["K"], self.stride,
                                      self.padding, self.dilation)
        self.grads = {"K": dK, "b": db}
        return self._as_given(dX)


class _Pool(_ImageLayer):
    @validate(input_shape=_shape3, size=_side, stride=optional(_stride))
    def __init__(self, input_shape, size=2, stride=None):
        super().__init__()
        self.size, self.stride = size, (size if stride is None else stride)
        c, h, w = input_shape
        self._setup(input_shape, (c,) + tuple(_output_side(n, size, self.stride, 0, 1)
                                              for n in (h, w)))

    def __repr__(self):
        return f"{type(self).__name__}({self.input_shape} -> {self.output_shape})"

    def _forward(self, X, training):
        self._X = self._as_images(X)
        return self._pool(self._X, self.size, self.stride)

    def _backward(self, dY):
        return self._as_given(self._pool_backward(dY, self._X, self.size, self.stride))


class MaxPool2D(_Pool):
    """Max-pooling layer (:func:`max_pool2d`); no parameters.

    Parameters
    ----------
    input_shape : tuple (channels, height, width)
    size : int, default=2
    stride : int, optional
        Defaults to ``size``.

    Examples
    --------
    >>> pool = MaxPool2D((2, 8, 8))
    >>> pool.output_shape, pool.n_params
    ((2, 4, 4), 0)
    >>> pool = MaxPool2D((1, 2, 2))
    >>> pool.forward(np.array([[1.0, 3.0, 2.0, 0.0]])).tolist()
    [[[[3.0]]]]
    >>> pool.backward(np.ones((1, 1, 1, 1))).tolist()
    [[0.0, 1.0, 0.0, 0.0]]
    """

    forward, backward = _ImageLayer.forward, _ImageLayer.backward

    _pool = staticmethod(_max_pool2d)
    _pool_backward = staticmethod(_max_pool2d_backward)


class AvgPool2D(_Pool):
    """Average-pooling layer (:func:`avg_pool2d`); no parameters.

    Examples
    --------
    >>> pool = AvgPool2D((1, 4, 4))
    >>> pool.forward(np.arange(16.0).reshape(1, 16)).tolist()
    [[[[2.5, 4.5], [10.5, 12.5]]]]
    >>> pool.backward(np.full((1, 1, 2, 2), 4.0)).reshape(4, 4).tolist()[0]
    [1.0, 1.0, 1.0, 1.0]
    """

    forward, backward = _ImageLayer.forward, _ImageLayer.backward

    _pool = staticmethod(_avg_pool2d)
    _pool_backward = staticmethod(_avg_pool2d_backward)


class Flatten(Layer):
    """Images ``(N, C, H, W)`` to rows ``(N, C H W)``, for the dense layers after a
    convolutional stack; backward restores the shape.

    Examples
    --------
    >>> Flatten().forward(np.zeros((2, 3, 4, 4))).shape
    (2, 48)
    """

    def __repr__(self):
        return "Flatten()"

    @validate(X=_any_batch, training=flag)
    def forward(self, X, training=True):
        """``X`` as rows: shape ``(n_samples, n_values)``.

        Examples
        --------
        >>> Flatten().forward(np.zeros((2, 3, 4, 4))).shape
        (2, 48)
        """
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_after_forward, dY=array(ndim=2))
    def backward(self, dY):
        """``dY`` in the shape of the last input.

        Examples
        --------
        >>> layer = Flatten()
        >>> _ = layer.forward(np.zeros((1, 2, 2, 2)))
        >>> layer.backward(np.ones((1, 8))).shape
        (1, 2, 2, 2)
        """
        return self._backward(dY)

    def _forward(self, X, training):
        self._in_shape = X.shape
        return X.reshape(len(X), -1)

    def _backward(self, dY):
        return dY.reshape(self._in_shape)



def _shape2(value, name):
    """Spec: a sequence shape ``(channels, length)`` of positive integers."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{name} must be a tuple (channels, length); got "
                        f"{type(value).__name__} {value!r}"[:200])
    out = tuple(_side(v, f"{name}[{i}]") for i, v in enumerate(value))
    if out[0] * out[1] > 2**30:
        raise ValueError(f"{name} must have at most 2**30 values; got {out}")
    return out


_shape2.kind = "shape2"


def _sequence_input(args):
    """Relation: ``X`` is a matrix of flattened sequences or a 3-D batch of the layer's shape."""
    layer, X = args["self"], args["X"]
    c, n = layer.input_shape
    if X.ndim == 2 and X.shape[1] != c * n:
        raise ValueError(f"X must have {c * n} columns (flattened sequences of shape "
                         f"{layer.input_shape}) for {layer!r}; got shape {X.shape}")
    if X.ndim == 3 and X.shape[1:] != (c, n):
        raise ValueError(f"X must have shape (n_samples, {c}, {n}) or (n_samples, {c * n}) "
                         f"for {layer!r}; got shape {X.shape}")
    if X.ndim not in (2, 3):
        raise ValueError(f"X must be 2-D or 3-D for {layer!r}; got shape {X.shape}")


class Conv1D(Layer):
    r"""1-D convolutional layer on sequences: :func:`conv1d` (or, with ``causal=True``,
    :func:`causal_conv1d`) with learned kernels ``K`` of shape ``(F, C, k)`` and biases.

    Parameters
    ----------
    input_shape : tuple (channels, length)
    n_filters : int
    kernel_size : int
    stride, padding, dilation : int, default 1, 0, 1
        ``stride`` and ``padding`` must keep their defaults when ``causal``.
    causal : bool, default=False
        Pad :math:`D(k-1)` zeros on the left only: the length is kept and no output
        reads a later input.
    rng : numpy.random.Generator or int, optional
    init : str, default="he_normal"

    Examples
    --------
    >>> layer = Conv1D((2, 10), n_filters=3, kernel_size=2, dilation=2, causal=True, rng=0)
    >>> layer.output_shape, layer.n_params, layer.n_in, layer.n_out
    ((3, 10), 15, 20, 30)
    >>> layer.forward(np.zeros((4, 20))).shape
    (4, 3, 10)
    >>> layer.backward(np.zeros((4, 3, 10))).shape
    (4, 20)
    >>> Conv1D((1, 8), 2, 3, stride=2, causal=True)
    Traceback (most recent call last):
    ...
    ValueError: stride must be 1 for a causal Conv1D; got 2
    """

    penalized = ("K",)  # the L2 penalty of ``fit`` shrinks the kernels, not the biases

    @validate(input_shape=_shape2, n_filters=size(), kernel_size=_side, stride=_stride,
              padding=_padding, dilation=_dilation, causal=flag, rng=optional(rng),
              init=_initializer)
    def __init__(self, input_shape, n_filters, kernel_size, stride=1, padding=0, dilation=1,
                 causal=False, rng=None, init="he_normal"):
        super().__init__()
        for name, value, default in (("stride", stride, 1), ("padding", padding, 0)):
            if causal and value != default:
                raise ValueError(f"{name} must be {default} for a causal Conv1D; got {value}")
        c, n = input_shape
        self.input_shape, self.causal = input_shape, causal
        self.stride, self.padding, self.dilation = stride, padding, dilation
        length = n if causal else _output_side(n, kernel_size, stride, padding, dilation)
        self.output_shape = (n_filters, length)
        self.n_in, self.n_out = c * n, n_filters * length
        gen = np.random.default_rng() if rng is None else rng
        K = initializers.INITIALIZERS[init]((c * kernel_size, n_filters), gen).T
        self.params = {"K": K.reshape(n_filters, c, kernel_size).copy(),
                       "b": np.zeros(n_filters)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def __repr__(self):
        return f"Conv1D({self.input_shape} -> {self.output_shape})"

    @validate(_sequence_input, X=_any_batch, training=flag)
    def forward(self, X, training=True):
        """Output ``(n_samples, *output_shape)`` for sequences (or rows of flattened ones)."""
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_after_forward, dY=_signals)
    def backward(self, dY):
        """:math:`\\partial L/\\partial X` (in the shape ``forward`` was given) from
        :math:`\\partial L/\\partial Y`; fills ``grads``."""
        return self._backward(dY)

    def _forward(self, X, training):
        self._in_shape = X.shape
        self._X = X.reshape((len(X),) + self.input_shape)
        K, b = self.params["K"], self.params["b"]
        if self.causal:
            return causal_conv1d.__wrapped__(self._X, K, b, self.dilation)
        return conv1d.__wrapped__(self._X, K, b, self.stride, self.padding, self.dilation)

    def _backward(self, dY):
        K = self.params["K"]
        if self.causal:
            dX, dK, db = causal_conv1d_backward.__wrapped__(dY, self._X, K, self.dilation)
        else:
            dX, dK, db = conv1d_backward.__wrapped__(dY, self._X, K, self.stride,
                                                     self.padding, self.dilation)
        self.grads = {"K": dK, "b": db}
        return dX.reshape(self._in_shape)


# --------------------------------------------------------------------------
# Data augmentation
# --------------------------------------------------------------------------


def _rows_are_images(args):
    """Relation: every row of ``X`` is one flattened image of ``image_shape``, with a
    label in ``y``."""
    same_length("X", "y")(args)
    c, h, w = args["image_shape"]
    if args["X"].shape[1] != c * h * w:
        raise ValueError(f"X must have {c * h * w} columns (flattened images of shape "
                         f"{args['image_shape']}); got shape {args['X'].shape}")


#: The four one-pixel shifts (rows, columns): down, up, right, left.
ONE_PIXEL_SHIFTS = ((1, 0), (-1, 0), (0, 1), (0, -1))


@validate(_rows_are_images, X=matrix, y=vector, image_shape=_shape3)
def shift_augment(X, y, image_shape):
    """The images and four copies of them moved by one pixel (down, up, right, left).

    The pixel that enters at the border is zero, the row or column pushed out is
    lost. The labels are repeated: a digit moved by one pixel is the same digit.

    Parameters
    ----------
    X : array_like of shape (n_samples, C * H * W)
        Flattened images, one per row.
    y : array_like of shape (n_samples,)
    image_shape : tuple (channels, height, width)

    Returns
    -------
    X_aug : ndarray of shape (5 n_samples, C * H * W)
        The originals first, then one block per shift of ``ONE_PIXEL_SHIFTS``
        (down, up, right, left).
    y_aug : ndarray of shape (5 n_samples,)

    Examples
    --------
    >>> X_aug, y_aug = shift_augment(np.array([[0, 0, 0, 0, 1, 0, 0, 0, 0]]), [7], (1, 3, 3))
    >>> X_aug.reshape(5, 3, 3)[1].tolist()           # moved down by one row
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    >>> X_aug.shape, y_aug.tolist()
    ((5, 9), [7.0, 7.0, 7.0, 7.0, 7.0])
    """
    n, (c, h, w) = len(X), image_shape
    padded = np.pad(X.reshape(n, c, h, w), ((0, 0), (0, 0), (1, 1), (1, 1)))
    moved = [padded[:, :, 1 - dr:1 - dr + h, 1 - dc:1 - dc + w]
             for dr, dc in ONE_PIXEL_SHIFTS]
    X_aug = np.concatenate([X] + [m.reshape(n, -1) for m in moved])
    return X_aug, np.tile(y, 1 + len(ONE_PIXEL_SHIFTS))
