r"""First-order optimizers behind one small interface, gradient clipping and mini-batches.

Every optimizer is an object with one method that matters::

    params = optimizer.step(params, grads)

``params`` is one array, a list or tuple of arrays, or a dict of arrays (the
weights and biases of a network, say); ``grads`` has the same structure and
shapes. ``step`` returns **new** arrays in the same structure and never modifies
its inputs. What an optimizer remembers between steps (a velocity, running
averages of the gradient and its square) is kept per parameter in
``optimizer.state``, created on the first step; ``optimizer.t`` counts the steps
taken and ``optimizer.reset()`` forgets everything.

The learning rate ``lr`` is a number, or a *schedule*: any callable that takes
the number of steps already taken (0, 1, 2, ...) and returns the learning rate
for the next one (see :mod:`mlcheatsheet.optimization.schedules`).

Hyperparameters default to the values proposed by each method's authors; where
a paper gives none (the learning rate of plain SGD, for instance) the default is
the customary one and the class docstring says so.

``OPTIMIZERS`` maps a name to each optimizer class.
"""

import numbers

import numpy as np

from .._validation import (
    as_float_array,
    check_consistent_length,
    check_interval,
    check_positive,
    check_positive_int,
    check_rng,
)
from ..basics.gradient_descent import DivergenceError, GradientDescentResult

__all__ = [
    "OPTIMIZERS",
    "Optimizer",
    "SGD",
    "Momentum",
    "Nesterov",
    "Adagrad",
    "RMSProp",
    "Adadelta",
    "Adam",
    "AdamW",
    "clip_by_value",
    "clip_by_norm",
    "minibatches",
    "train_minibatch",
    "minimize",
]


# --------------------------------------------------------------------------
# Parameter structures: one array, a list/tuple of arrays, or a dict of arrays
# --------------------------------------------------------------------------


def _flatten(tree, name):
    """Return (keys, arrays, rebuild) for an array, a sequence or a dict of arrays."""
    if isinstance(tree, dict):
        keys = list(tree)
        labels = [f"{name}[{k!r}]" for k in keys]
        values = [tree[k] for k in keys]

        def rebuild(new):
            return dict(zip(keys, new))
    elif isinstance(tree, (list, tuple)):
        keys = list(range(len(tree)))
        labels = [f"{name}[{k}]" for k in keys]
        values = list(tree)
        kind = type(tree)

        def rebuild(new):
            if hasattr(kind, "_fields"):  # a namedtuple
                return kind(*new)
            return kind(new)
    else:
        keys, labels, values = [None], [name], [tree]

        def rebuild(new):
            return new[0]
    if not keys:
        raise ValueError(f"{name} must hold at least one array; got an empty {type(tree).__name__}")
    arrays = [as_float_array(v, label) for v, label in zip(values, labels)]
    return keys, labels, arrays, rebuild


def _paired(params, grads):
    """Flatten params and grads together, checking that their structures match."""
    keys, labels, ws, rebuild = _flatten(params, "params")
    gkeys, glabels, gs, _ = _flatten(grads, "grads")
    if type(params) is not type(grads) and not (
        isinstance(params, (list, tuple)) and isinstance(grads, (list, tuple))
    ) and (isinstance(params, (dict, list, tuple)) or isinstance(grads, (dict, list, tuple))):
        raise TypeError(
            f"grads must have the structure of params ({type(params).__name__}); "
            f"got {type(grads).__name__}"
        )
    if isinstance(params, dict) and set(keys) != set(gkeys):
        raise ValueError(f"grads must have the keys of params {sorted(map(str, keys))}; "
                         f"got {sorted(map(str, gkeys))}")
    if len(keys) != len(gkeys):
        raise ValueError(f"grads must hold as many arrays as params ({len(keys)}); got {len(gkeys)}")
    by_key = dict(zip(gkeys, gs))
    gs = [by_key[k] for k in keys]
    for label, glabel, w, g in zip(labels, glabels, ws, gs):
        if g.shape != w.shape:
            glabel = label.replace("params", "grads", 1)
            raise ValueError(f"{glabel} must have the shape of {label} {w.shape}; got {g.shape}")
    return keys, ws, gs, rebuild


