r"""Batch normalization: standardize every feature over the mini-batch, then rescale.

For a mini-batch :math:`X` of shape ``(n_samples, n_features)``, each column
:math:`j` is normalized with the batch's own mean and variance and then given a
learned scale :math:`\gamma_j` and shift :math:`\beta_j`:

.. math::
    \mu_j = \frac1N \sum_i x_{ij}, \quad
    \sigma_j^2 = \frac1N \sum_i (x_{ij} - \mu_j)^2, \quad
    \hat x_{ij} = \frac{x_{ij} - \mu_j}{\sqrt{\sigma_j^2 + \epsilon}}, \quad
    y_{ij} = \gamma_j \hat x_{ij} + \beta_j

At inference time there may be a single sample, so the layer uses running
averages of the training batches' means and variances instead.

The functions :func:`batch_norm_forward`, :func:`batch_norm_backward` and
:func:`batch_norm_inference` are the mathematics; :class:`BatchNorm` is a layer
that keeps :math:`\gamma`, :math:`\beta` and the running statistics, with
``params`` and ``grads`` dicts that an optimizer from
:mod:`mlcheatsheet.optimization.optimizers` can step.
"""

from dataclasses import dataclass

import numpy as np

from .._numerics import binary_exponent
from .._validation import flag, matrix, positive, probability, size, validate, vector

__all__ = [
    "BatchNormCache",
    "batch_norm_forward",
    "batch_norm_backward",
    "batch_norm_inference",
    "BatchNorm",
]


@dataclass(frozen=True)
class BatchNormCache:
    """What :func:`batch_norm_forward` keeps for the backward pass.

    Attributes
    ----------
    x_hat : ndarray of shape (n_samples, n_features)
        The normalized inputs.
    inv_std : ndarray of shape (n_features,)
        :math:`1/\\sqrt{\\sigma^2 + \\epsilon}`.
    gamma : ndarray of shape (n_features,)
    mean, var : ndarray of shape (n_features,)
        The batch statistics (the variance divides by ``n_samples``). The
        variance of a feature whose spread is beyond about 1e154 is not a
        float64 and overflows to ``inf``; ``x_hat`` and the gradients do not
        need it.
    """

    x_hat: np.ndarray
    inv_std: np.ndarray
    gamma: np.ndarray
    mean: np.ndarray
    var: np.ndarray


def _per_feature(min_samples):
    """Relation: ``X`` has ``min_samples`` rows or more; the vectors have one entry per column."""
    def relation(args):
        n_samples, n_features = args["X"].shape
        if n_samples < min_samples:
            raise ValueError(f"X must have at least {min_samples} samples (rows) to compute "
                             f"batch statistics; got {n_samples}. Use inference mode for "
                             "single samples")
        for name in ("gamma", "beta", "running_mean", "running_var"):
            if name in args and args[name].shape != (n_features,):
                raise ValueError(f"{name} must have shape ({n_features},), one entry per "
                                 f"feature of X; got {args[name].shape}")

    return relation


def _variances(value, name):
    """Spec: a vector of variances, each >= 0."""
    v = vector(value, name)
    if np.any(v < 0):
        raise ValueError(f"{name} must be >= 0; it has {int(np.sum(v < 0))} negative "
                         f"value(s), the smallest {v.min():g}")
    return v


_variances.kind = "array"


def _cache(value, name):
    """Spec: what :func:`batch_norm_forward` returned for the backward pass."""
    if not isinstance(value, BatchNormCache):
        raise TypeError(f"{name} must be the BatchNormCache returned by batch_norm_forward; "
                        f"got {type(value).__name__}")
    return value


_cache.kind = "cache"


def _like_the_output(args):
    """Relation: ``dY`` has the shape of the forward output."""
    if args["dY"].shape != args["cache"].x_hat.shape:
        raise ValueError(f"dY must have the shape of the forward output "
                         f"{args['cache'].x_hat.shape}; got {args['dY'].shape}")


def _scale(X):
    """A power of two near the largest ``|x|`` of each column, kept in [2**-509, 2**537].

    Dividing by a power of two is exact (the statistics of ``X / s`` are those of
    ``X`` divided by ``s`` and ``s**2``, bit for bit), and in units of ``s`` the
    sums of squares cannot overflow, nor ``sqrt(eps) / s`` overflow or vanish.
    """
    return np.ldexp(1.0, np.clip(binary_exponent(X, axis=0), -509, 537))


def _in_units_of_X(var, s):
    """``var * s**2``: the variance back in the units of ``X``.

    Beyond float64 (a feature spread beyond about 1e154) it is ``inf``, as the
    cache documents, without a warning: the outputs and gradients never use it.
    """
    with np.errstate(over="ignore"):
        return var * s * s


def _features_of_the_layer(args):
    """Relation: ``X`` has as many columns as the layer has features."""
    n_features = len(args["self"].params["gamma"])
    if args["X"].shape[1] != n_features:
        raise ValueError(f"X must have {n_features} features (columns), as the layer was built "
                         f"with; got shape {args['X'].shape}")


