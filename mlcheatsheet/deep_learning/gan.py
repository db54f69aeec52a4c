r"""Generative adversarial networks (GANs) on a ring of Gaussians, in NumPy.

A generator :math:`G` maps noise :math:`z \sim \mathcal N(0, I)` to samples; a
discriminator :math:`D` outputs the logit :math:`l` of the probability
:math:`D(x) = \operatorname{sigmoid}(l)` that :math:`x` is real. Both are
multilayer perceptrons of the layers of :mod:`mlcheatsheet.neural_networks.network`,
trained in turns (Goodfellow et al., 2014) on the value

.. math::
    V(D, G) = \mathbb E_{x\sim p_{\text{data}}}\big[\log D(x)\big]
    + \mathbb E_{z}\big[\log\big(1 - D(G(z))\big)\big],

which :math:`D` maximizes and :math:`G` minimizes (the *minimax* loss), or, for
the generator, the *non-saturating* loss :math:`-\mathbb E_z[\log D(G(z))]`,
whose gradient does not vanish where :math:`D` rejects the generated samples.
Every loss is computed from the logits, :math:`\log D = -\operatorname{softplus}(-l)`
and :math:`\log(1 - D) = -\operatorname{softplus}(l)`, so it never takes the log of 0.

*Packing* (PacGAN, Lin et al., 2018) shows the discriminator ``pack`` samples at a
time, all real or all generated, concatenated into one input: a generator that
puts its samples on a few modes gives packs that look unlike real ones, so the
discriminator can punish a lack of variety, which it cannot see one sample at a time.
The data are a ring of Gaussians (:func:`ring_of_gaussians`); :func:`mode_coverage`
measures how many of its modes a generator reaches.
"""

from dataclasses import dataclass, field

import numpy as np

from .._validation import (
    array,
    integer,
    interval,
    matrix,
    optional,
    options,
    positive,
    rng,
    size,
    validate,
)
from ..neural_networks.network import Sequential
from ..optimization.optimizers import _optimizer, _unchecked
from .autoencoder import _activation, _mlp, _widths

__all__ = ["ring_centres", "ring_of_gaussians", "discriminator_loss",
           "discriminator_loss_grad", "generator_loss", "generator_loss_grad",
           "optimal_discriminator", "mode_coverage", "Coverage", "GAN", "GANHistory"]

#: The two generator losses: the minimax one of the value V, and the non-saturating one.
GENERATOR_LOSSES = ("minimax", "non_saturating")
_kind = options(*GENERATOR_LOSSES)


# --------------------------------------------------------------------------
# Specs and relations
# --------------------------------------------------------------------------


def _two_columns(arg):
    """Relation: ``arg`` holds points of the plane, one per row."""
    def relation(args):
        if args[arg].shape[1] != 2:
            raise ValueError(f"{arg} must have 2 columns (points of the plane); got shape "
                             f"{args[arg].shape}")
    return relation


def _same_shape(a, b):
    def relation(args):
        if args[a].shape != args[b].shape:
            raise ValueError(f"{b} must have the shape of {a} {args[a].shape}; got "
                             f"{args[b].shape}")
    return relation


def _densities(args):
    """Relation: two arrays of densities of one shape, not both 0 anywhere."""
    p, q = args["p_data"], args["p_model"]
    for name, v in (("p_data", p), ("p_model", q)):
        if np.any(v < 0):
            raise ValueError(f"{name} must hold densities (>= 0); got {v.min():g}")
    if p.shape != q.shape:
        raise ValueError(f"p_model must have the shape of p_data {p.shape}; got {q.shape}")
    if np.any(p + q == 0):
        raise ValueError("p_data and p_model must not both be 0 at a point (D* is 0/0 there)")


def _columns(arg, attribute):
    """Relation: ``arg`` has ``self.<attribute>`` columns."""
    def relation(args):
        want, X = getattr(args["self"], attribute), args[arg]
        if X.shape[1] != want:
            raise ValueError(f"{arg} must have {want} columns ({attribute}); got shape "
                             f"{X.shape}")
    return relation