# --------------------------------------------------------------------------
# The interface
# --------------------------------------------------------------------------


class Optimizer:
    """Base class: keeps the step count, the per-parameter state and the learning rate.

    A subclass defines :meth:`update` (the rule for one parameter array) and, if
    it remembers anything between steps, :meth:`init_state`.

    Parameters
    ----------
    lr : float or callable
        Learning rate > 0, or a schedule ``lr(t) -> float`` of the number of
        steps already taken.

    Attributes
    ----------
    t : int
        Steps taken so far.
    state : dict
        One dict of arrays per parameter (keyed like ``params``; ``None`` for a
        single array).
    """

    _hyperparameters = ()

    def __init__(self, lr):
        if callable(lr):
            self.lr = lr
        elif isinstance(lr, numbers.Real) and not isinstance(lr, bool):
            self.lr = check_positive(lr, "lr")
        else:
            raise TypeError(
                "lr must be a number > 0 or a schedule (a callable of the step count); "
                f"got {type(lr).__name__} {lr!r}"
            )
        self.reset()

    def __repr__(self):
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in ("lr",) + self._hyperparameters)
        return f"{type(self).__name__}({args})"

    def reset(self):
        """Forget the step count and every parameter's state."""
        self.t = 0
        self.state = {}
        self._layout = None

    def current_lr(self):
        """The learning rate the next step will use: ``lr(t)`` for a schedule, else ``lr``."""
        lr = self.lr(self.t) if callable(self.lr) else self.lr
        if isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not (
            np.isfinite(lr) and lr >= 0
        ):
            raise ValueError(
                f"the learning-rate schedule must return a finite number >= 0; "
                f"{self.lr!r} returned {lr!r} at step {self.t}"
            )
        return float(lr)

    def init_state(self, w):
        """The state of a new parameter ``w`` (nothing, for a memoryless rule)."""
        return {}

    def update(self, w, grad, state, lr, t):
        """Return the new value of one parameter array; may update ``state`` in place."""
        raise NotImplementedError

    def step(self, params, grads):
        """Apply one update to every parameter and return the new parameters.

        Parameters
        ----------
        params : ndarray, list or tuple of ndarray, or dict of ndarray
            Current parameters. Not modified.
        grads : same structure and shapes as ``params``
            Gradient of the loss with respect to each parameter.

        Returns
        -------
        The updated parameters, in the structure of ``params`` (new float arrays).

        Raises
        ------
        ValueError
            If shapes or keys do not match, a value is not finite, or the
            parameters differ from those of the first step (call :meth:`reset`
            to start over with new ones).
        """
        keys, ws, gs, rebuild = _paired(params, grads)
        layout = {k: w.shape for k, w in zip(keys, ws)}
        if self._layout is None:
            self._layout = layout
            self.state = {k: self.init_state(w) for k, w in zip(keys, ws)}
        elif layout != self._layout:
            raise ValueError(
                f"params changed since the first step: {self._layout} then {layout}; "
                "call reset() to start over with new parameters"
            )
        lr = self.current_lr()
        self.t += 1
        return rebuild([self.update(w, g, self.state[k], lr, self.t)
                        for k, w, g in zip(keys, ws, gs)])


# --------------------------------------------------------------------------
# The optimizers
# --------------------------------------------------------------------------


class SGD(Optimizer):
    r"""Stochastic gradient descent: step against the gradient.

    .. math:: w_{t} = w_{t-1} - \eta\, g_t

    With the full data set's gradient this is batch gradient descent; with the
    gradient of one sample or a mini-batch (see :func:`train_minibatch`) it is
    stochastic or mini-batch gradient descent.

    Parameters
    ----------
    lr : float or callable, default=0.01
        Learning rate :math:`\eta`. The method has no canonical value
        (Robbins and Monro, 1951, ask only for a decreasing sequence);
        0.01 is the customary start.

    Examples
    --------
    >>> SGD(lr=0.1).step(np.array([1.0, 2.0]), np.array([10.0, -10.0])).tolist()
    [0.0, 3.0]
    """

    def __init__(self, lr=0.01):
        super().__init__(lr)

    def update(self, w, grad, state, lr, t):
        """:math:`w - \\eta g`."""
        return w - lr * grad


