r"""Autoencoders: a dense autoencoder trained on its reconstruction error, and a
variational autoencoder (VAE) trained on the evidence lower bound (ELBO).

An autoencoder is two multilayer perceptrons built from the layers of
:mod:`mlcheatsheet.neural_networks.network`: an *encoder* from the
:math:`D` inputs to a code of :math:`k < D` numbers and a *decoder* back to
:math:`D` outputs, trained so that the output reproduces the input. Without a
hidden layer both are single dense layers and the autoencoder is linear; trained
to the minimum of the squared error, it spans the same subspace as the first
:math:`k` principal components.

A VAE (Kingma and Welling, 2014) makes the code random. Its encoder outputs the
mean :math:`\mu` and the log-variance :math:`\log\sigma^2` of a Gaussian
:math:`q(z\mid x)`; a code is drawn as :math:`z = \mu + \sigma\odot\varepsilon`
with :math:`\varepsilon\sim\mathcal N(0, I)` (the reparameterization trick: the
randomness is an input, so gradients flow through :math:`\mu` and :math:`\sigma`);
the decoder gives the probability of every pixel (a Bernoulli likelihood, inputs
in :math:`[0, 1]`). Training maximizes, per sample,

.. math::
    \operatorname{ELBO}(x) = \mathbb E_{q(z\mid x)}\big[\log p(x\mid z)\big]
    - \operatorname{KL}\big(q(z\mid x)\,\|\,\mathcal N(0, I)\big),

estimated with one draw of :math:`\varepsilon`, with the KL term in closed form.
The noise is always explicit: an ``eps`` array, or an ``rng`` that draws it.
"""

from dataclasses import dataclass, field

import numpy as np

from .._validation import (
    integer,
    matrix,
    nonnegative,
    optional,
    options,
    rng,
    size,
    validate,
)
from ..neural_networks.activations import ELEMENTWISE
from ..neural_networks.network import Activation, Dense, Sequential, fit as _fit
from ..optimization.optimizers import _optimizer, _unchecked

__all__ = ["gaussian_kl", "gaussian_kl_grad", "reparameterize", "Autoencoder", "VAE",
           "VAEHistory"]


# --------------------------------------------------------------------------
# Specs and relations
# --------------------------------------------------------------------------


def _widths(value, name):
    """Spec: a tuple of hidden-layer widths (positive integers); may be empty."""
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"{name} must be a tuple of layer widths (positive integers); got "
                        f"{type(value).__name__} {value!r}"[:200])
    return tuple(size()(v, f"{name}[{i}]") for i, v in enumerate(value))


_widths.kind = "widths"

_activation = options(*sorted(ELEMENTWISE))

#: The specs of an autoencoder's architecture (both classes take the same arguments).
_ARCHITECTURE = dict(n_features=size(), n_latent=size(), hidden=_widths,
                     activation=_activation, rng=optional(rng))


def _like_mu(*names):
    """Relation: the arrays ``names`` have the shape of ``mu``."""
    def relation(args):
        for name in names:
            if args[name].shape != args["mu"].shape:
                raise ValueError(f"{name} must have the shape of mu {args['mu'].shape}; "
                                 f"got {args[name].shape}")
    return relation


def _columns(arg, attribute, what):
    """Relation: ``arg`` has ``self.<attribute>`` columns."""
    def relation(args):
        want, X = getattr(args["self"], attribute), args[arg]
        if X.shape[1] != want:
            raise ValueError(f"{arg} must have {want} columns ({what}); got shape {X.shape}")
    return relation


def _unit_interval(args):
    """Relation: the VAE's inputs are pixel intensities in [0, 1]."""
    for name in ("X", "X_val"):
        X = args.get(name)
        if X is not None and (X.min() < 0 or X.max() > 1):
            raise ValueError(f"{name} must hold values in [0, 1] (the Bernoulli likelihood "
                             f"of each pixel); got values from {X.min():g} to {X.max():g}")


def _validation_columns(args):
    """Relation: ``X_val``, if given, has the columns of ``X``."""
    X, X_val = args["X"], args["X_val"]
    if X_val is not None and X_val.shape[1] != X.shape[1]:
        raise ValueError(f"X_val must have the {X.shape[1]} columns of X; got shape "
                         f"{X_val.shape}")


def _noise_fits(args):
    """Relation: one noise vector of ``n_latent`` numbers per row of ``X``."""
    X, eps, k = args["X"], args["eps"], args["self"].n_latent
    if eps.shape != (len(X), k):
        raise ValueError(f"eps must have shape (n_samples, n_latent) = {(len(X), k)}; got "
                         f"{eps.shape}")