def _after_a_forward_pass(args):
    """Relation: a training-mode forward pass came first."""
    if args["self"]._cache is None:
        raise RuntimeError("backward() needs a training-mode forward() first")


_BATCH, _SAMPLES = _per_feature(min_samples=2), _per_feature(min_samples=1)
_RUNNING = dict(running_mean=vector, running_var=_variances)


@validate(_BATCH, X=matrix, gamma=vector, beta=vector, eps=positive)
def batch_norm_forward(X, gamma, beta, eps=1e-5):
    r"""Batch normalization in training mode, with the mini-batch's own statistics.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        A mini-batch of pre-activations, ``n_samples >= 2``.
    gamma, beta : array_like of shape (n_features,)
        Learned scale :math:`\gamma` and shift :math:`\beta`.
    eps : float, default=1e-5
        :math:`\epsilon > 0`, added to the variance so that a constant feature
        does not divide by zero.

    Returns
    -------
    Y : ndarray of shape (n_samples, n_features)
        :math:`\gamma \hat x + \beta`.
    cache : BatchNormCache
        For :func:`batch_norm_backward`.

    Notes
    -----
    Each feature is divided by a power of two :math:`s` close to its largest
    absolute value before its mean and variance are taken, and
    :math:`\hat x = (x/s - \mu/s) / \sqrt{\sigma^2/s^2 + \epsilon/s^2}`, the square
    root taken as ``hypot``. The division is exact, so for ordinary inputs the
    result is the textbook one, but inputs near 1e300 no longer overflow (their
    squares would) and inputs near 1e-300 no longer lose their variance to
    underflow: :math:`\hat x` is the same for :math:`cX` and :math:`c^2\epsilon`
    as for :math:`X` and :math:`\epsilon`, for any scale :math:`c`.

    Examples
    --------
    The feature (1, 3) has mean 2 and variance 1, so it becomes (-1, 1):

    >>> Y, cache = batch_norm_forward([[1.0], [3.0]], gamma=[1.0], beta=[0.0], eps=1e-12)
    >>> Y.round(9).tolist()
    [[-1.0], [1.0]]
    """
    s = _scale(X)  # a power of two near max |x|: X / s is exact and cannot overflow
    Z = X / s
    mean, var = Z.mean(axis=0), Z.var(axis=0)  # mu / s and sigma**2 / s**2
    root = np.hypot(np.sqrt(var), np.sqrt(eps) / s)  # sqrt(sigma**2 + eps) / s
    x_hat = (Z - mean) / root
    cache = BatchNormCache(x_hat, 1 / s / root, gamma, s * mean, _in_units_of_X(var, s))
    return gamma * x_hat + beta, cache


@validate(_like_the_output, dY=matrix, cache=_cache)
def batch_norm_backward(dY, cache):
    r"""Gradients of batch normalization, given the gradient of the loss with respect to its output.

    .. math::
        \frac{\partial L}{\partial \beta_j} = \sum_i \frac{\partial L}{\partial y_{ij}}, \qquad
        \frac{\partial L}{\partial \gamma_j} = \sum_i \frac{\partial L}{\partial y_{ij}}\, \hat x_{ij}

    .. math::
        \frac{\partial L}{\partial x_{ij}} = \frac{\gamma_j}{N \sqrt{\sigma_j^2 + \epsilon}}
        \left( N g_{ij} - \sum_k g_{kj} - \hat x_{ij} \sum_k g_{kj}\, \hat x_{kj} \right),
        \quad g = \frac{\partial L}{\partial y}

    Every sample's output depends on the whole batch through :math:`\mu` and
    :math:`\sigma`; the two sums are those paths. They remove from the gradient
    its mean and its component along :math:`\hat x`, the two directions in which
    moving :math:`X` cannot change :math:`\hat x`.

    Parameters
    ----------
    dY : array_like of shape (n_samples, n_features)
        :math:`\partial L / \partial Y`.
    cache : BatchNormCache
        From :func:`batch_norm_forward`.

    Returns
    -------
    dX : ndarray of shape (n_samples, n_features)
    dgamma, dbeta : ndarray of shape (n_features,)

    Examples
    --------
    Adding the same number to every sample changes nothing after normalization,
    so the gradient with respect to ``X`` sums to zero over the batch:

    >>> Y, cache = batch_norm_forward([[1.0], [2.0], [6.0]], [2.0], [0.0])
    >>> dX, dgamma, dbeta = batch_norm_backward([[1.0], [0.0], [0.0]], cache)
    >>> abs(float(dX.sum())) < 1e-12, dbeta.tolist()
    (True, [1.0])
    """
    n = dY.shape[0]
    dbeta = dY.sum(axis=0)
    dgamma = (dY * cache.x_hat).sum(axis=0)
    dx_hat = dY * cache.gamma
    dX = cache.inv_std / n * (n * dx_hat - dx_hat.sum(axis=0)
                              - cache.x_hat * (dx_hat * cache.x_hat).sum(axis=0))
    return dX, dgamma, dbeta