class Momentum(Optimizer):
    r"""Gradient descent with (heavy-ball) momentum.

    .. math::
        v_t = \mu\, v_{t-1} - \eta\, g_t, \qquad w_t = w_{t-1} + v_t

    The velocity :math:`v` accumulates past steps, so directions in which the
    gradient keeps its sign speed up and directions in which it flips cancel.

    Parameters
    ----------
    lr : float or callable, default=0.01
        Learning rate :math:`\eta` (no canonical value; 0.01 is customary).
    momentum : float, default=0.9
        :math:`\mu \in [0, 1)`, the fraction of the velocity kept at each step;
        0.9 is the usual value (Sutskever et al., 2013, go up to 0.99).

    Notes
    -----
    This is the form of Sutskever et al. (2013), with the learning
    rate inside the velocity. PyTorch keeps it outside
    (:math:`v_t = \mu v_{t-1} + g_t`, :math:`w_t = w_{t-1} - \eta v_t`); the two
    agree while :math:`\eta` is constant and differ once a schedule changes it.

    Examples
    --------
    >>> opt = Momentum(lr=0.1, momentum=0.5)
    >>> w = opt.step(np.array([1.0]), np.array([1.0]))    # v = -0.1
    >>> opt.step(w, np.array([1.0])).tolist()             # v = -0.05 - 0.1
    [0.75]
    """

    _hyperparameters = ("momentum",)

    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(lr)
        self.momentum = check_interval(momentum, "momentum", 0, 1)

    def init_state(self, w):
        return {"velocity": np.zeros_like(w)}

    def update(self, w, grad, state, lr, t):
        v = state["velocity"] = self.momentum * state["velocity"] - lr * grad
        return w + v


class Nesterov(Momentum):
    r"""Nesterov's accelerated gradient: momentum that looks ahead before it steps.

    .. math::
        v_t = \mu\, v_{t-1} - \eta\, \nabla J(\theta_{t-1} + \mu v_{t-1}),
        \qquad \theta_t = \theta_{t-1} + v_t

    The gradient is taken where the momentum is about to carry the parameters,
    so the step corrects an overshoot before it happens.

    Parameters
    ----------
    lr : float or callable, default=0.01
        Learning rate :math:`\eta` (no canonical value; 0.01 is customary).
    momentum : float, default=0.9
        :math:`\mu \in [0, 1)`.

    Notes
    -----
    ``step`` receives the gradient at the parameters it is given, so (like
    PyTorch and Keras) this class stores the *look-ahead* point
    :math:`w_t = \theta_t + \mu v_t` as the parameters. Substituting gives an
    update that needs only the gradient :math:`g_t` at :math:`w_{t-1}`:

    .. math::
        v_t = \mu v_{t-1} - \eta g_t, \qquad w_t = w_{t-1} + \mu v_t - \eta g_t

    The iterates differ from :math:`\theta_t` by :math:`\mu v_t`, which vanishes
    at convergence (the test suite checks the two forms against each other).
    Formulation of Sutskever et al. (2013), after
    Nesterov (1983).

    Examples
    --------
    >>> opt = Nesterov(lr=0.1, momentum=0.5)
    >>> opt.step(np.array([1.0]), np.array([1.0])).tolist()   # 1 + 0.5 * (-0.1) - 0.1
    [0.85]
    """

    def update(self, w, grad, state, lr, t):
        v = state["velocity"] = self.momentum * state["velocity"] - lr * grad
        return w + self.momentum * v - lr * grad


