r"""Backpropagation: the chain rule, applied from the cost backwards, each product kept.

For a composition :math:`f(x) = A(B(C(x)))` the chain rule multiplies the local
derivatives at the points the forward pass went through,

.. math:: f'(x) = A'\bigl(B(C(x))\bigr)\; B'\bigl(C(x)\bigr)\; C'(x),

and every partial product on the way in is the derivative of :math:`f` with respect
to one intermediate (:func:`chain_rule`). On the 2017 cheatsheet's network
(:mod:`~mlcheatsheet.neural_networks.forward_propagation`) with the cost
:math:`C = \tfrac12\sum(O - y)^2`, the kept products are the **layer errors**
:math:`\delta = \partial C/\partial Z`:

.. math::
    E_o = (O - y) \odot R'(Z_o), \quad
    E_h = E_o W_o^\top \odot R'(Z_h), \quad
    \frac{\partial C}{\partial W_o} = H^\top E_o, \quad
    \frac{\partial C}{\partial W_h} = X^\top E_h

(:func:`backprop`), and one gradient-descent step uses them (:func:`sgd_step`).
"""

from typing import NamedTuple

import numpy as np

from .._validation import function, matrix, positive, real, same_shape, validate
from .activations import relu_grad
from .forward_propagation import _chain, feed_forward
from .losses import l2, l2_grad

__all__ = ["ChainRule", "chain_rule", "cost", "cost_prime", "Gradients", "backprop", "sgd_step"]


class ChainRule(NamedTuple):
    """The value of a composition and its derivative with respect to every intermediate."""

    value: float
    partials: list


def _functions(value, name):
    """Spec: a non-empty list of functions of one number, each returning a finite number."""
    if not isinstance(value, (list, tuple)) or not value:
        raise TypeError(f"{name} must be a non-empty list of functions; got "
                        f"{type(value).__name__} {value!r}"[:200])
    return [function(returns=real)(f, f"{name}[{i}]") for i, f in enumerate(value)]


_functions.kind = "functions"


def _paired(args):
    """Relation: one derivative per function."""
    if len(args["functions"]) != len(args["derivatives"]):
        raise ValueError(f"derivatives must have one entry per function "
                         f"({len(args['functions'])}); got {len(args['derivatives'])}")


@validate(_paired, functions=_functions, derivatives=_functions, x=real)
def chain_rule(functions, derivatives, x):
    r"""Value and derivatives of :math:`f = F_1(F_2(\cdots F_n(x)))`, by the chain rule.

    The forward pass stores each intermediate :math:`u_k = F_k(u_{k+1})`
    (:math:`u_{n+1} = x`); the backward pass multiplies one local derivative
    :math:`F_k'(u_{k+1})` at a time, so the derivative with respect to every
    intermediate costs one product each (memoization).

    Parameters
    ----------
    functions : list of callable
        :math:`F_1, \dots, F_n`, outermost first, as the composition is written.
    derivatives : list of callable
        :math:`F_1', \dots, F_n'`, in the same order.
    x : float

    Returns
    -------
    ChainRule
        ``value`` is :math:`f(x)`; ``partials[k]`` is :math:`\partial f/\partial u_k`
        for the output :math:`u_1 = f` of :math:`F_1` (so ``partials[0] == 1``),
        the output of :math:`F_2`, ..., and last :math:`\partial f/\partial x`.

    Examples
    --------
    :math:`f(x) = (3x)^2` at :math:`x = 2`: :math:`f = 36`, :math:`\partial f/\partial (3x) = 12`,
    :math:`f'(2) = 36`:

    >>> chain_rule([lambda u: u * u, lambda u: 3 * u], [lambda u: 2 * u, lambda u: 3.0], 2.0)
    ChainRule(value=36.0, partials=[1.0, 12.0, 36.0])
    """
    points = [x]
    for F in reversed(functions):  # innermost first: u_n = F_n(x), ..., u_1 = F_1(u_2)
        points.append(F(points[-1]))
    partials = [1.0]  # df/df
    for dF, u in zip(derivatives, reversed(points[:-1])):
        partials.append(partials[-1] * dF(u))
    return ChainRule(float(points[-1]), [float(p) for p in partials])