# --------------------------------------------------------------------------
# The Gaussian pieces of the VAE
# --------------------------------------------------------------------------


@validate(mu=matrix, log_var=matrix, _=_like_mu("log_var"))
def gaussian_kl(mu, log_var):
    r"""KL divergence of :math:`\mathcal N(\mu, \operatorname{diag}\sigma^2)` from :math:`\mathcal N(0, I)`, per row.

    .. math::
        \operatorname{KL}\big(\mathcal N(\mu, \sigma^2)\,\|\,\mathcal N(0, I)\big)
        = \frac12 \sum_{j=1}^{k} \big(\mu_j^2 + \sigma_j^2 - \log\sigma_j^2 - 1\big)

    Parameters
    ----------
    mu, log_var : ndarray of shape (n_samples, n_latent)
        Means and log-variances :math:`\log\sigma^2`.

    Returns
    -------
    ndarray of shape (n_samples,)
        Non-negative; zero exactly where :math:`\mu = 0,\ \sigma = 1`.

    Examples
    --------
    >>> gaussian_kl(np.zeros((1, 2)), np.zeros((1, 2))).tolist()      # the prior itself
    [0.0]
    >>> gaussian_kl(np.array([[2.0]]), np.zeros((1, 1))).tolist()     # mu^2 / 2
    [2.0]
    """
    return 0.5 * np.sum(mu**2 + np.exp(log_var) - log_var - 1.0, axis=1)


@validate(mu=matrix, log_var=matrix, _=_like_mu("log_var"))
def gaussian_kl_grad(mu, log_var):
    r"""Gradients of :func:`gaussian_kl` (each row's KL) with respect to ``mu`` and ``log_var``.

    .. math::
        \frac{\partial\,\mathrm{KL}}{\partial \mu_j} = \mu_j, \qquad
        \frac{\partial\,\mathrm{KL}}{\partial \log\sigma_j^2} = \tfrac12\big(\sigma_j^2 - 1\big)

    Parameters
    ----------
    mu, log_var : ndarray of shape (n_samples, n_latent)

    Returns
    -------
    dmu, dlog_var : ndarray of shape (n_samples, n_latent)

    Examples
    --------
    >>> dmu, dlv = gaussian_kl_grad(np.array([[1.0, -2.0]]), np.zeros((1, 2)))
    >>> dmu.tolist(), dlv.tolist()
    ([[1.0, -2.0]], [[0.0, 0.0]])
    """
    return mu.copy(), 0.5 * (np.exp(log_var) - 1.0)


@validate(mu=matrix, log_var=matrix, eps=matrix, _=_like_mu("log_var", "eps"))
def reparameterize(mu, log_var, eps):
    r"""A draw from :math:`\mathcal N(\mu, \sigma^2)` as a function of the noise: :math:`z = \mu + \sigma\odot\varepsilon`.

    With :math:`\varepsilon \sim \mathcal N(0, I)` drawn outside the model, :math:`z`
    is a differentiable function of :math:`\mu` and :math:`\log\sigma^2`:
    :math:`\partial z/\partial\mu = 1`,
    :math:`\partial z/\partial\log\sigma^2 = \tfrac12\sigma\odot\varepsilon`.

    Parameters
    ----------
    mu, log_var, eps : ndarray of shape (n_samples, n_latent)

    Returns
    -------
    ndarray of shape (n_samples, n_latent)

    Examples
    --------
    >>> reparameterize(np.array([[1.0]]), np.array([[np.log(4.0)]]), np.array([[0.5]])).tolist()
    [[2.0]]
    """
    return mu + np.exp(0.5 * log_var) * eps


# --------------------------------------------------------------------------
# Dense autoencoder
# --------------------------------------------------------------------------


def _mlp(widths, activation, gen):
    """Dense layers between consecutive widths, ``activation`` between them (not after)."""
    layers = []
    for n_in, n_out in zip(widths[:-1], widths[1:]):
        layers += [Dense(n_in, n_out, rng=gen, init="xavier_uniform"),
                   Activation(activation)]
    return layers[:-1]