def _whole_packs(arg):
    """Relation: the rows of ``arg`` make whole packs of ``self.pack`` samples."""
    def relation(args):
        pack, n = args["self"].pack, len(args[arg])
        if n % pack:
            raise ValueError(f"{arg} must have a multiple of pack = {pack} rows (whole packs); "
                             f"got {n}")
    return relation


def _same_rows(args):
    if len(args["X"]) != len(args["Z"]):
        raise ValueError(f"Z must have as many rows as X ({len(args['X'])}); got "
                         f"{len(args['Z'])}")


# --------------------------------------------------------------------------
# The data: a ring of Gaussians
# --------------------------------------------------------------------------


@validate(n_modes=size(), radius=positive)
def ring_centres(n_modes=8, radius=2.0):
    r"""The centres :math:`r(\cos 2\pi k/K, \sin 2\pi k/K)`, :math:`k = 0, \dots, K-1`.

    Parameters
    ----------
    n_modes : int, default=8
        :math:`K`.
    radius : float, default=2.0
        :math:`r`.

    Returns
    -------
    ndarray of shape (n_modes, 2)

    Examples
    --------
    >>> ring_centres(4, 1.0).round(12).tolist()
    [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [-0.0, -1.0]]
    """
    angles = 2 * np.pi * np.arange(n_modes) / n_modes
    return radius * np.column_stack([np.cos(angles), np.sin(angles)])


@validate(n_samples=size(), n_modes=size(), radius=positive, std=positive,
          rng=optional(rng))
def ring_of_gaussians(n_samples, n_modes=8, radius=2.0, std=0.05, rng=None):
    r"""Draws from an equal mixture of :math:`K` Gaussians :math:`\mathcal N(c_k, \sigma^2 I)`.

    Parameters
    ----------
    n_samples : int
    n_modes : int, default=8
        :math:`K`; the centres are :func:`ring_centres`.
    radius : float, default=2.0
    std : float, default=0.05
        :math:`\sigma`, the standard deviation of every coordinate.
    rng : numpy.random.Generator or int, optional

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    modes : ndarray of int of shape (n_samples,)
        The mixture component of each draw.

    Examples
    --------
    >>> X, modes = ring_of_gaussians(1000, n_modes=4, std=0.01, rng=0)
    >>> X.shape, sorted(set(modes.tolist()))
    ((1000, 2), [0, 1, 2, 3])
    >>> bool(np.allclose(np.linalg.norm(X, axis=1), 2.0, atol=0.06))
    True
    """
    gen = np.random.default_rng() if rng is None else rng
    modes = gen.integers(n_modes, size=n_samples)
    centres = ring_centres.__wrapped__(n_modes, radius)
    return centres[modes] + std * gen.standard_normal((n_samples, 2)), modes


# --------------------------------------------------------------------------
# The losses, from the discriminator's logits
# --------------------------------------------------------------------------


def _softplus(x):
    return np.logaddexp(0.0, x)


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # no overflow for large |x|


@validate(logits_real=array(), logits_fake=array())
def discriminator_loss(logits_real, logits_fake):
    r"""The discriminator's loss: minus the value :math:`V(D, G)` estimated on a batch.

    .. math::
        L_D = -\frac1n\sum_i\log D(x_i) - \frac1m\sum_j\log\big(1 - D(\tilde x_j)\big)

    With :math:`D = \operatorname{sigmoid}(l)`: :math:`-\log D = \operatorname{softplus}(-l)`
    and :math:`-\log(1 - D) = \operatorname{softplus}(l)`: minimizing it maximizes the value.

    Parameters
    ----------
    logits_real : ndarray
        :math:`D`'s logits on real samples (any shape; the mean is taken).
    logits_fake : ndarray
        Its logits on generated samples :math:`\tilde x = G(z)`.

    Returns
    -------
    float

    Examples
    --------
    >>> round(discriminator_loss(np.zeros(3), np.zeros(2)), 6)     # D = 1/2: 2 log 2
    1.386294
    """
    return float(np.mean(_softplus(-logits_real)) + np.mean(_softplus(logits_fake)))