class Adagrad(Optimizer):
    r"""Adagrad: a learning rate per parameter, shrinking with the gradients seen so far.

    .. math::
        G_t = G_{t-1} + g_t^2, \qquad w_t = w_{t-1} - \frac{\eta}{\sqrt{G_t} + \epsilon}\, g_t

    (squares, roots and the division are per element). A parameter that has
    received large or frequent gradients gets small steps; a rarely touched one
    keeps large steps, which suits sparse features.

    Parameters
    ----------
    lr : float or callable, default=0.01
        :math:`\eta`; Duchi, Hazan and Singer (2011) give no value, 0.01 is
        customary.
    eps : float, default=1e-10
        :math:`\epsilon > 0` (:math:`\delta` in the paper), keeps the first steps finite.

    Examples
    --------
    The first step has length :math:`\eta` whatever the gradient's size:

    >>> opt = Adagrad(lr=0.1)
    >>> opt.step(np.array([1.0, 1.0]), np.array([100.0, 0.01])).round(6).tolist()
    [0.9, 0.9]
    """

    _hyperparameters = ("eps",)

    def __init__(self, lr=0.01, eps=1e-10):
        super().__init__(lr)
        self.eps = check_positive(eps, "eps")

    def init_state(self, w):
        return {"sum_sq": np.zeros_like(w)}

    def update(self, w, grad, state, lr, t):
        G = state["sum_sq"] = state["sum_sq"] + grad**2
        return w - lr * grad / (np.sqrt(G) + self.eps)


class RMSProp(Optimizer):
    r"""RMSProp: divide by a running root-mean-square of recent gradients.

    .. math::
        v_t = \rho\, v_{t-1} + (1 - \rho)\, g_t^2, \qquad
        w_t = w_{t-1} - \frac{\eta}{\sqrt{v_t} + \epsilon}\, g_t

    Adagrad's sum of squares only grows, so its steps die out; an exponentially
    decaying average forgets old gradients and keeps the steps alive.

    Parameters
    ----------
    lr : float or callable, default=0.001
        :math:`\eta`. The method comes from a lecture, Hinton's 2012 Coursera
        lecture 6e, which gives no learning rate; 0.001 is customary.
    rho : float, default=0.9
        :math:`\rho \in [0, 1)`, the decay of the average (0.9 in the lecture).
    eps : float, default=1e-8
        :math:`\epsilon > 0`.

    Examples
    --------
    >>> opt = RMSProp(lr=0.01)
    >>> round(float(opt.step(np.array([1.0]), np.array([2.0]))[0]), 6)  # 1 - 0.01 * 2 / sqrt(0.4)
    0.968377
    """

    _hyperparameters = ("rho", "eps")

    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        super().__init__(lr)
        self.rho = check_interval(rho, "rho", 0, 1)
        self.eps = check_positive(eps, "eps")

    def init_state(self, w):
        return {"mean_sq": np.zeros_like(w)}

    def update(self, w, grad, state, lr, t):
        v = state["mean_sq"] = self.rho * state["mean_sq"] + (1 - self.rho) * grad**2
        return w - lr * grad / (np.sqrt(v) + self.eps)


