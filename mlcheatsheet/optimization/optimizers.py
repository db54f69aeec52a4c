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

import math
import numbers

import numpy as np

from .._validation import (
    array,
    as_float_array,
    finite_start,
    function,
    instance_of,
    integer,
    interval,
    nonnegative,
    optional,
    positive,
    rng,
    same_length,
    size,
    validate,
)
from ..basics.gradient_descent import DivergenceError, GradientDescentResult
from .schedules import _learning_rate, _rate_at

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


def _leaves(tree):
    """``{key: array}`` of a parameter structure (the key is None for a single array)."""
    if isinstance(tree, dict):
        return dict(tree)
    if isinstance(tree, (list, tuple)):
        return dict(enumerate(tree))
    return {None: tree}


def _rebuild(like, arrays):
    """``arrays``, in the order of ``_leaves(like)``, in the structure of ``like``."""
    if isinstance(like, dict):
        return dict(zip(like, arrays))
    if isinstance(like, tuple) and hasattr(like, "_fields"):  # a namedtuple
        return type(like)(*arrays)
    if isinstance(like, (list, tuple)):
        return type(like)(arrays)
    return arrays[0]


def _label(name, key):
    return name if key is None else f"{name}[{key!r}]"


def _arrays(value, name):
    """Spec: one array, a list or tuple of arrays, or a dict of arrays (new float copies)."""
    leaves = _leaves(value)
    if not leaves:
        raise ValueError(f"{name} must hold at least one array; got an empty "
                         f"{type(value).__name__}")
    return _rebuild(value, [as_float_array(v, _label(name, k)) for k, v in leaves.items()])


_arrays.kind = "array"


def _fitted(optimizer, params, grads, name="grads"):
    """``grads`` in the order of ``params``, raising unless it has their structure, keys
    and shapes, and ``params`` the shapes of the optimizer's first step."""
    containers = (dict, list, tuple)
    if type(params) is not type(grads) and not (
        isinstance(params, (list, tuple)) and isinstance(grads, (list, tuple))
    ) and (isinstance(params, containers) or isinstance(grads, containers)):
        raise TypeError(f"{name} must have the structure of params ({type(params).__name__}); "
                        f"got {type(grads).__name__}")
    ws, gs = _leaves(params), _leaves(grads)
    if isinstance(params, dict) and set(ws) != set(gs):
        raise ValueError(f"{name} must have the keys of params {sorted(map(str, ws))}; "
                         f"got {sorted(map(str, gs))}")
    if len(ws) != len(gs):
        raise ValueError(f"{name} must hold as many arrays as params ({len(ws)}); "
                         f"got {len(gs)}")
    for k, w in ws.items():
        if gs[k].shape != w.shape:
            raise ValueError(f"{_label(name, k)} must have the shape of "
                             f"{_label('params', k)} {w.shape}; got {gs[k].shape}")
    layout, first = {k: w.shape for k, w in ws.items()}, optimizer._layout
    if first is not None and layout != first:
        raise ValueError(f"params changed since the first step: {first} then {layout}; "
                         "call reset() to start over with new parameters")
    return _rebuild(params, [gs[k] for k in ws])


def _grads_fit_params(args):
    """Relation: ``grads`` has the structure, keys and shapes of ``params`` (and comes back
    in their order); ``params`` has the shapes of the first step."""
    return {"grads": _fitted(args["self"], args["params"], args["grads"])}


def _state(value, name):
    """Spec: the state of one parameter, a dict of finite float arrays (kept, not copied:
    ``update`` changes it in place)."""
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict of arrays, as init_state(w) makes; "
                        f"got {type(value).__name__} {value!r}"[:200])
    for key, v in value.items():
        if not (isinstance(v, np.ndarray) and v.dtype.kind == "f" and np.all(np.isfinite(v))):
            raise ValueError(f"{name}[{key!r}] must be a finite float array, as init_state(w) "
                             f"makes; got {type(v).__name__} {v!r}"[:200])
    return value


_state.kind = "state"