@validate(logits_real=array(), logits_fake=array())
def discriminator_loss_grad(logits_real, logits_fake):
    r"""Gradients of :func:`discriminator_loss` with respect to both arrays of logits.

    .. math::
        \frac{\partial L_D}{\partial l_i} = \frac{D(x_i) - 1}{n}, \qquad
        \frac{\partial L_D}{\partial \tilde l_j} = \frac{D(\tilde x_j)}{m}

    Returns
    -------
    d_real, d_fake : ndarray of the shapes of ``logits_real`` and ``logits_fake``

    Examples
    --------
    >>> d_real, d_fake = discriminator_loss_grad(np.zeros(2), np.zeros(1))
    >>> d_real.tolist(), d_fake.tolist()
    ([-0.25, -0.25], [0.5])
    """
    return ((_sigmoid(logits_real) - 1.0) / logits_real.size,
            _sigmoid(logits_fake) / logits_fake.size)


@validate(logits_fake=array(), kind=_kind)
def generator_loss(logits_fake, kind="non_saturating"):
    r"""The generator's loss from :math:`D`'s logits on generated samples.

    .. math::
        L_G^{\text{minimax}} = \frac1m\sum_j \log\big(1 - D(\tilde x_j)\big)
        = -\frac1m\sum_j \operatorname{softplus}(\tilde l_j), \qquad
        L_G^{\text{non-saturating}} = -\frac1m\sum_j \log D(\tilde x_j)
        = \frac1m\sum_j \operatorname{softplus}(-\tilde l_j)

    Parameters
    ----------
    logits_fake : ndarray
    kind : {"non_saturating", "minimax"}, default="non_saturating"

    Returns
    -------
    float
        The loss the generator minimizes.

    Examples
    --------
    >>> round(generator_loss(np.zeros(4)), 6), round(generator_loss(np.zeros(4), "minimax"), 6)
    (0.693147, -0.693147)
    """
    if kind == "minimax":
        return float(-np.mean(_softplus(logits_fake)))
    return float(np.mean(_softplus(-logits_fake)))


@validate(logits_fake=array(), kind=_kind)
def generator_loss_grad(logits_fake, kind="non_saturating"):
    r"""Gradient of :func:`generator_loss` with respect to the logits.

    .. math::
        \frac{\partial L_G^{\text{minimax}}}{\partial \tilde l_j} = -\frac{D(\tilde x_j)}{m},
        \qquad
        \frac{\partial L_G^{\text{non-saturating}}}{\partial \tilde l_j}
        = -\frac{1 - D(\tilde x_j)}{m}

    Where :math:`D` confidently rejects a sample, :math:`D(\tilde x) \to 0`: the
    minimax gradient vanishes with it, the non-saturating one tends to :math:`-1/m`.

    Examples
    --------
    >>> l = np.array([-10.0])                    # D(G(z)) = sigmoid(-10), about 4.5e-5
    >>> round(float(generator_loss_grad(l, "minimax")[0]), 8), round(float(generator_loss_grad(l)[0]), 8)
    (-4.54e-05, -0.9999546)
    """
    if kind == "minimax":
        return -_sigmoid(logits_fake) / logits_fake.size
    return -_sigmoid(-logits_fake) / logits_fake.size


@validate(p_data=array(), p_model=array(), _=_densities)
def optimal_discriminator(p_data, p_model):
    r"""The best discriminator for a fixed generator, :math:`D^* = p_{\text{data}}/(p_{\text{data}} + p_g)`.

    For each :math:`x` it maximizes :math:`p_{\text{data}}\log D + p_g\log(1 - D)`,
    whose derivative :math:`p_{\text{data}}/D - p_g/(1 - D)` vanishes there.

    Parameters
    ----------
    p_data, p_model : ndarray of one shape
        The two densities at the same points (not both 0 at a point).

    Examples
    --------
    >>> optimal_discriminator(np.array([1.0, 1.0, 0.0]), np.array([1.0, 3.0, 2.0])).tolist()
    [0.5, 0.25, 0.0]
    """
    return p_data / (p_data + p_model)