class Autoencoder:
    r"""A dense autoencoder: encoder :math:`D \to \dots \to k`, decoder :math:`k \to \dots \to D`.

    The encoder has the widths ``(n_features, *hidden, n_latent)``, the decoder
    the same in reverse, with ``activation`` between dense layers; the code and
    the output are linear. ``hidden=()`` gives the linear autoencoder
    :math:`\hat x = (x W_1 + b_1) W_2 + b_2`, :math:`W_1` of shape
    :math:`(D, k)`, :math:`W_2` of shape :math:`(k, D)`.

    Parameters
    ----------
    n_features : int
        :math:`D`.
    n_latent : int
        :math:`k`, the width of the code.
    hidden : tuple of int, default=()
        Widths of the encoder's hidden layers (the decoder mirrors them).
    activation : str, default="tanh"
        An elementwise activation of :mod:`mlcheatsheet.neural_networks.activations`.
    rng : numpy.random.Generator or int, optional
        For the initial weights.

    Attributes
    ----------
    encoder, decoder : Sequential
    net : Sequential
        The two chained, sharing their layers, with the loss
        :math:`\frac1{2N}\sum_i\lVert\hat x_i - x_i\rVert^2`: training it trains both.

    Examples
    --------
    >>> ae = Autoencoder(4, 2, hidden=(3,), rng=0)
    >>> ae.net.summary()
    'Dense(4 -> 3) -> Activation(tanh) -> Dense(3 -> 2) -> Dense(2 -> 3) -> Activation(tanh) -> Dense(3 -> 4): 4 -> 4, 48 parameters'
    """

    @validate(**_ARCHITECTURE)
    def __init__(self, n_features, n_latent, hidden=(), activation="tanh", rng=None):
        gen = np.random.default_rng() if rng is None else rng
        self.n_features, self.n_latent = n_features, n_latent
        encoder = _mlp((n_features, *hidden, n_latent), activation, gen)
        decoder = _mlp((n_latent, *hidden[::-1], n_features), activation, gen)
        self.encoder = Sequential(encoder, loss="mse")
        self.decoder = Sequential(decoder, loss="mse")
        self.net = Sequential(self.encoder.layers + self.decoder.layers, loss="mse")

    def __repr__(self):
        return f"Autoencoder({self.net.summary()})"

    @validate(_columns("X", "n_features", "the inputs"), X=matrix)
    def encode(self, X):
        """The codes :math:`z`, shape ``(n_samples, n_latent)``.

        Examples
        --------
        >>> Autoencoder(3, 1, rng=0).encode(np.zeros((2, 3))).tolist()     # zero biases
        [[0.0], [0.0]]
        """
        return self.encoder._forward(X, False)

    @validate(_columns("Z", "n_latent", "the codes"), Z=matrix)
    def decode(self, Z):
        """The outputs :math:`\\hat x` for codes ``Z``, shape ``(n_samples, n_features)``.

        Examples
        --------
        >>> Autoencoder(3, 1, rng=0).decode(np.zeros((1, 1))).tolist()
        [[0.0, 0.0, 0.0]]
        """
        return self.decoder._forward(Z, False)

    @validate(_columns("X", "n_features", "the inputs"), X=matrix)
    def reconstruct(self, X):
        """:math:`\\hat x = \\operatorname{decode}(\\operatorname{encode}(x))`.

        Examples
        --------
        >>> Autoencoder(3, 1, rng=0).reconstruct(np.ones((1, 3))).shape
        (1, 3)
        """
        return self.net._forward(X, False)

    @validate(_columns("X", "n_features", "the inputs"), X=matrix)
    def reconstruction_error(self, X):
        r"""Mean squared reconstruction error per sample, :math:`\frac1N\sum_i\lVert\hat x_i - x_i\rVert^2`.

        Twice the training loss (which carries the factor 1/2).

        Examples
        --------
        >>> ae = Autoencoder(2, 1, rng=0)
        >>> X = np.array([[1.0, 2.0], [3.0, 4.0]])
        >>> bool(np.isclose(ae.reconstruction_error(X), 2 * ae.net.loss(X, X)))
        True
        """
        return float(np.mean(np.sum((self.net._forward(X, False) - X) ** 2, axis=1)))

    @validate(_columns("X", "n_features", "the inputs"), X=matrix, optimizer=_optimizer,
              n_epochs=integer(minimum=1), batch_size=integer(minimum=1), rng=optional(rng))
    def fit(self, X, optimizer, n_epochs=10, batch_size=32, rng=None):
        """Train on ``X`` (inputs and targets alike) with :func:`~mlcheatsheet.neural_networks.network.fit`.

        Returns its :class:`~mlcheatsheet.neural_networks.network.History`; the
        losses are half the mean squared reconstruction error.

        Examples
        --------
        >>> from mlcheatsheet.optimization.optimizers import Adam
        >>> X = np.random.default_rng(0).normal(size=(20, 3)) @ np.ones((3, 3))   # rank 1
        >>> ae = Autoencoder(3, 1, rng=0)
        >>> history = ae.fit(X, Adam(lr=0.05), n_epochs=200, batch_size=20)
        >>> history.train_loss[-1] < 1e-4 * history.train_loss[0]
        True
        """
        return _fit(self.net, X, X, optimizer, n_epochs=n_epochs, batch_size=batch_size,
                    rng=rng)