def _state_fits_w(args):
    """Relation: ``grad`` has the shape of ``w``; ``state`` has the keys ``init_state(w)``
    gives, each an array of that shape."""
    w, grad, state = args["w"], args["grad"], args["state"]
    if grad.shape != w.shape:
        raise ValueError(f"grad must have the shape of w {w.shape}; got {grad.shape}")
    keys = sorted(_unchecked(args["self"].init_state)(w))
    if sorted(state) != keys:
        raise ValueError(f"state must have the keys {keys} of init_state(w); got {sorted(state)}")
    for key, v in state.items():
        if v.shape != w.shape:
            raise ValueError(f"state[{key!r}] must have the shape of w {w.shape}; got {v.shape}")


#: The arguments of every ``update``: one parameter array, its gradient, its state,
#: the learning rate and the number of the step (1 for the first).
_UPDATE = dict(w=array(), grad=array(), state=_state, lr=nonnegative, t=integer(minimum=1),
               _=_state_fits_w)


def _unchecked(method):
    """A bound method without its ``@validate`` wrapper, for arguments already checked
    (any other decorator, say of a user's subclass, is kept)."""
    fn = method.__func__
    return (fn.__wrapped__ if hasattr(fn, "__validated__") else fn).__get__(method.__self__)


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
        steps already taken. A schedule is called once at step 0 when the
        optimizer is made, so that one returning nonsense is reported at once.

    Attributes
    ----------
    t : int
        Steps taken so far.
    state : dict
        One dict of arrays per parameter (keyed like ``params``; ``None`` for a
        single array).

    Examples
    --------
    >>> Optimizer(lr=0.1).t
    0
    >>> Optimizer(lr=lambda t: float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: the learning-rate schedule must return a finite number >= 0; lr=... nan at step 0
    """

    _hyperparameters = ()

    @validate(lr=_learning_rate)
    def __init__(self, lr):
        self.lr = lr
        self.reset()

    def __repr__(self):
        names = ("lr",) + self._hyperparameters
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__name__}({args})"

    def reset(self):
        """Forget the step count and every parameter's state.

        Examples
        --------
        >>> sgd = SGD()
        >>> _ = sgd.step(np.ones(2), np.ones(2))
        >>> sgd.reset()
        >>> sgd.t, sgd.state
        (0, {})
        """
        self.t = 0
        self.state = {}
        self._layout = None

    def current_lr(self):
        """The learning rate the next step will use: ``lr(t)`` for a schedule, else ``lr``.

        Examples
        --------
        >>> SGD(lr=lambda t: 0.1 / (1 + t)).current_lr()
        0.1
        """
        return _rate_at(self.lr, self.t, "lr") if callable(self.lr) else self.lr

    @validate(w=array())
    def init_state(self, w):
        """The state of a new parameter ``w`` (nothing, for a memoryless rule).

        Examples
        --------
        >>> SGD().init_state(np.zeros(3))
        {}
        """
        return {}

    @validate(**_UPDATE)
    def update(self, w, grad, state, lr, t):
        """Return the new value of one parameter array; may update ``state`` in place."""
        raise NotImplementedError

    @validate(params=_arrays, grads=_arrays, _=_grads_fit_params)
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

        Examples
        --------
        >>> SGD(lr=0.5).step({"w": np.array([1.0])}, {"w": np.array([2.0])})
        {'w': array([0.])}
        """
        ws, gs = _leaves(params), _leaves(grads)
        if self._layout is None:  # the first step: each parameter's state starts here
            self._layout = {k: w.shape for k, w in ws.items()}
            self.state = {k: _unchecked(self.init_state)(w) for k, w in ws.items()}
        lr = self.current_lr()
        self.t += 1
        update = _unchecked(self.update)  # its arguments are checked above
        new = [update(ws[k], gs[k], self.state[k], lr, self.t) for k in ws]
        return _rebuild(params, new)


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

    ``step`` applies :meth:`update` to each array (with ``lr`` and the step number ``t``):

    >>> SGD().update(np.array([1.0]), np.array([10.0]), {}, lr=0.1, t=1).tolist()
    [0.0]
    """

    def __init__(self, lr=0.01):
        super().__init__(lr)

    @validate(**_UPDATE)
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

    The rule for one array, which ``step`` applies to each (``state`` changes in place):

    >>> state = opt.init_state(np.zeros(1))
    >>> opt.update(np.array([1.0]), np.array([1.0]), state, lr=0.1, t=1).tolist(), state
    ([0.9], {'velocity': array([-0.1])})
    """

    _hyperparameters = ("momentum",)

    @validate(momentum=interval(0, 1))
    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(lr)
        self.momentum = momentum

    @validate(w=array())
    def init_state(self, w):
        return {"velocity": np.zeros_like(w)}

    @validate(**_UPDATE)
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
    >>> opt.update(np.array([1.0]), np.array([1.0]), opt.init_state(np.zeros(1)), 0.1, 1)
    array([0.85])
    """

    @validate(**_UPDATE)
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

    The state is :math:`\sqrt{G}`, updated as ``hypot`` :math:`(\sqrt{G}, g)`:
    :math:`g^2` is never formed, so gradients up to :math:`10^{308}` give the
    right step (squaring overflows beyond :math:`10^{154}`).

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
    >>> state = opt.init_state(np.zeros(1))
    >>> opt.update(np.array([1.0]), np.array([1e300]), state, lr=0.1, t=1), state
    (array([0.9]), {'sqrt_G': array([1.e+300])})
    """

    _hyperparameters = ("eps",)

    @validate(eps=positive)
    def __init__(self, lr=0.01, eps=1e-10):
        super().__init__(lr)
        self.eps = eps

    @validate(w=array())
    def init_state(self, w):
        return {"sqrt_G": np.zeros_like(w)}

    @validate(**_UPDATE)
    def update(self, w, grad, state, lr, t):
        # G = G + g^2, kept as its root: sqrt(G) = hypot(sqrt(G), g) never squares g
        sqrt_G = state["sqrt_G"] = np.hypot(state["sqrt_G"], grad)
        return w - lr * grad / (sqrt_G + self.eps)


class RMSProp(Optimizer):
    r"""RMSProp: divide by a running root-mean-square of recent gradients.

    .. math::
        v_t = \rho\, v_{t-1} + (1 - \rho)\, g_t^2, \qquad
        w_t = w_{t-1} - \frac{\eta}{\sqrt{v_t} + \epsilon}\, g_t

    Adagrad's sum of squares only grows, so its steps die out; an exponentially
    decaying average forgets old gradients and keeps the steps alive.

    The state is :math:`\sqrt{v}`, updated as
    ``hypot`` :math:`(\sqrt{\rho}\sqrt{v}, \sqrt{1-\rho}\, g)`, which never
    squares :math:`g`: gradients up to :math:`10^{308}` give the right step.

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
    >>> opt.update(np.array([1.0]), np.array([2.0]), opt.init_state(np.zeros(1)), 0.01, 1)
    array([0.96837722])
    """

    _hyperparameters = ("rho", "eps")

    @validate(rho=interval(0, 1), eps=positive)
    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        super().__init__(lr)
        self.rho, self.eps = rho, eps

    @validate(w=array())
    def init_state(self, w):
        return {"sqrt_v": np.zeros_like(w)}

    @validate(**_UPDATE)
    def update(self, w, grad, state, lr, t):
        # v = rho v + (1 - rho) g^2, kept as its root: sqrt(v) = hypot(a sqrt(v), b g)
        a, b = self.rho**0.5, (1 - self.rho)**0.5
        sqrt_v = state["sqrt_v"] = np.hypot(a * state["sqrt_v"], b * grad)
        return w - lr * grad / (sqrt_v + self.eps)


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

    The state is the two roots :math:`\sqrt{E[g^2]}` and :math:`\sqrt{E[\Delta^2]}`,
    updated with ``hypot`` (as :math:`\sqrt{\rho a^2 + (1-\rho) b^2} =`
    ``hypot`` :math:`(\sqrt\rho\, a, \sqrt{1-\rho}\, b)`), which never squares
    :math:`g`: gradients up to :math:`10^{308}` give the right step.

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
    >>> state = opt.init_state(np.zeros(1))
    >>> (1.0 - opt.update(np.array([1.0]), np.array([2.0]), state, lr=1.0, t=1)).round(7)
    array([0.0044721])
    """

    _hyperparameters = ("rho", "eps")

    @validate(rho=interval(0, 1), eps=positive)
    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        super().__init__(lr)
        self.rho, self.eps = rho, eps

    @validate(w=array())
    def init_state(self, w):
        return {"rms_grad": np.zeros_like(w), "rms_delta": np.zeros_like(w)}

    @validate(**_UPDATE)
    def update(self, w, grad, state, lr, t):
        # E[x^2] = rho E[x^2] + (1 - rho) x^2, kept as its root: r = hypot(a r, b x)
        a, b, root_eps = self.rho**0.5, (1 - self.rho)**0.5, self.eps**0.5
        rms_g = state["rms_grad"] = np.hypot(a * state["rms_grad"], b * grad)
        # RMS[x] = sqrt(E[x^2] + eps) = hypot(r, sqrt(eps))
        delta = -np.hypot(state["rms_delta"], root_eps) / np.hypot(rms_g, root_eps) * grad
        state["rms_delta"] = np.hypot(a * state["rms_delta"], b * delta)
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

    The state is :math:`m` and :math:`\sqrt{v}`, the latter updated as
    ``hypot`` :math:`(\sqrt{\beta_2}\sqrt{v}, \sqrt{1-\beta_2}\, g)`, which never
    squares :math:`g`: that holds for gradients up to :math:`10^{308}`
    (squaring overflows beyond :math:`10^{154}`).

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

    The same first step for a gradient whose square overflows:

    >>> adam = Adam(lr=0.1)
    >>> adam.update(np.array([1.0]), np.array([1e200]), adam.init_state(np.zeros(1)), 0.1, 1)
    array([0.9])
    """

    _hyperparameters = ("beta1", "beta2", "eps")

    @validate(beta1=interval(0, 1), beta2=interval(0, 1), eps=positive)
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps

    @validate(w=array())
    def init_state(self, w):
        return {"m": np.zeros_like(w), "sqrt_v": np.zeros_like(w)}

    @validate(**_UPDATE)
    def update(self, w, grad, state, lr, t):
        b1, b2 = self.beta1, self.beta2
        m = state["m"] = b1 * state["m"] + (1 - b1) * grad
        # v = b2 v + (1 - b2) g^2, kept as its root: hypot never squares g (no overflow)
        sqrt_v = state["sqrt_v"] = np.hypot(b2**0.5 * state["sqrt_v"], (1 - b2)**0.5 * grad)
        m_hat = m / (1 - b1**t)
        sqrt_v_hat = sqrt_v / (1 - b2**t)**0.5
        return w - lr * m_hat / (sqrt_v_hat + self.eps)


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
    >>> adamw = AdamW(weight_decay=0.5)
    >>> adamw.update(np.array([2.0]), np.array([0.0]), adamw.init_state(np.zeros(1)), 0.1, 1)
    array([1.9])
    """

    _hyperparameters = Adam._hyperparameters + ("weight_decay",)

    @validate(weight_decay=nonnegative)
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    @validate(**_UPDATE)
    def update(self, w, grad, state, lr, t):
        adam_step = _unchecked(super().update)(w, grad, state, lr, t)  # checked above
        return adam_step - lr * self.weight_decay * w


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


@validate(grads=_arrays, limit=positive)
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
    return _rebuild(grads, [np.clip(g, -limit, limit) for g in _leaves(grads).values()])


@validate(grads=_arrays, max_norm=positive)
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

    Notes
    -----
    The norm is computed as :math:`s \lVert g / s\rVert` with :math:`s` the
    largest entry, and a clipped gradient as :math:`(g / s)\, c / \lVert g / s\rVert`,
    so that neither squaring nor the norm itself overflows: a gradient of
    :math:`10^{308}` is clipped as exactly as one of 10.

    Examples
    --------
    >>> clip_by_norm(np.array([3.0, 4.0]), 1.0).tolist()    # norm 5 -> 1
    [0.6, 0.8]
    >>> clip_by_norm({"W": np.array([0.3]), "b": np.array([0.4])}, 1.0)["b"].tolist()
    [0.4]
    >>> clip_by_norm(np.array([3e307, 4e307]), 1.0).tolist()    # norm 5e307 -> 1
    [0.6, 0.8]
    """
    arrays = _leaves(grads).values()
    # divide by the largest entry first, so that neither g**2 nor the norm overflows
    scale = max(float(np.abs(g).max(initial=0.0)) for g in arrays) or 1.0
    units = [g / scale for g in arrays]
    root = math.sqrt(sum(float(np.sum(u**2)) for u in units))  # norm = scale * root
    if scale * root <= max_norm:
        return grads
    return _rebuild(grads, [u * (max_norm / root) for u in units])


# --------------------------------------------------------------------------
# Batch, mini-batch and stochastic gradient descent
# --------------------------------------------------------------------------


#: Spec: an :class:`Optimizer` (an instance, not the class).
_optimizer = instance_of(Optimizer, "SGD(lr=0.01)")


def _samples(value, name):
    """Spec: a finite array with one row per sample (so at least one dimension)."""
    arr = as_float_array(value, name)
    if arr.ndim == 0:
        raise ValueError(f"{name} must have one row per sample; got a scalar")
    return arr


_samples.kind = "array"


def _number(value, name):
    """Spec: a real number, as a float; infinities and NaN pass (a run that overflows
    is reported as divergence by the loop)."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__} "
                        f"{value!r}"[:200])
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a float64 number; got {value!r}"[:200]) from None


_number.kind = "real"


def _gradient(value, name):
    """Spec: an array of real numbers, as floats; a float array may hold infinities and
    NaN (an overflow, which the loop reports as divergence)."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(float)
    return as_float_array(value, name)


_gradient.kind = "array"


def _grad_fits_params(args):
    """Relation: at every call, ``grad(params, X, y)`` must return finite arrays in the
    structure of ``params`` (``grad`` comes back wrapped in that check)."""
    grad, optimizer = args["grad"], args["optimizer"]

    def checked_grad(params, X, y):
        name = "the value returned by grad"
        return _fitted(optimizer, params, _arrays(grad(params, X, y), name), name)

    return {"grad": checked_grad}


def _loss_finite_at_start(args):
    """Relation: the loss is finite at the starting parameters."""
    start = args["loss"](args["params"], args["X"], args["y"])
    if not np.isfinite(start):
        raise ValueError(f"loss(params, X, y) must be finite at the starting params; "
                         f"got {start}")


#: The arguments of :func:`train_minibatch`.
_TRAINING = dict(loss=function(returns=_number), grad=function(), params=_arrays, X=_samples,
                 y=_samples, optimizer=_optimizer, batch_size=integer(minimum=1),
                 n_epochs=integer(minimum=0), rng=optional(rng), _rows=same_length("X", "y"),
                 _grad=_grad_fits_params, _start=_loss_finite_at_start)


@validate(n_samples=size(), batch_size=integer(minimum=1), rng=optional(rng))
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
    order = np.arange(n_samples) if rng is None else rng.permutation(n_samples)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]