# --------------------------------------------------------------------------
# Measuring mode collapse
# --------------------------------------------------------------------------


#: The arguments of :func:`mode_coverage`.
_COVERAGE = dict(X=matrix, centres=matrix, std=positive, n_std=positive,
                 min_share=interval(0, 1, closed="right"), _x=_two_columns("X"),
                 _c=_two_columns("centres"))


@dataclass
class Coverage:
    """What :func:`mode_coverage` measures.

    Attributes
    ----------
    n_covered : int
        Modes with at least the required number of high-quality samples.
    high_quality : float
        The share of samples within ``n_std`` standard deviations of their nearest centre.
    counts : ndarray of int
        High-quality samples per mode.
    """

    n_covered: int
    high_quality: float
    counts: np.ndarray = field(repr=False)


@validate(**_COVERAGE)
def mode_coverage(X, centres, std, n_std=3.0, min_share=0.25):
    r"""How many modes of a mixture the samples ``X`` reach, and how many samples are good.

    A sample is *high quality* if it lies within ``n_std`` :math:`\sigma` of its
    nearest centre; a mode is *covered* if at least ``min_share`` of an equal
    share of the samples, :math:`\text{min\_share}\cdot n / K`, are high quality
    and nearest to it.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    centres : ndarray of shape (n_modes, 2)
    std : float
        :math:`\sigma` of the modes.
    n_std : float, default=3.0
    min_share : float in (0, 1], default=0.25

    Returns
    -------
    Coverage

    Examples
    --------
    >>> centres = np.array([[0.0, 0.0], [10.0, 0.0]])
    >>> X = np.array([[0.1, 0.0], [0.0, 0.2], [10.0, 5.0], [0.0, 0.0]])
    >>> c = mode_coverage(X, centres, std=0.1)       # one at 3 sigma is still close
    >>> c.n_covered, c.high_quality, c.counts.tolist()
    (1, 0.75, [3, 0])
    """
    distances = np.linalg.norm(X[:, None, :] - centres[None, :, :], axis=2)
    nearest = distances.argmin(axis=1)
    good = distances[np.arange(len(X)), nearest] <= n_std * std
    counts = np.bincount(nearest[good], minlength=len(centres))
    need = min_share * len(X) / len(centres)
    return Coverage(int(np.sum(counts >= need)), float(np.mean(good)), counts)


# --------------------------------------------------------------------------
# The GAN
# --------------------------------------------------------------------------


@dataclass
class GANHistory:
    """What :meth:`GAN.fit` records at every step.

    Attributes
    ----------
    d_loss : list of float
        :func:`discriminator_loss` on the step's batch, before the update.
    g_loss : list of float
        The generator's loss on its batch, before its update.
    """

    d_loss: list = field(default_factory=list)
    g_loss: list = field(default_factory=list)


