r"""Embeddings: a trainable lookup table from token ids to dense vectors.

An embedding layer holds a matrix :math:`E` of shape ``(n_tokens, dim)``, one row
per token, and maps a token id :math:`i` to the row :math:`E_i`. That is the
product of the one-hot vector of :math:`i` with :math:`E`, a dense layer without
bias on one-hot inputs, computed as a lookup instead of a product with a matrix
that is almost all zeros. Its gradient is the reverse: the gradient of each
output row is *added* to the row of :math:`E` it came from (a scatter-add), so a
token that appears several times in a batch collects all its gradients.

:class:`Embedding` speaks the interface of :mod:`mlcheatsheet.neural_networks.network`:
its input is a matrix of token ids ``(N, T)`` (integers stored as floats, as
every network input is), its output the ``T`` looked-up rows side by side,
``(N, T * dim)``, ready for a dense, recurrent or attention layer.
"""

import numpy as np

from .._validation import array, flag, optional, positive, rng, size, validate
from ..neural_networks.network import Layer, _after_forward

__all__ = ["Embedding", "make_same_group_task"]


def _token_ids(args):
    """Relation: ``X`` holds ``n_steps`` integer token ids in ``[0, n_tokens)`` per row."""
    layer, X = args["self"], args["X"]
    if X.shape[1] != layer.n_steps:
        raise ValueError(f"X must have {layer.n_steps} columns (token ids) for {layer!r}; "
                         f"got shape {X.shape}")
    if np.any(X != np.round(X)) or X.min() < 0 or X.max() >= layer.n_tokens:
        raise ValueError(f"X must hold integer token ids in [0, {layer.n_tokens}) for "
                         f"{layer!r}; got values from {X.min():g} to {X.max():g}")


class Embedding(Layer):
    r"""Embedding layer: token ids ``(N, T)`` to their rows of ``E``, ``(N, T * dim)``.

    .. math::
        Y_{n,t} = E_{x_{n,t}} = \operatorname{onehot}(x_{n,t})\, E, \qquad
        \frac{\partial L}{\partial E_i} = \sum_{(n,t):\ x_{n,t} = i}
        \frac{\partial L}{\partial Y_{n,t}}

    Parameters
    ----------
    n_tokens : int
        Vocabulary size: ids run from 0 to ``n_tokens - 1``.
    dim : int
        Width :math:`d` of each vector.
    n_steps : int, default=1
        Token ids per input row :math:`T`.
    scale : float, default=1.0
        Standard deviation of the normal initialization of ``E`` (PyTorch's default).
    rng : numpy.random.Generator or int, optional

    Examples
    --------
    >>> layer = Embedding(5, 2, n_steps=3, rng=0)
    >>> layer.n_in, layer.n_out, layer.params["E"].shape
    (3, 6, (5, 2))
    >>> X = np.array([[4, 0, 4]])                         # token 4 twice
    >>> bool(np.all(layer.forward(X)[0, :2] == layer.params["E"][4]))
    True
    >>> dX = layer.backward(np.ones((1, 6)))
    >>> layer.grads["E"].tolist()                         # 4 collects both gradients
    [[1.0, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [2.0, 2.0]]
    >>> layer.forward(np.array([[0, 1, 5]]))
    Traceback (most recent call last):
    ...
    ValueError: X must hold integer token ids in [0, 5) for Embedding(5 -> 2, 3 steps); got values from 0 to 5
    """

    @validate(n_tokens=size(), dim=size(), n_steps=size(), scale=positive, rng=optional(rng))
    def __init__(self, n_tokens, dim, n_steps=1, scale=1.0, rng=None):
        super().__init__()
        gen = np.random.default_rng() if rng is None else rng
        self.n_tokens, self.dim, self.n_steps = n_tokens, dim, n_steps
        self.n_in, self.n_out = n_steps, n_steps * dim
        self.params = {"E": scale * gen.normal(size=(n_tokens, dim))}
        self.grads = {"E": np.zeros((n_tokens, dim))}

    def __repr__(self):
        return f"Embedding({self.n_tokens} -> {self.dim}, {self.n_steps} steps)"

    @validate(_token_ids, X=array(ndim=2), training=flag)
    def forward(self, X, training=True):
        """The looked-up rows, side by side: ``(N, T * dim)``."""
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_after_forward, dY=array(ndim=2))
    def backward(self, dY):
        """Zeros (token ids have no gradient); the scatter-added ``grads["E"]``."""
        return self._backward(dY)

    def _forward(self, X, training):
        self._ids = X.astype(np.intp)  # (N, T)
        return self.params["E"][self._ids].reshape(len(X), -1)  # rows side by side

    def _backward(self, dY):
        dE = np.zeros_like(self.params["E"])
        np.add.at(dE, self._ids, dY.reshape(self._ids.shape + (self.dim,)))  # repeats add
        self.grads = {"E": dE}
        return np.zeros(self._ids.shape)


# --------------------------------------------------------------------------
# A task that embeddings solve: do two tokens belong to the same hidden group?
# --------------------------------------------------------------------------


def _groups_fit(args):
    """Relation: at least two groups, each with at least one token."""
    if not 2 <= args["n_groups"] <= args["n_tokens"]:
        raise ValueError(f"n_groups must be between 2 and n_tokens ({args['n_tokens']}); "
                         f"got {args['n_groups']}")


@validate(n_tokens=size(minimum=2), n_groups=size(minimum=2), rng=optional(rng), _=_groups_fit)
def make_same_group_task(n_tokens=40, n_groups=4, rng=None):
    r"""Synthetic pairs of tokens labelled 1 if the two share a hidden group.

    The tokens ``0, ..., n_tokens - 1`` are dealt at random into ``n_groups``
    groups of (nearly) equal size, which the model never sees. The examples are
    every ordered pair :math:`(i, j)` of the same group (label 1) and as many pairs
    of different groups drawn without replacement (label 0), shuffled.

    Parameters
    ----------
    n_tokens : int, default=40
    n_groups : int, default=4
    rng : numpy.random.Generator or int, optional

    Returns
    -------
    X : ndarray of shape (n_pairs, 2)
        Token ids (as floats), the input of :class:`Embedding` with ``n_steps=2``.
    y : ndarray of int of shape (n_pairs,)
        Half ones, half zeros.
    group : ndarray of int of shape (n_tokens,)
        The hidden group of each token.

    Examples
    --------
    >>> X, y, group = make_same_group_task(6, 2, rng=0)
    >>> X.shape, int(y.sum()), np.bincount(group).tolist()        # 2 * 3 * 3 same-group pairs
    ((36, 2), 18, [3, 3])
    >>> i, j = X.astype(int).T
    >>> bool(np.all((group[i] == group[j]) == (y == 1)))
    True
    """
    gen = np.random.default_rng() if rng is None else rng
    group = gen.permutation(np.arange(n_tokens) % n_groups)
    i, j = np.divmod(np.arange(n_tokens**2), n_tokens)  # every ordered pair
    same = group[i] == group[j]
    pos = np.flatnonzero(same)
    neg = gen.choice(np.flatnonzero(~same), size=min(len(pos), int((~same).sum())),
                     replace=False)
    pick = gen.permutation(np.concatenate([pos, neg]))
    return np.stack([i[pick], j[pick]], axis=1).astype(float), same[pick].astype(int), group