@validate(O=matrix, y=matrix, _=same_shape("O", "y"))
def cost(O, y):  # noqa: E741 - the 2017 cheatsheet's names
    r"""The 2017 cheatsheet's cost :math:`C = \frac12 \sum (O - y)^2`, over every entry.

    Half of :func:`mlcheatsheet.neural_networks.losses.l2`.

    Examples
    --------
    >>> cost([[3.0], [1.0]], [[1.0], [1.0]])
    2.0
    """
    return 0.5 * l2(y, O)


@validate(O=matrix, y=matrix, _=same_shape("O", "y"))
def cost_prime(O, y):  # noqa: E741
    r""":math:`\partial C/\partial O = O - y`.

    Examples
    --------
    >>> cost_prime([[3.0], [1.0]], [[1.0], [1.0]]).tolist()
    [[2.0], [0.0]]
    """
    return 0.5 * l2_grad(y, O)


class Gradients(NamedTuple):
    """The layer errors :math:`E_o, E_h` and the cost's gradient for every parameter."""

    Eo: np.ndarray
    Eh: np.ndarray
    dWo: np.ndarray
    dBo: np.ndarray
    dWh: np.ndarray
    dBh: np.ndarray


def _targets(args):
    """Relation: the network's shapes chain, and ``y`` has one row per sample, one column
    per output neuron."""
    _chain(args)
    want = (args["X"].shape[0], args["Wo"].shape[1])
    if args["y"].shape != want:
        raise ValueError(f"y must have shape {want}, one row per sample and one column per "
                         f"output neuron; got {args['y'].shape}")


_NETWORK = dict(X=matrix, y=matrix, Wh=matrix, Bh=matrix, Wo=matrix, Bo=matrix, _=_targets)


@validate(**_NETWORK)
def backprop(X, y, Wh, Bh, Wo, Bo):
    """The 2017 cheatsheet's three equations on its matrix network, corrected.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_in)
    y : array_like of shape (n_samples, n_out)
    Wh, Bh, Wo, Bo : the parameters, as for
        :func:`~mlcheatsheet.neural_networks.forward_propagation.feed_forward`.

    Returns
    -------
    Gradients
        Of :func:`cost`, summed over the samples.

    Examples
    --------
    >>> g = backprop([[1.0]], [[0.0]], [[2.0]], [[0.0]], [[3.0]], [[0.0]])
    >>> g.Eo.tolist(), g.dWo.tolist(), g.dWh.tolist()       # O = 6; dC/dWh = 6 * 3 * 1
    ([[6.0]], [[12.0]], [[18.0]])
    """
    Zh, H, Zo, O = feed_forward(X, Wh, Bh, Wo, Bo)  # noqa: E741
    Eo = (O - y) * relu_grad(Zo)
    Eh = (Eo @ Wo.T) * relu_grad(Zh)
    dWo, dBo = H.T @ Eo, Eo.sum(axis=0, keepdims=True)
    dWh, dBh = X.T @ Eh, Eh.sum(axis=0, keepdims=True)
    return Gradients(Eo, Eh, dWo, dBo, dWh, dBh)


@validate(**_NETWORK, lr=positive)
def sgd_step(X, y, Wh, Bh, Wo, Bo, lr):
    r"""One gradient-descent step :math:`\theta \leftarrow \theta - \eta\,\partial C/\partial\theta`.

    Returns the new parameters (the 2017 code updated local names and returned nothing);
    the arrays passed in are not modified.

    Returns
    -------
    (Wh, Bh, Wo, Bo) : tuple of ndarray

    Examples
    --------
    >>> Wh, Bh, Wo, Bo = sgd_step([[1.0]], [[0.0]], [[2.0]], [[0.0]], [[3.0]], [[0.0]], lr=0.1)
    >>> round(float(Wh[0, 0]), 6), round(float(Wo[0, 0]), 6)        # 2 - 1.8, 3 - 1.2
    (0.2, 1.8)
    """
    g = backprop(X, y, Wh, Bh, Wo, Bo)
    return Wh - lr * g.dWh, Bh - lr * g.dBh, Wo - lr * g.dWo, Bo - lr * g.dBo