class GAN:
    r"""A generator and a discriminator, two multilayer perceptrons, trained in turns.

    The generator has the widths ``(n_latent, *hidden, n_features)``, the
    discriminator ``(pack * n_features, *hidden, 1)``: with ``pack > 1`` it
    reads ``pack`` samples at once, concatenated (PacGAN), and ``pack = 1`` is
    the plain GAN. A batch of :math:`N` samples of shape ``(N, n_features)``
    becomes :math:`N/\text{pack}` inputs of shape ``(N / pack, pack * n_features)``.

    Parameters
    ----------
    n_features : int, default=2
    n_latent : int, default=2
        Width of the noise :math:`z \sim \mathcal N(0, I)`.
    hidden : tuple of int, default=(64, 64)
        Hidden widths of both networks.
    activation : str, default="relu"
    pack : int, default=1
    rng : numpy.random.Generator or int, optional
        For the initial weights.

    Attributes
    ----------
    generator, discriminator : Sequential

    Examples
    --------
    >>> gan = GAN(hidden=(8,), pack=2, rng=0)
    >>> gan.generator.summary()
    'Dense(2 -> 8) -> Activation(relu) -> Dense(8 -> 2): 2 -> 2, 42 parameters'
    >>> gan.discriminator.summary()
    'Dense(4 -> 8) -> Activation(relu) -> Dense(8 -> 1): 4 -> 1, 49 parameters'
    """

    @validate(n_features=size(), n_latent=size(), hidden=_widths, activation=_activation,
              pack=size(), rng=optional(rng))
    def __init__(self, n_features=2, n_latent=2, hidden=(64, 64), activation="relu", pack=1,
                 rng=None):
        gen = np.random.default_rng() if rng is None else rng
        self.n_features, self.n_latent, self.pack = n_features, n_latent, pack
        self.generator = Sequential(_mlp((n_latent, *hidden, n_features), activation, gen),
                                    loss="mse")
        self.discriminator = Sequential(
            _mlp((pack * n_features, *hidden, 1), activation, gen), loss="mse")

    def __repr__(self):
        return (f"GAN(generator {self.generator.n_params} and discriminator "
                f"{self.discriminator.n_params} parameters, pack={self.pack})")

    @validate(_columns("Z", "n_latent"), Z=matrix)
    def generate(self, Z):
        """The generator's samples :math:`G(z)` for the noise ``Z``, shape ``(n, n_features)``.

        Examples
        --------
        >>> GAN(hidden=(4,), rng=0).generate(np.zeros((3, 2))).tolist()     # zero biases
        [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]
        """
        return self.generator._forward(Z, False)

    @validate(n_samples=size(), rng=optional(rng))
    def sample(self, n_samples, rng=None):
        r"""``n_samples`` draws :math:`G(z)`, :math:`z \sim \mathcal N(0, I)`.

        Examples
        --------
        >>> GAN(hidden=(4,), rng=0).sample(5, rng=1).shape
        (5, 2)
        """
        gen = np.random.default_rng() if rng is None else rng
        return self.generator._forward(gen.standard_normal((n_samples, self.n_latent)), False)

    def _packed(self, X):
        return X.reshape(len(X) // self.pack, self.pack * self.n_features)

    @validate(_columns("X", "n_features"), _whole_packs("X"), X=matrix)
    def discriminate(self, X):
        r""":math:`D`'s probability that each pack of ``X`` is real, shape ``(n / pack,)``.

        Rows ``pack * i`` to ``pack * i + pack - 1`` make pack ``i``.

        Examples
        --------
        >>> GAN(hidden=(4,), pack=2, rng=0).discriminate(np.zeros((6, 2))).tolist()
        [0.5, 0.5, 0.5]
        """
        return _sigmoid(self.discriminator._forward(self._packed(X), False)[:, 0])

    def _d_loss_and_grads(self, X, Z):
        real, fake = self._packed(X), self._packed(self.generator._forward(Z, False))
        logits = self.discriminator._forward(np.vstack([real, fake]), True)  # one pass
        logits_real, logits_fake = logits[:len(real)], logits[len(real):]
        d_real, d_fake = discriminator_loss_grad.__wrapped__(logits_real, logits_fake)
        self.discriminator._backward(np.vstack([d_real, d_fake]))  # the two sums add up
        return (discriminator_loss.__wrapped__(logits_real, logits_fake),
                self.discriminator.grads)

    def _g_loss_and_grads(self, Z, kind):
        fake = self.generator._forward(Z, True)
        logits = self.discriminator._forward(self._packed(fake), True)
        d_fake = self.discriminator._backward(generator_loss_grad.__wrapped__(logits, kind))
        self.generator._backward(d_fake.reshape(fake.shape))  # through D, unpacked
        return generator_loss.__wrapped__(logits, kind), self.generator.grads

    @validate(_columns("X", "n_features"), _columns("Z", "n_latent"), _whole_packs("X"),
              _same_rows, X=matrix, Z=matrix)
    def discriminator_loss_and_grads(self, X, Z):
        r""":func:`discriminator_loss` on real ``X`` and generated :math:`G(Z)`; its gradients.

        Returns
        -------
        loss : float
        grads : dict of ndarray
            Keyed as ``discriminator.params``; the generator is held fixed.

        Examples
        --------
        >>> gan = GAN(hidden=(4,), rng=0)
        >>> loss, grads = gan.discriminator_loss_and_grads(np.zeros((6, 2)), np.zeros((6, 2)))
        >>> round(loss, 6), sorted(grads)                  # zero biases: D(0) = 1/2
        (1.386294, ['0.W', '0.b', '2.W', '2.b'])
        """
        return self._d_loss_and_grads(X, Z)

    @validate(_columns("Z", "n_latent"), _whole_packs("Z"), Z=matrix, kind=_kind)
    def generator_loss_and_grads(self, Z, kind="non_saturating"):
        r""":func:`generator_loss` of :math:`G(Z)` and its gradients, through :math:`D`.

        .. math::
            \frac{\partial L_G}{\partial \theta_G}
            = \sum_j \frac{\partial L_G}{\partial \tilde l_j}\,
              \frac{\partial \tilde l_j}{\partial \tilde x_j}\,
              \frac{\partial \tilde x_j}{\partial \theta_G}

        The discriminator's layers carry :math:`\partial L_G/\partial\tilde l` back
        to its input, the generated samples; the generator's carry it on to its
        parameters. The discriminator is not updated.

        Returns
        -------
        loss : float
        grads : dict of ndarray
            Keyed as ``generator.params``.

        Examples
        --------
        >>> gan = GAN(hidden=(4,), rng=0)
        >>> loss, grads = gan.generator_loss_and_grads(np.zeros((4, 2)))   # G(0) = 0, D(0) = 1/2
        >>> round(loss, 6), sorted(grads) == sorted(gan.generator.params)
        (0.693147, True)
        """
        return self._g_loss_and_grads(Z, kind)

    @validate(_columns("X", "n_features"), X=matrix, optimizer_g=_optimizer,
              optimizer_d=_optimizer, n_steps=integer(minimum=1),
              batch_size=integer(minimum=1), kind=_kind, rng=optional(rng))
    def fit(self, X, optimizer_g, optimizer_d, n_steps=1000, batch_size=64,
            kind="non_saturating", rng=None):
        r"""Alternate one discriminator step and one generator step, ``n_steps`` times.

        Each step draws ``batch_size`` packs: ``pack * batch_size`` rows of ``X``
        (with replacement) and as many noise vectors, updates :math:`D` on
        :func:`discriminator_loss`, then draws fresh noise and updates :math:`G`
        on the generator loss ``kind``. The optimizers keep their state, so
        calling ``fit`` again continues the training.

        Returns
        -------
        GANHistory

        Examples
        --------
        >>> from mlcheatsheet.optimization.optimizers import Adam
        >>> X, _ = ring_of_gaussians(200, n_modes=1, radius=1.0, rng=0)     # one blob at (1, 0)
        >>> gan = GAN(hidden=(16,), rng=0)
        >>> history = gan.fit(X, Adam(1e-2), Adam(1e-2), n_steps=300, rng=0)
        >>> centre = gan.sample(500, rng=1).mean(axis=0)
        >>> len(history.d_loss), bool(np.linalg.norm(centre - X.mean(axis=0)) < 0.2)
        (300, True)
        """
        gen = np.random.default_rng() if rng is None else rng
        step_g, step_d = _unchecked(optimizer_g.step), _unchecked(optimizer_d.step)
        n, history = self.pack * batch_size, GANHistory()
        for _ in range(n_steps):
            real = X[gen.integers(len(X), size=n)]
            d_loss, grads = self._d_loss_and_grads(real, gen.standard_normal((n, self.n_latent)))
            self.discriminator.params = step_d(self.discriminator.params, grads)
            g_loss, grads = self._g_loss_and_grads(gen.standard_normal((n, self.n_latent)), kind)
            self.generator.params = step_g(self.generator.params, grads)
            history.d_loss.append(d_loss)
            history.g_loss.append(g_loss)
        return history