# --------------------------------------------------------------------------
# Variational autoencoder
# --------------------------------------------------------------------------


@dataclass
class VAEHistory:
    """What :meth:`VAE.fit` records after every epoch (means per sample).

    Attributes
    ----------
    elbo, reconstruction, kl : list of float
        Over the epoch's mini-batches: the ELBO, its reconstruction term
        :math:`\\log p(x\\mid z)` and its KL term (``elbo = reconstruction - kl``).
    val_elbo : list of float
        The ELBO of the validation set after the epoch (empty without one).
    """

    elbo: list = field(default_factory=list)
    reconstruction: list = field(default_factory=list)
    kl: list = field(default_factory=list)
    val_elbo: list = field(default_factory=list)


def _log_bernoulli(X, logits):
    """:math:`\\sum_j x_j l_j - \\log(1 + e^{l_j})` per row: log p(x | z) from the logits."""
    return np.sum(X * logits - np.logaddexp(0.0, logits), axis=1)


class VAE:
    r"""A variational autoencoder with a Gaussian encoder and a Bernoulli decoder.

    Encoder: widths ``(n_features, *hidden, 2 * n_latent)``, its output split into
    :math:`\mu` and :math:`\log\sigma^2`, each ``(N, k)``. Decoder: widths
    ``(n_latent, *hidden[::-1], n_features)``, its output the logits :math:`l` of
    the pixels, ``(N, D)``. For a batch :math:`X` of shape ``(N, D)`` with values in
    :math:`[0, 1]` and noise :math:`\varepsilon` of shape ``(N, k)``:

    .. math::
        z = \mu + e^{\frac12\log\sigma^2}\odot\varepsilon, \qquad
        \log p(x\mid z) = \sum_{j=1}^{D} x_j l_j - \log(1 + e^{l_j}),

    and the loss is the negative ELBO with the KL term weighted by :math:`\beta`,

    .. math::
        L = \frac1N\sum_{i=1}^{N}\Big(-\log p(x_i\mid z_i)
        + \beta\,\operatorname{KL}\big(q(z\mid x_i)\,\|\,\mathcal N(0, I)\big)\Big).

    Parameters
    ----------
    n_features : int
        :math:`D`.
    n_latent : int
        :math:`k`.
    hidden : tuple of int, default=(64,)
    activation : str, default="tanh"
    rng : numpy.random.Generator or int, optional
        For the initial weights.

    Attributes
    ----------
    encoder, decoder : Sequential
    params, grads : dict of ndarray
        Keyed ``"encoder.<layer>.<name>"`` and ``"decoder.<layer>.<name>"``, the
        structure the optimizers update; assigning ``params`` writes into the layers.

    Examples
    --------
    >>> vae = VAE(64, 2, hidden=(32,), rng=0)
    >>> vae.encoder.summary()
    'Dense(64 -> 32) -> Activation(tanh) -> Dense(32 -> 4): 64 -> 4, 2212 parameters'
    >>> vae.n_params
    4420
    """

    @validate(**_ARCHITECTURE)
    def __init__(self, n_features, n_latent, hidden=(64,), activation="tanh", rng=None):
        gen = np.random.default_rng() if rng is None else rng
        self.n_features, self.n_latent = n_features, n_latent
        self.encoder = Sequential(_mlp((n_features, *hidden, 2 * n_latent), activation, gen),
                                  loss="mse")
        self.decoder = Sequential(_mlp((n_latent, *hidden[::-1], n_features), activation,
                                       gen), loss="mse")
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def __repr__(self):
        return f"VAE({self.n_features} -> {self.n_latent}, {self.n_params} parameters)"

    @property
    def params(self):
        return {**{f"encoder.{k}": v for k, v in self.encoder.params.items()},
                **{f"decoder.{k}": v for k, v in self.decoder.params.items()}}

    @params.setter
    def params(self, value):
        for part in ("encoder", "decoder"):
            getattr(self, part).params = {k.split(".", 1)[1]: v for k, v in value.items()
                                          if k.startswith(part + ".")}

    @property
    def n_params(self):
        """Number of scalar parameters."""
        return self.encoder.n_params + self.decoder.n_params

    @validate(_columns("X", "n_features", "the inputs"), X=matrix)
    def encode(self, X):
        r"""The parameters of :math:`q(z\mid x)`: ``mu`` and ``log_var``, each ``(n_samples, n_latent)``.

        Examples
        --------
        >>> mu, log_var = VAE(3, 2, rng=0).encode(np.zeros((1, 3)))
        >>> mu.tolist(), log_var.tolist()                                   # zero biases
        ([[0.0, 0.0]], [[0.0, 0.0]])
        """
        out = self.encoder._forward(X, False)
        return out[:, :self.n_latent], out[:, self.n_latent:]

    @validate(_columns("Z", "n_latent", "the codes"), Z=matrix)
    def decode(self, Z):
        r"""The pixel probabilities :math:`p(x_j = 1\mid z)`, shape ``(n_samples, n_features)``.

        Examples
        --------
        >>> VAE(3, 2, rng=0).decode(np.zeros((1, 2))).tolist()             # sigmoid(0)
        [[0.5, 0.5, 0.5]]
        """
        return self._decode(Z)

    def _decode(self, Z):
        return 1.0 / (1.0 + np.exp(-self.decoder._forward(Z, False)))

    @validate(_columns("X", "n_features", "the inputs"), X=matrix)
    def reconstruct(self, X):
        r"""The decoded mean code, :math:`\operatorname{decode}(\mu(x))`, no noise.

        Examples
        --------
        >>> VAE(3, 2, rng=0).reconstruct(np.zeros((2, 3))).shape
        (2, 3)
        """
        return self._decode(self.encoder._forward(X, False)[:, :self.n_latent])

    @validate(n_samples=size(), rng=optional(rng))
    def sample(self, n_samples, rng=None):
        r"""Decoded draws from the prior: :math:`z \sim \mathcal N(0, I)`, then the pixel probabilities.

        Examples
        --------
        >>> VAE(3, 2, rng=0).sample(4, rng=1).shape
        (4, 3)
        """
        gen = np.random.default_rng() if rng is None else rng
        return self._decode(gen.standard_normal((n_samples, self.n_latent)))

    def _terms(self, X, eps, training):
        """Forward pass: (mu, log_var, logits) and the per-sample log p(x|z) and KL."""
        out = self.encoder._forward(X, training)
        mu, log_var = out[:, :self.n_latent], out[:, self.n_latent:]
        z = mu + np.exp(0.5 * log_var) * eps  # the reparameterization trick
        logits = self.decoder._forward(z, training)
        return mu, log_var, logits, _log_bernoulli(X, logits), gaussian_kl.__wrapped__(
            mu, log_var)

    def _loss_and_grads(self, X, eps, beta):
        n = len(X)
        mu, log_var, logits, log_px, kl = self._terms(X, eps, True)
        dlogits = (1.0 / (1.0 + np.exp(-logits)) - X) / n  # d(-log p)/dl, mean over n
        dz = self.decoder._backward(dlogits)
        dmu_kl, dlv_kl = gaussian_kl_grad.__wrapped__(mu, log_var)
        dmu = dz + beta * dmu_kl / n  # dz/dmu = 1
        dlog_var = dz * 0.5 * np.exp(0.5 * log_var) * eps + beta * dlv_kl / n
        self.encoder._backward(np.hstack([dmu, dlog_var]))
        self.grads = {**{f"encoder.{k}": v for k, v in self.encoder.grads.items()},
                      **{f"decoder.{k}": v for k, v in self.decoder.grads.items()}}
        loss = float(np.mean(beta * kl - log_px))
        return loss, float(np.mean(log_px)), float(np.mean(kl))

    @validate(_columns("X", "n_features", "the inputs"), _unit_interval, _noise_fits,
              X=matrix, eps=matrix, beta=nonnegative)
    def elbo(self, X, eps, beta=1.0):
        r"""The mean ELBO of ``X`` for the noise ``eps``, with its two terms.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features), values in [0, 1]
        eps : ndarray of shape (n_samples, n_latent)
            The noise :math:`\varepsilon` of the one-draw estimate.
        beta : float, default=1.0
            Weight of the KL term (1: the ELBO itself).

        Returns
        -------
        elbo, reconstruction, kl : float
            Means per sample of :math:`\log p(x\mid z) - \beta\,\mathrm{KL}`, of
            :math:`\log p(x\mid z)` and of the KL term.

        Examples
        --------
        >>> vae = VAE(2, 1, hidden=(), rng=0)
        >>> vae.params = {k: np.zeros_like(v) for k, v in vae.params.items()}
        >>> elbo, rec, kl = vae.elbo(np.array([[0.0, 1.0]]), np.array([[0.3]]))
        >>> round(elbo, 6), round(rec, 6), kl                    # 2 pixels at p = 1/2
        (-1.386294, -1.386294, 0.0)
        """
        _, _, _, log_px, kl = self._terms(X, eps, False)
        return float(np.mean(log_px - beta * kl)), float(np.mean(log_px)), float(np.mean(kl))

    @validate(_columns("X", "n_features", "the inputs"), _unit_interval, _noise_fits,
              X=matrix, eps=matrix, beta=nonnegative)
    def loss_and_grads(self, X, eps, beta=1.0):
        r"""The loss :math:`L` (the negative ELBO, KL weighted by ``beta``); fills ``grads``.

        Backpropagation through the decoder gives :math:`\partial L/\partial z`;
        through the reparameterization and the closed-form KL term,

        .. math::
            \frac{\partial L}{\partial\mu} = \frac{\partial L}{\partial z} + \frac{\beta}{N}\mu,
            \qquad
            \frac{\partial L}{\partial\log\sigma^2} = \frac{\partial L}{\partial z}\odot
            \tfrac12\sigma\odot\varepsilon + \frac{\beta}{2N}\big(\sigma^2 - 1\big),

        which backpropagation carries through the encoder.

        Returns
        -------
        float
            :math:`L` for this ``eps``.

        Examples
        --------
        >>> vae = VAE(3, 2, hidden=(4,), rng=0)
        >>> X, eps = np.full((5, 3), 0.5), np.zeros((5, 2))
        >>> loss = vae.loss_and_grads(X, eps)
        >>> bool(np.isclose(loss, -vae.elbo(X, eps)[0])), sorted(vae.grads)[:2]
        (True, ['decoder.0.W', 'decoder.0.b'])
        """
        return self._loss_and_grads(X, eps, beta)[0]

    @validate(_columns("X", "n_features", "the inputs"), _validation_columns, _unit_interval,
              X=matrix, optimizer=_optimizer, n_epochs=integer(minimum=1),
              batch_size=integer(minimum=1), beta=nonnegative, rng=optional(rng),
              X_val=optional(matrix))
    def fit(self, X, optimizer, n_epochs=10, batch_size=32, beta=1.0, rng=None, X_val=None):
        """Train by mini-batch steps of ``optimizer`` on the negative ELBO; a :class:`VAEHistory`.

        Each epoch shuffles ``X`` with ``rng`` and draws a fresh :math:`\\varepsilon`
        for every mini-batch from it (and for ``X_val`` after the epoch).

        Examples
        --------
        >>> from mlcheatsheet.optimization.optimizers import Adam
        >>> X = (np.random.default_rng(0).random((40, 4)) < [0.9, 0.9, 0.1, 0.1]) * 1.0
        >>> vae = VAE(4, 1, hidden=(8,), rng=0)
        >>> history = vae.fit(X, Adam(lr=0.01), n_epochs=50, batch_size=20, rng=0)
        >>> history.elbo[-1] > history.elbo[0]
        True
        """
        gen = np.random.default_rng() if rng is None else rng
        step = _unchecked(optimizer.step)
        history = VAEHistory()
        for _ in range(n_epochs):
            order, totals = gen.permutation(len(X)), np.zeros(3)
            for i in range(0, len(X), batch_size):
                batch = X[order[i:i + batch_size]]
                eps = gen.standard_normal((len(batch), self.n_latent))
                totals += len(batch) * np.array(self._loss_and_grads(batch, eps, beta))
                self.params = step(self.params, self.grads)
            loss, rec, kl = (float(t) for t in totals / len(X))
            history.elbo.append(rec - kl)
            history.reconstruction.append(rec)
            history.kl.append(kl)
            if X_val is not None:
                eps = gen.standard_normal((len(X_val), self.n_latent))
                _, _, _, log_px, kl_val = self._terms(X_val, eps, False)
                history.val_elbo.append(float(np.mean(log_px - kl_val)))
        return history