class Adadelta(Optimizer):
    r"""Adadelta: RMSProp with the units fixed, and no learning rate to tune.

    .. math::
        \begin{aligned}
        E[g^2]_t &= \rho\, E[g^2]_{t-1} + (1 - \rho)\, g_t^2 \\
        \Delta_t &= -\frac{\sqrt{E[\Delta^2]_{t-1} + \epsilon}}{\sqrt{E[g^2]_t + \epsilon}}\, g_t \\
        E[\Delta^2]_t &= \rho\, E[\Delta^2]_{t-1} + (1 - \rho)\, \Delta_t^2 \\
        w_t &= w_{t-1} + \eta\, \Delta_t
        \end{aligned}

    The numerator, a running RMS of past *updates*, gives the step the units of
    the parameter; Zeiler (2012) has no :math:`\eta` at all,
    which is the default :math:`\eta = 1` here.

    Parameters
    ----------
    lr : float or callable, default=1.0
        :math:`\eta`, a multiplier of the update (1 is the paper's method).
    rho : float, default=0.95
        :math:`\rho \in [0, 1)` (the paper's value).
    eps : float, default=1e-6
        :math:`\epsilon > 0` (the paper's value). It also sets the size of the
        first steps, :math:`\sqrt{\epsilon}` divided by the gradient's RMS.

    Examples
    --------
    >>> opt = Adadelta()
    >>> w = opt.step(np.array([1.0]), np.array([2.0]))
    >>> round(float(1.0 - w[0]), 7)   # sqrt(1e-6) / sqrt(0.05 * 4 + 1e-6) * 2
    0.0044721
    """

    _hyperparameters = ("rho", "eps")

    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        super().__init__(lr)
        self.rho = check_interval(rho, "rho", 0, 1)
        self.eps = check_positive(eps, "eps")

    def init_state(self, w):
        return {"mean_sq_grad": np.zeros_like(w), "mean_sq_delta": np.zeros_like(w)}

    def update(self, w, grad, state, lr, t):
        rho, eps = self.rho, self.eps
        Eg2 = state["mean_sq_grad"] = rho * state["mean_sq_grad"] + (1 - rho) * grad**2
        delta = -np.sqrt(state["mean_sq_delta"] + eps) / np.sqrt(Eg2 + eps) * grad
        state["mean_sq_delta"] = rho * state["mean_sq_delta"] + (1 - rho) * delta**2
        return w + lr * delta


class Adam(Optimizer):
    r"""Adam: momentum on the gradient, RMSProp on its square, both bias-corrected.

    .. math::
        \begin{aligned}
        m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, &
        \hat m_t &= m_t / (1 - \beta_1^t) \\
        v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, &
        \hat v_t &= v_t / (1 - \beta_2^t) \\
        w_t &= w_{t-1} - \eta\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)
        \end{aligned}

    :math:`m` and :math:`v` start at zero, so early on they underestimate the
    averages; dividing by :math:`1 - \beta^t` removes that bias. The step is
    roughly :math:`\eta` times the sign of a consistent gradient, whatever its scale.

    Parameters
    ----------
    lr : float or callable, default=0.001
        :math:`\eta` (the paper's value).
    beta1 : float, default=0.9
        :math:`\beta_1 \in [0, 1)`, decay of the gradient average (paper's value).
    beta2 : float, default=0.999
        :math:`\beta_2 \in [0, 1)`, decay of the squared-gradient average (paper's value).
    eps : float, default=1e-8
        :math:`\epsilon > 0` (the paper's value).

    Notes
    -----
    Algorithm 1 of Kingma and Ba (2015).

    Examples
    --------
    After bias correction the first step is :math:`\eta\, g / |g|`:

    >>> Adam(lr=0.1).step(np.array([1.0, 1.0]), np.array([5.0, -0.2])).round(6).tolist()
    [0.9, 1.1]
    """

    _hyperparameters = ("beta1", "beta2", "eps")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1 = check_interval(beta1, "beta1", 0, 1)
        self.beta2 = check_interval(beta2, "beta2", 0, 1)
        self.eps = check_positive(eps, "eps")

    def init_state(self, w):
        return {"m": np.zeros_like(w), "v": np.zeros_like(w)}

    def update(self, w, grad, state, lr, t):
        m = state["m"] = self.beta1 * state["m"] + (1 - self.beta1) * grad
        v = state["v"] = self.beta2 * state["v"] + (1 - self.beta2) * grad**2
        m_hat = m / (1 - self.beta1**t)
        v_hat = v / (1 - self.beta2**t)
        return w - lr * m_hat / (np.sqrt(v_hat) + self.eps)


