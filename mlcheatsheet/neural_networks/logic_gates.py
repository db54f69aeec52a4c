r"""Logic gates as neural networks with hand-set weights (Ng's course notes), and XOR.

One sigmoid neuron :math:`h = g(\theta_0 + \theta_1 x_1 + \theta_2 x_2)` computes AND,
OR or NOR when its weights are large enough that :math:`g` is within
:math:`g(-10) \approx 4.5\cdot 10^{-5}` of 0 or 1 on every input. XNOR (and its
negation XOR) is not linearly separable: no single neuron computes it, but a hidden
layer of two gates does, :math:`\text{XNOR} = \text{OR}(\text{AND}, \text{NOR})`.
Every gate is a list of :math:`\Theta` matrices for
:func:`~mlcheatsheet.neural_networks.forward_propagation.feed_forward_theta`.
"""

import itertools

import numpy as np

from .._validation import matrix, options, validate
from .forward_propagation import feed_forward_theta

__all__ = ["GATES", "gate", "truth_table"]

_AND, _OR, _NOR, _NAND = [-30.0, 20.0, 20.0], [-10.0, 20.0, 20.0], [10.0, -20.0, -20.0], \
    [30.0, -20.0, -20.0]

GATES = {
    "NOT": [np.array([[10.0, -20.0]])],
    "AND": [np.array([_AND])],
    "OR": [np.array([_OR])],
    "NOR": [np.array([_NOR])],
    "XNOR": [np.array([_AND, _NOR]), np.array([_OR])],
    "XOR": [np.array([_OR, _NAND]), np.array([_AND])],
}
"""Gate name -> list of :math:`\\Theta` matrices (rows ``[bias, w_1, w_2]``). The
single-neuron weights are those of Ng's course notes; XNOR is OR of (AND, NOR), XOR is
AND of (OR, NAND)."""


@validate(name=options(*GATES))
def truth_table(name):
    """Every 0/1 input of a gate and the network's output for it.

    Returns
    -------
    X : ndarray of shape (2**n_inputs, n_inputs)
        The inputs, in binary counting order.
    h : ndarray of shape (2**n_inputs,)
        The sigmoid output; rounding it gives the gate's truth value.

    Examples
    --------
    >>> X, h = truth_table("AND")
    >>> X.tolist(), h.round().tolist()
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0.0, 0.0, 0.0, 1.0])
    """
    n_inputs = GATES[name][0].shape[1] - 1
    X = np.array(list(itertools.product([0.0, 1.0], repeat=n_inputs)))
    return X, gate(name, X)


def _inputs_for(args):
    """Relation: ``X`` has one column per input of the gate."""
    X = args["X"]
    want = GATES[args["name"]][0].shape[1] - 1
    if X.shape[1] != want:
        raise ValueError(f"X must have {want} column(s) for the {args['name']} gate; got "
                         f"shape {X.shape}")


@validate(_inputs_for, name=options(*GATES), X=matrix)
def gate(name, X):
    """The gate's network applied to the rows of ``X`` (any real inputs, not only 0/1).

    Examples
    --------
    >>> gate("XNOR", np.array([[0.0, 0.0], [0.0, 1.0]])).round(4).tolist()
    [1.0, 0.0]
    """
    return feed_forward_theta(X, GATES[name])[:, 0]
