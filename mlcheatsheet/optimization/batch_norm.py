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

from .._validation import as_float_array, check_interval, check_positive, check_positive_int

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
        The batch statistics (the variance divides by ``n_samples``).
    """

    x_hat: np.ndarray
    inv_std: np.ndarray
    gamma: np.ndarray
    mean: np.ndarray
    var: np.ndarray


def _inputs(X, gamma, beta, min_samples=1):
    X = as_float_array(X, "X", ndim=2)
    n_samples, n_features = X.shape
    if n_samples < min_samples:
        raise ValueError(f"X must have at least {min_samples} samples (rows) to compute batch "
                         f"statistics; got {n_samples}. Use inference mode for single samples")
    gamma = as_float_array(gamma, "gamma", ndim=1)
    beta = as_float_array(beta, "beta", ndim=1)
    for name, arr in (("gamma", gamma), ("beta", beta)):
        if arr.shape != (n_features,):
            raise ValueError(f"{name} must have shape ({n_features},), one entry per feature of X; "
                             f"got {arr.shape}")
    return X, gamma, beta


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

    Examples
    --------
    The feature (1, 3) has mean 2 and variance 1, so it becomes (-1, 1):

    >>> Y, cache = batch_norm_forward([[1.0], [3.0]], gamma=[1.0], beta=[0.0], eps=1e-12)
    >>> Y.round(9).tolist()
    [[-1.0], [1.0]]
    """
    X, gamma, beta = _inputs(X, gamma, beta, min_samples=2)
    eps = check_positive(eps, "eps")
    mean = X.mean(axis=0)
    var = X.var(axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (X - mean) * inv_std
    return gamma * x_hat + beta, BatchNormCache(x_hat, inv_std, gamma, mean, var)


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
    if not isinstance(cache, BatchNormCache):
        raise TypeError(f"cache must be the BatchNormCache returned by batch_norm_forward; "
                        f"got {type(cache).__name__}")
    dY = as_float_array(dY, "dY", ndim=2)
    if dY.shape != cache.x_hat.shape:
        raise ValueError(f"dY must have the shape of the forward output {cache.x_hat.shape}; "
                         f"got {dY.shape}")
    n = dY.shape[0]
    dbeta = dY.sum(axis=0)
    dgamma = (dY * cache.x_hat).sum(axis=0)
    dx_hat = dY * cache.gamma
    dX = cache.inv_std / n * (n * dx_hat - dx_hat.sum(axis=0)
                              - cache.x_hat * (dx_hat * cache.x_hat).sum(axis=0))
    return dX, dgamma, dbeta


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
    X, gamma, beta = _inputs(X, gamma, beta)
    n_features = X.shape[1]
    running_mean = as_float_array(running_mean, "running_mean", ndim=1)
    running_var = as_float_array(running_var, "running_var", ndim=1)
    for name, arr in (("running_mean", running_mean), ("running_var", running_var)):
        if arr.shape != (n_features,):
            raise ValueError(f"{name} must have shape ({n_features},); got {arr.shape}")
    if np.any(running_var < 0):
        raise ValueError("running_var must be >= 0")
    eps = check_positive(eps, "eps")
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

    def __init__(self, n_features, momentum=0.1, eps=1e-5):
        n_features = check_positive_int(n_features, "n_features")
        self.momentum = check_interval(momentum, "momentum", 0, 1, closed="both")
        self.eps = check_positive(eps, "eps")
        self.params = {"gamma": np.ones(n_features), "beta": np.zeros(n_features)}
        self.grads = {"gamma": np.zeros(n_features), "beta": np.zeros(n_features)}
        self.running_mean = np.zeros(n_features)
        self.running_var = np.ones(n_features)
        self._cache = None

    def forward(self, X, training=True):
        """Normalize ``X``: with batch statistics (and update the running ones) if ``training``."""
        if not training:
            return batch_norm_inference(X, self.params["gamma"], self.params["beta"],
                                        self.running_mean, self.running_var, self.eps)
        Y, self._cache = batch_norm_forward(X, self.params["gamma"], self.params["beta"], self.eps)
        n, m = len(Y), self.momentum
        self.running_mean = (1 - m) * self.running_mean + m * self._cache.mean
        self.running_var = (1 - m) * self.running_var + m * self._cache.var * n / (n - 1)
        return Y

    def backward(self, dY):
        """Return dL/dX for the last training-mode :meth:`forward`; store dL/dgamma, dL/dbeta in ``grads``."""
        if self._cache is None:
            raise RuntimeError("backward() needs a training-mode forward() first")
        dX, dgamma, dbeta = batch_norm_backward(dY, self._cache)
        self.grads = {"gamma": dgamma, "beta": dbeta}
        return dX