class AdamW(Adam):
    r"""AdamW: Adam with *decoupled* weight decay.

    .. math:: w_t = w_{t-1} - \eta \left( \hat m_t / (\sqrt{\hat v_t} + \epsilon)
              + \lambda\, w_{t-1} \right)

    Adding an L2 penalty :math:`\tfrac\lambda2\lVert w\rVert^2` to the loss puts
    :math:`\lambda w` into the gradient, where Adam's division by
    :math:`\sqrt{\hat v}` weakens it for exactly the weights with large
    gradients. AdamW shrinks every weight by the same fraction instead.

    Parameters
    ----------
    lr, beta1, beta2, eps
        As for :class:`Adam`.
    weight_decay : float, default=0.01
        :math:`\lambda \ge 0`.

    Notes
    -----
    Loshchilov and Hutter (2019) multiply :math:`\lambda w` by the
    schedule's multiplier :math:`\eta_t / \eta_0` only; this class (like PyTorch)
    multiplies it by the learning rate :math:`\eta_t` itself, so the paper's
    :math:`\lambda` is ``weight_decay * lr0`` here. The paper fixes no value;
    0.01 is PyTorch's default.

    Examples
    --------
    With a zero gradient only the decay acts:

    >>> AdamW(lr=0.1, weight_decay=0.5).step(np.array([2.0]), np.array([0.0])).tolist()
    [1.9]
    """

    _hyperparameters = Adam._hyperparameters + ("weight_decay",)

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = check_interval(weight_decay, "weight_decay", 0, np.inf)

    def update(self, w, grad, state, lr, t):
        return super().update(w, grad, state, lr, t) - lr * self.weight_decay * w


OPTIMIZERS = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": Adagrad,
    "rmsprop": RMSProp,
    "adadelta": Adadelta,
    "adam": Adam,
    "adamw": AdamW,
}


# --------------------------------------------------------------------------
# Gradient clipping
# --------------------------------------------------------------------------


def clip_by_value(grads, limit):
    r"""Clip every gradient entry to :math:`[-c, c]`.

    Parameters
    ----------
    grads : ndarray, list or tuple of ndarray, or dict of ndarray
    limit : float
        :math:`c > 0`.

    Returns
    -------
    New arrays in the structure of ``grads``.

    Notes
    -----
    Clipping each entry separately changes the gradient's *direction* as soon as
    one entry is clipped; :func:`clip_by_norm` does not.

    Examples
    --------
    >>> clip_by_value(np.array([-5.0, 0.5, 3.0]), 1.0).tolist()
    [-1.0, 0.5, 1.0]
    """
    limit = check_positive(limit, "limit")
    _, _, arrays, rebuild = _flatten(grads, "grads")
    return rebuild([np.clip(g, -limit, limit) for g in arrays])


def clip_by_norm(grads, max_norm):
    r"""Rescale the gradients so that their joint Euclidean norm is at most :math:`c`.

    .. math:: g \leftarrow g \cdot \min\!\left(1, \frac{c}{\lVert g\rVert}\right)

    where :math:`\lVert g\rVert` is the norm of all arrays together, as if
    concatenated into one vector. The direction is kept; only a too-long step is
    shortened. This is the cure for *exploding* gradients.

    Parameters
    ----------
    grads : ndarray, list or tuple of ndarray, or dict of ndarray
    max_norm : float
        :math:`c > 0`.

    Returns
    -------
    New arrays in the structure of ``grads``.

    Examples
    --------
    >>> clip_by_norm(np.array([3.0, 4.0]), 1.0).tolist()    # norm 5 -> 1
    [0.6, 0.8]
    >>> clip_by_norm({"W": np.array([0.3]), "b": np.array([0.4])}, 1.0)["b"].tolist()
    [0.4]
    """
    max_norm = check_positive(max_norm, "max_norm")
    _, _, arrays, rebuild = _flatten(grads, "grads")
    # scale by the largest entry first, so that squaring cannot overflow
    scale = max(float(np.abs(g).max(initial=0.0)) for g in arrays)
    if scale == 0.0:
        return rebuild(arrays)
    norm = scale * np.sqrt(sum(float(np.sum((g / scale) ** 2)) for g in arrays))
    factor = min(1.0, max_norm / norm)
    return rebuild([g * factor for g in arrays])