@validate(**_TRAINING)
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
    ...     lambda w, X, y: float(((X - w) ** 2).mean()),
    ...     lambda w, X, y: -2 * (X - w).mean(keepdims=True),
    ...     np.zeros(1), data, data, SGD(lr=0.25), batch_size=4, n_epochs=40)
    >>> round(float(w[0]), 6), len(history)
    (3.0, 41)
    """
    step = _unchecked(optimizer.step)  # params and each gradient are checked here
    history = [loss(params, X, y)]
    for _ in range(n_epochs):
        for batch in minibatches(len(X), batch_size, rng):
            with np.errstate(over="ignore", invalid="ignore"):
                params = step(params, grad(params, X[batch], y[batch]))
                history.append(loss(params, X, y))
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


#: The arguments of :func:`minimize`.
_MINIMIZE = dict(fun=function(returns=_number), grad=function(returns=_gradient), x0=array(),
                 optimizer=_optimizer, n_iter=integer(minimum=0), gtol=nonnegative,
                 _=finite_start(grad_too=True))


@validate(**_MINIMIZE)
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
    optimizer.reset()
    step = _unchecked(optimizer.step)  # x and each gradient are checked here
    x, cost = x0, fun(x0)
    path, history = [x.copy()], [cost]
    converged = False

    def result():
        return GradientDescentResult(x=path[-1], cost=history[-1], n_iter=len(path) - 1,
                                     converged=converged, path=np.array(path),
                                     history=np.array(history))

    for k in range(n_iter + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            g = grad(x)
            if np.all(np.isfinite(g)) and np.linalg.norm(g) <= gtol:
                converged = True
                break
            if k == n_iter:
                break
            x = step(x, g) if np.all(np.isfinite(g)) else x + np.inf
            cost = fun(x) if np.all(np.isfinite(x)) else np.inf
        path.append(x.copy())
        history.append(cost)
        if not np.isfinite(cost):
            raise DivergenceError(
                f"{type(optimizer).__name__} diverged: the cost overflowed at step {k + 1} "
                f"with lr={optimizer.lr!r}; try a smaller learning rate", result())
    return result()