@validate(_SAMPLES, X=matrix, gamma=vector, beta=vector, eps=positive, **_RUNNING)
def batch_norm_inference(X, gamma, beta, running_mean, running_var, eps=1e-5):
    r"""Batch normalization in inference mode, with fixed (running) statistics.

    .. math:: y = \gamma\, \frac{x - \mu_{\text{run}}}{\sqrt{\sigma^2_{\text{run}} + \epsilon}} + \beta

    Each sample is transformed on its own, so the output no longer depends on
    which other samples share its batch; the layer is a fixed affine map.

    Examples
    --------
    >>> batch_norm_inference([[3.0]], [1.0], [0.5], running_mean=[1.0], running_var=[4.0],
    ...                      eps=1e-12).round(9).tolist()
    [[1.5]]
    """
    return gamma * (X - running_mean) / np.sqrt(running_var + eps) + beta


class BatchNorm:
    r"""A batch-normalization layer: learned :math:`\gamma, \beta` and running statistics.

    Parameters
    ----------
    n_features : int
    momentum : float, default=0.1
        Weight of the newest batch in the running averages:
        :math:`\mu_{\text{run}} \leftarrow (1 - m)\,\mu_{\text{run}} + m\,\mu_B`.
        (PyTorch's convention; Keras calls :math:`1 - m` its momentum, 0.99 by default.)
    eps : float, default=1e-5

    Attributes
    ----------
    params : dict
        ``{"gamma": ones, "beta": zeros}`` at the start: the identity map of the
        normalized inputs.
    grads : dict
        Gradients of the last :meth:`backward`, same keys as ``params``.
    running_mean, running_var : ndarray of shape (n_features,)
        Start at 0 and 1. The running variance averages the *unbiased* batch
        variances (divided by :math:`N - 1`), which is the estimate of the
        population variance Ioffe and Szegedy (2015) use at inference.

    Examples
    --------
    >>> bn = BatchNorm(1, momentum=0.5)
    >>> Y = bn.forward(np.array([[1.0], [3.0]]))       # batch mean 2, unbiased variance 2
    >>> bn.running_mean.tolist(), bn.running_var.tolist()
    ([1.0], [1.5])
    >>> bn.forward(np.array([[1.0]]), training=False).round(3).tolist()   # (1 - 1) / sqrt(1.5)
    [[0.0]]
    """

    @validate(n_features=size(), momentum=probability, eps=positive)
    def __init__(self, n_features, momentum=0.1, eps=1e-5):
        self.momentum, self.eps = momentum, eps
        self.params = {"gamma": np.ones(n_features), "beta": np.zeros(n_features)}
        self.grads = {"gamma": np.zeros(n_features), "beta": np.zeros(n_features)}
        self.running_mean = np.zeros(n_features)
        self.running_var = np.ones(n_features)
        self._cache = None

    @validate(_features_of_the_layer, X=matrix, training=flag)
    def forward(self, X, training=True):
        """Normalize ``X``: with batch statistics (and update the running ones) if ``training``.

        Examples
        --------
        >>> layer = BatchNorm(2)
        >>> layer.forward(np.array([[1.0, 5.0], [3.0, 5.0]])).round(3).tolist()
        [[-1.0, 0.0], [1.0, 0.0]]
        >>> layer.forward(np.ones((2, 3)))
        Traceback (most recent call last):
        ...
        ValueError: X must have 2 features (columns), as the layer was built with; got shape (2, 3)
        """
        gamma, beta = self.params["gamma"], self.params["beta"]
        if not training:
            return batch_norm_inference(X, gamma, beta, self.running_mean, self.running_var,
                                        self.eps)
        Y, self._cache = batch_norm_forward(X, gamma, beta, self.eps)
        n, m = len(Y), self.momentum
        self.running_mean = (1 - m) * self.running_mean + m * self._cache.mean
        self.running_var = (1 - m) * self.running_var + m * self._cache.var * n / (n - 1)
        return Y

    @validate(_after_a_forward_pass, dY=matrix)
    def backward(self, dY):
        """Return dL/dX for the last training-mode :meth:`forward`; store dL/dgamma, dL/dbeta in ``grads``.

        Examples
        --------
        >>> layer = BatchNorm(1)
        >>> Y = layer.forward(np.array([[1.0], [2.0], [6.0]]))
        >>> dX = layer.backward(np.array([[1.0], [0.0], [0.0]]))   # dL/dY
        >>> dX.round(4).tolist(), layer.grads["beta"].tolist()
        ([[0.1763], [-0.2204], [0.0441]], [1.0])
        >>> BatchNorm(1).backward(np.ones((3, 1)))
        Traceback (most recent call last):
        ...
        RuntimeError: backward() needs a training-mode forward() first
        """
        dX, dgamma, dbeta = batch_norm_backward(dY, self._cache)
        self.grads = {"gamma": dgamma, "beta": dbeta}
        return dX