# --------------------------------------------------------------------------
# Batch, mini-batch and stochastic gradient descent
# --------------------------------------------------------------------------


def minibatches(n_samples, batch_size, rng=None):
    """Split the sample indices ``0 .. n_samples - 1`` into batches for one epoch.

    Parameters
    ----------
    n_samples : int
    batch_size : int
        Samples per batch. ``n_samples`` (or more) gives one batch: batch
        gradient descent; 1 gives stochastic gradient descent. The last batch is
        smaller when ``batch_size`` does not divide ``n_samples``.
    rng : numpy.random.Generator or int, optional
        If given, the indices are shuffled first (draw a new order every epoch by
        passing the same Generator each time). If omitted, the batches follow
        the order of the data.

    Returns
    -------
    list of ndarray of int
        Every index appears in exactly one batch.

    Examples
    --------
    >>> [b.tolist() for b in minibatches(5, 2)]
    [[0, 1], [2, 3], [4]]
    >>> sorted(np.concatenate(minibatches(5, 2, rng=0)).tolist())
    [0, 1, 2, 3, 4]
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    batch_size = check_positive_int(batch_size, "batch_size")
    order = np.arange(n_samples) if rng is None else check_rng(rng).permutation(n_samples)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]


def train_minibatch(loss, grad, params, X, y, optimizer, batch_size=32, n_epochs=1, rng=None):
    """Train by mini-batch gradient descent: one optimizer step per batch, for several epochs.

    Parameters
    ----------
    loss : callable
        ``loss(params, X, y) -> float``, evaluated on the whole training set
        after every step (for the history).
    grad : callable
        ``grad(params, X_batch, y_batch)``: the gradient of the loss on one batch,
        in the structure of ``params``.
    params : ndarray, list or tuple of ndarray, or dict of ndarray
        Starting parameters. Not modified.
    X : array_like of shape (n_samples, ...)
    y : array_like of shape (n_samples, ...)
    optimizer : Optimizer
        Used as it is (its state is not reset).
    batch_size : int, default=32
        ``len(X)`` for batch gradient descent, 1 for stochastic gradient descent.
    n_epochs : int, default=1
        Passes over the data.
    rng : numpy.random.Generator or int, optional
        Shuffles the data before every epoch (see :func:`minibatches`). An
        integer seeds one Generator for the whole run.

    Returns
    -------
    params
        The trained parameters.
    history : ndarray of shape (n_updates + 1,)
        The loss on the whole training set before training and after every step.

    Raises
    ------
    DivergenceError
        If the loss or the parameters stop being finite; the exception's
        ``result`` holds ``(params, history)`` up to that point.

    Examples
    --------
    Fit the mean of four numbers, the minimizer of the mean squared distance:

    >>> data = np.array([1.0, 2.0, 3.0, 6.0])
    >>> w, history = train_minibatch(
    ...     lambda w, X, y: float(np.mean((X - w) ** 2)),
    ...     lambda w, X, y: -2 * np.mean(X - w, keepdims=True),
    ...     np.zeros(1), data, data, SGD(lr=0.25), batch_size=4, n_epochs=40)
    >>> round(float(w[0]), 6), len(history)
    (3.0, 41)
    """
    if not callable(loss) or not callable(grad):
        raise TypeError("loss and grad must be callables: loss(params, X, y) -> float, "
                        "grad(params, X, y) -> gradients")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be an Optimizer (e.g. SGD(lr=0.01)); "
                        f"got {type(optimizer).__name__}")
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError("X and y must have one row per sample; got a scalar")
    check_consistent_length(X=X, y=y)
    batch_size = check_positive_int(batch_size, "batch_size")
    n_epochs = check_positive_int(n_epochs, "n_epochs", minimum=0)
    rng = None if rng is None else check_rng(rng)

    history = [float(loss(params, X, y))]
    for _ in range(n_epochs):
        for batch in minibatches(len(X), batch_size, rng):
            with np.errstate(over="ignore", invalid="ignore"):
                params = optimizer.step(params, grad(params, X[batch], y[batch]))
                history.append(float(loss(params, X, y)))
            if not (np.isfinite(history[-1]) and _all_finite(params)):
                raise DivergenceError(
                    f"training diverged at update {len(history) - 1}: the loss is "
                    f"{history[-1]}; try a smaller learning rate",
                    (params, np.array(history)),
                )
    return params, np.array(history)


def _all_finite(tree):
    values = tree.values() if isinstance(tree, dict) else (
        tree if isinstance(tree, (list, tuple)) else [tree])
    return all(np.all(np.isfinite(v)) for v in values)


# --------------------------------------------------------------------------
# Running an optimizer on a function
# --------------------------------------------------------------------------


def minimize(fun, grad, x0, optimizer, n_iter=1000, gtol=1e-8):
    r"""Minimize a function with any optimizer, recording the path.

    Parameters
    ----------
    fun : callable
        ``fun(x) -> float``.
    grad : callable
        ``grad(x) -> ndarray`` of the shape of ``x``.
    x0 : array_like
        Starting point. Not modified.
    optimizer : Optimizer
        Reset before the run, so its state starts empty.
    n_iter : int, default=1000
        Maximum number of steps.
    gtol : float, default=1e-8
        Stop once the gradient's Euclidean norm is at most ``gtol``. (Momentum
        and adaptive methods do not lower the cost at every step, so the test is
        on the gradient, not on the change in cost.)

    Returns
    -------
    ~mlcheatsheet.basics.gradient_descent.GradientDescentResult
        The final point, its cost, the number of steps, whether the gradient
        test was met, the whole path and the cost at every point of it.

    Raises
    ------
    ~mlcheatsheet.basics.gradient_descent.DivergenceError
        If the cost or the iterate stops being finite; the partial run is in the
        exception's ``result``.

    Examples
    --------
    >>> res = minimize(lambda x: float(x @ x), lambda x: 2 * x, [3.0, -4.0],
    ...                Adam(lr=0.1), n_iter=2000)
    >>> res.converged, float(np.abs(res.x).max()) < 1e-6
    (True, True)
    """
    if not callable(fun) or not callable(grad):
        raise TypeError("fun and grad must be callables: fun(x) -> float, grad(x) -> array")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be an Optimizer (e.g. Adam()); got {type(optimizer).__name__}")
    x = as_float_array(x0, "x0")
    n_iter = check_positive_int(n_iter, "n_iter", minimum=0)
    gtol = check_interval(gtol, "gtol", 0, np.inf)
    optimizer.reset()

    cost = float(fun(x))
    if not np.isfinite(cost):
        raise ValueError(f"fun(x0) must be finite; got {cost}")
    path, history = [x.copy()], [cost]
    converged = False

    def result():
        return GradientDescentResult(x=path[-1], cost=history[-1], n_iter=len(path) - 1,
                                     converged=converged, path=np.array(path),
                                     history=np.array(history))

    for k in range(n_iter + 1):
        g = np.asarray(grad(x), dtype=float)
        if g.shape != x.shape:
            raise ValueError(f"grad(x) must have the shape of x0 {x.shape}; got {g.shape}")
        with np.errstate(over="ignore", invalid="ignore"):
            if np.all(np.isfinite(g)) and np.linalg.norm(g) <= gtol:
                converged = True
                break
            if k == n_iter:
                break
            x = optimizer.step(x, g) if np.all(np.isfinite(g)) else x + np.inf
            cost = float(fun(x)) if np.all(np.isfinite(x)) else np.inf
        path.append(x.copy())
        history.append(cost)
        if not np.isfinite(cost):
            raise DivergenceError(
                f"{type(optimizer).__name__} diverged: the cost overflowed at step {k + 1} "
                f"with lr={optimizer.lr!r}; try a smaller learning rate", result())
    return result()
