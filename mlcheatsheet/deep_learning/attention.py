r"""Attention: scaled dot-product attention (with a mask), a multi-head self-attention
layer with its backward pass, and sinusoidal positional encodings.

Scaled dot-product attention reads, for every query, a weighted average of the
values, the weights a softmax over the keys of the query's dot products with them
(Vaswani et al., 2017):

.. math::
    \operatorname{Attention}(Q, K, V) = \operatorname{softmax}\!\Big(
    \frac{Q K^\top}{\sqrt{d_k}}\Big) V, \qquad
    Q \in \mathbb R^{T_q\times d_k},\ K \in \mathbb R^{T_k\times d_k},\
    V \in \mathbb R^{T_k\times d_v},

batched over any leading axes. A boolean ``mask`` of shape ``(T_q, T_k)`` (or
broadcastable to the scores) says which keys each query may read: a masked score
is set to :math:`-\infty` before the softmax, so its weight is exactly zero. The
softmax subtracts each row's maximum first and never overflows.

:class:`MultiHeadAttention` is self-attention as a layer of
:mod:`mlcheatsheet.neural_networks.network`: ``params`` ``Wq``, ``Wk``, ``Wv``,
``Wo`` of shape ``(D, D)`` and ``bo`` of shape ``(D,)``, their ``grads`` after
``backward``, so :class:`~mlcheatsheet.neural_networks.network.Sequential`,
``fit`` and the optimizers train it. Like the recurrent layers it takes a batch
of sequences ``(N, T, D)`` or one sequence per row ``(N, T * D)``, and returns
the same shape. Without positional information, self-attention is permutation
equivariant: reordering the steps reorders the outputs and changes nothing else;
:func:`positional_encoding` gives the steps their place.
"""

import numpy as np

from .._validation import array, flag, optional, rng, size, validate
from ..neural_networks.activations import _softmax
from ..neural_networks.network import Layer, _initializer
from ..optimization import initializers
from .recurrent import _sequence_after_forward, _sequence_input, _sequences, _shape2

__all__ = ["scaled_dot_product_attention", "attention_backward", "causal_mask", "positional_encoding",
           "MultiHeadAttention", "make_retrieval_task"]


# --------------------------------------------------------------------------
# Specs and relations
# --------------------------------------------------------------------------


def _qkv(value, name):
    """Spec: a finite float array of at least two dimensions (steps, features)."""
    arr = array()(value, name)
    if arr.ndim < 2:
        raise ValueError(f"{name} must have at least 2 dimensions (..., n_steps, "
                         f"n_features); got shape {arr.shape}")
    return arr


_qkv.kind = "array"


def _mask(value, name):
    """Spec: a boolean array, True where a query may read a key."""
    arr = np.asarray(value) if not isinstance(value, (str, bytes)) else None
    if arr is None or arr.dtype != bool or arr.ndim < 2:
        raise TypeError(f"{name} must be a boolean array of at least 2 dimensions "
                        f"(True where a query may read a key); got "
                        f"{type(value).__name__} {value!r}"[:200])
    return arr.copy()


_mask.kind = "mask"


def _attention_shapes(args):
    """Relation: Q, K, V agree on batch axes and widths; the mask fits the scores."""
    Q, K, V, mask = args["Q"], args["K"], args["V"], args["mask"]
    if Q.shape[:-2] != K.shape[:-2] or K.shape[:-2] != V.shape[:-2]:
        raise ValueError(f"Q, K and V must have the same leading (batch) axes; got shapes "
                         f"{Q.shape}, {K.shape}, {V.shape}")
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError(f"K must have the width of Q ({Q.shape[-1]} features); got shape "
                         f"{K.shape}")
    if K.shape[-2] != V.shape[-2]:
        raise ValueError(f"V must have one row per key ({K.shape[-2]}); got shape {V.shape}")
    if mask is None:
        return
    scores = Q.shape[:-1] + (K.shape[-2],)
    if mask.shape[-2:] != scores[-2:] or len(mask.shape) > len(scores) or any(
            m not in (1, s) for m, s in zip(mask.shape[::-1], scores[::-1])):
        raise ValueError(f"mask must have shape (n_queries, n_keys) = {scores[-2:]} or "
                         f"broadcast to the scores {scores}; got {mask.shape}")
    if not np.all(mask.any(axis=-1)):
        raise ValueError("mask must let every query read at least one key; a row of mask "
                         "is all False")


# --------------------------------------------------------------------------
# Scaled dot-product attention
# --------------------------------------------------------------------------


@validate(Q=_qkv, K=_qkv, V=_qkv, mask=optional(_mask), _=_attention_shapes)
def scaled_dot_product_attention(Q, K, V, mask=None):
    r"""Scaled dot-product attention :math:`\operatorname{softmax}(QK^\top/\sqrt{d_k})\,V`.

    Parameters
    ----------
    Q : ndarray of shape (..., T_q, d_k)
        Queries.
    K : ndarray of shape (..., T_k, d_k)
        Keys.
    V : ndarray of shape (..., T_k, d_v)
        Values.
    mask : ndarray of bool of shape (T_q, T_k), optional
        True where a query may read a key (or any shape broadcasting to the scores).
        Every query must be allowed at least one key.

    Returns
    -------
    out : ndarray of shape (..., T_q, d_v)
    weights : ndarray of shape (..., T_q, T_k)
        The attention weights; each row sums to 1, masked entries are 0.

    Examples
    --------
    >>> Q = np.array([[10.0, 0.0]])                  # one query, close to the first key
    >>> K = np.array([[10.0, 0.0], [0.0, 10.0]])
    >>> V = np.array([[1.0], [2.0]])
    >>> out, weights = scaled_dot_product_attention(Q, K, V)
    >>> weights.round(6).tolist(), out.round(6).tolist()
    ([[1.0, 0.0]], [[1.0]])
    >>> out, weights = scaled_dot_product_attention(Q, K, V, mask=np.array([[False, True]]))
    >>> weights.tolist(), out.tolist()
    ([[0.0, 1.0]], [[2.0]])
    """
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])  # (..., Tq, Tk)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)  # exp(-inf) = 0: no weight
    A = _softmax(scores, -1)  # every row sums to 1
    return A @ V, A


def _backward_shapes(args):
    """Relation: Q, K, V as for the forward pass; ``dout`` and ``weights`` fit them."""
    _attention_shapes({**args, "mask": None})
    Q, K, V = args["Q"], args["K"], args["V"]
    if args["dout"].shape != Q.shape[:-1] + V.shape[-1:]:
        raise ValueError(f"dout must have the shape of the output "
                         f"{Q.shape[:-1] + V.shape[-1:]}; got {args['dout'].shape}")
    if args["weights"].shape != Q.shape[:-1] + K.shape[-2:-1]:
        raise ValueError(f"weights must have the shape of the scores "
                         f"{Q.shape[:-1] + K.shape[-2:-1]}; got {args['weights'].shape}")


@validate(dout=_qkv, Q=_qkv, K=_qkv, V=_qkv, weights=_qkv, _=_backward_shapes)
def attention_backward(dout, Q, K, V, weights):
    r"""Gradients of :func:`scaled_dot_product_attention` with respect to Q, K and V.

    With :math:`S = QK^\top/\sqrt{d_k}`, :math:`A = \operatorname{softmax}(S)`
    row by row and :math:`G = \partial L/\partial\,\text{out}`:

    .. math::
        \frac{\partial L}{\partial V} = A^\top G,\quad
        \frac{\partial L}{\partial S} = A \odot \big(G V^\top -
        \operatorname{rowsum}(A \odot G V^\top)\big),\quad
        \frac{\partial L}{\partial Q} = \frac{1}{\sqrt{d_k}}\frac{\partial L}{\partial S}K,\quad
        \frac{\partial L}{\partial K} = \frac{1}{\sqrt{d_k}}\frac{\partial L}{\partial S}^\top Q.

    A mask needs no argument here: a masked weight is 0, and so is its gradient.

    Parameters
    ----------
    dout : ndarray of shape (..., T_q, d_v)
        :math:`\partial L/\partial\,\text{out}`.
    Q, K, V : ndarray
        The forward pass's inputs.
    weights : ndarray of shape (..., T_q, T_k)
        The forward pass's weights :math:`A`.

    Returns
    -------
    dQ, dK, dV : ndarray of the shapes of Q, K, V

    Examples
    --------
    >>> Q, K, V = np.zeros((1, 2)), np.eye(2), np.array([[1.0], [3.0]])
    >>> out, A = scaled_dot_product_attention(Q, K, V)              # A = [1/2, 1/2]
    >>> dQ, dK, dV = attention_backward(np.ones((1, 1)), Q, K, V, A)
    >>> dV.tolist(), dK.tolist()                                    # dK = 0: Q is 0
    ([[0.5], [0.5]], [[0.0, 0.0], [0.0, 0.0]])
    >>> (dQ * np.sqrt(2)).round(12).tolist()                        # A (V - A.V) K, scaled
    [[-0.5, 0.5]]
    """
    A = weights
    dV = np.swapaxes(A, -1, -2) @ dout
    dA = dout @ np.swapaxes(V, -1, -2)
    dS = A * (dA - np.sum(dA * A, axis=-1, keepdims=True))  # through each row's softmax
    dS = dS / np.sqrt(Q.shape[-1])
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV


_attention_forward = scaled_dot_product_attention.__wrapped__  # unchecked, for the layer
_attention_backward = attention_backward.__wrapped__


@validate(n_steps=size())
def causal_mask(n_steps):
    """The causal mask: step ``t`` may read steps ``0, ..., t`` (lower triangle).

    Parameters
    ----------
    n_steps : int

    Returns
    -------
    ndarray of bool of shape (n_steps, n_steps)

    Examples
    --------
    >>> causal_mask(3).astype(int).tolist()
    [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
    """
    return np.tril(np.ones((n_steps, n_steps), dtype=bool))


@validate(n_positions=size(), d_model=size())
def positional_encoding(n_positions, d_model):
    r"""Sinusoidal positional encodings of Vaswani et al., one row per position.

    .. math::
        PE_{p,\,2i} = \sin\!\big(p / 10000^{2i/d}\big), \qquad
        PE_{p,\,2i+1} = \cos\!\big(p / 10000^{2i/d}\big)

    Each pair of columns is a sine and a cosine of one frequency, the frequencies
    falling geometrically from 1 to about :math:`1/10000`; the encoding of
    position :math:`p + k` is a rotation of that of :math:`p` by an angle that
    depends on :math:`k` only, so :math:`PE_p \cdot PE_{p+k}` depends only on the
    offset :math:`k`.

    Parameters
    ----------
    n_positions : int
        Number of positions :math:`T` (rows).
    d_model : int
        Width :math:`d` (columns); an odd width drops the last cosine.

    Returns
    -------
    ndarray of shape (n_positions, d_model)
        Values in :math:`[-1, 1]`; added to a sequence's inputs of the same width.

    Examples
    --------
    >>> pe = positional_encoding(4, 6)
    >>> pe.shape, pe[0].tolist()
    ((4, 6), [0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    >>> round(float(pe[1, 0]), 6) == round(float(np.sin(1.0)), 6)
    True
    """
    position = np.arange(n_positions)[:, None]
    frequency = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)  # (ceil(d/2),)
    angle = position * frequency
    pe = np.empty((n_positions, d_model))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle[:, :d_model // 2])
    return pe


# --------------------------------------------------------------------------
# Multi-head self-attention as a layer
# --------------------------------------------------------------------------


def _heads_divide(args):
    """Relation: ``n_heads`` divides the width ``d_model``."""
    (T, D), h = args["input_shape"], args["n_heads"]
    if D % h:
        raise ValueError(f"n_heads must divide the width d_model = {D}; got {h}")


class MultiHeadAttention(Layer):
    r"""Multi-head self-attention: :math:`h` heads of scaled dot-product attention.

    For a sequence :math:`X` of shape :math:`(T, D)` and :math:`h` heads of width
    :math:`d_k = D/h`:

    .. math::
        Q, K, V = X W_q,\ X W_k,\ X W_v

    each split into :math:`h` blocks of :math:`d_k` columns, then

    .. math::
        Y = [A_1 \mid \cdots \mid A_h]\, W_o + b_o,
        \qquad A_i = \operatorname{Attention}(Q_i, K_i, V_i).

    Parameters
    ----------
    input_shape : tuple (n_steps, d_model)
        :math:`(T, D)`.
    n_heads : int, default=1
        :math:`h`, a divisor of :math:`D`.
    causal : bool, default=False
        Step :math:`t` reads only steps :math:`\le t` (:func:`causal_mask`).
    rng : numpy.random.Generator or int, optional
    init : str, default="xavier_uniform"
        Initializer of the four weight matrices; ``bo`` starts at zero.

    Attributes
    ----------
    attention : ndarray of shape (N, h, T, T)
        The attention weights of the last forward pass.

    Examples
    --------
    >>> layer = MultiHeadAttention((5, 4), n_heads=2, rng=0)
    >>> layer.n_in, layer.n_out, layer.n_params                  # 4 D^2 + D
    (20, 20, 68)
    >>> layer.forward(np.ones((3, 20))).shape                      # one sequence per row
    (3, 20)
    >>> layer.attention.shape, bool(np.allclose(layer.attention.sum(axis=-1), 1))
    ((3, 2, 5, 5), True)
    >>> layer.backward(np.ones((3, 20))).shape, layer.grads["Wq"].shape
    ((3, 20), (4, 4))
    >>> MultiHeadAttention((5, 4), n_heads=3)
    Traceback (most recent call last):
    ...
    ValueError: n_heads must divide the width d_model = 4; got 3
    """

    @validate(input_shape=_shape2, n_heads=size(), causal=flag, rng=optional(rng),
              init=_initializer, _=_heads_divide)
    def __init__(self, input_shape, n_heads=1, causal=False, rng=None,
                 init="xavier_uniform"):
        super().__init__()
        gen = np.random.default_rng() if rng is None else rng
        T, D = self.input_shape = input_shape
        self.n_heads, self.causal = n_heads, causal
        self.n_in = self.n_out = T * D
        self.params = {k: initializers.INITIALIZERS[init]((D, D), gen)
                       for k in ("Wq", "Wk", "Wv", "Wo")}
        self.params["bo"] = np.zeros(D)
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.attention = None

    def __repr__(self):
        T, D = self.input_shape
        causal = ", causal" if self.causal else ""
        return f"MultiHeadAttention(({T}, {D}), {self.n_heads} heads{causal})"

    @validate(_sequence_input, X=_sequences, training=flag)
    def forward(self, X, training=True):
        """Outputs in the shape of ``X``; the weights are kept in ``attention``."""
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_sequence_after_forward, dY=_sequences)
    def backward(self, dY):
        """:math:`\\partial L/\\partial X` in the shape ``forward`` was given; fills ``grads``."""
        return self._backward(dY)

    def _split(self, Z):  # (N, T, D) -> (N, h, T, d_k)
        N, T, D = Z.shape
        return Z.reshape(N, T, self.n_heads, D // self.n_heads).transpose(0, 2, 1, 3)

    def _merge(self, Z):  # (N, h, T, d_k) -> (N, T, D)
        N, h, T, dk = Z.shape
        return Z.transpose(0, 2, 1, 3).reshape(N, T, h * dk)

    def _forward(self, X, training):
        self._in_shape = X.shape
        X = X.reshape((len(X),) + self.input_shape)
        p = self.params
        Q, K, V = (self._split(X @ p[w]) for w in ("Wq", "Wk", "Wv"))
        mask = causal_mask.__wrapped__(X.shape[1]) if self.causal else None
        O, A = _attention_forward(Q, K, V, mask)
        O = self._merge(O)
        self._cache, self.attention = (X, Q, K, V, A, O), A
        return (O @ p["Wo"] + p["bo"]).reshape(self._in_shape)

    def _backward(self, dY):
        X, Q, K, V, A, O = self._cache
        p = self.params
        dY = dY.reshape(O.shape)
        dQ, dK, dV = _attention_backward(self._split(dY @ p["Wo"].T), Q, K, V, A)
        dQ, dK, dV = self._merge(dQ), self._merge(dK), self._merge(dV)
        self.grads = {"Wq": np.einsum("ntd,nte->de", X, dQ),
                      "Wk": np.einsum("ntd,nte->de", X, dK),
                      "Wv": np.einsum("ntd,nte->de", X, dV),
                      "Wo": np.einsum("ntd,nte->de", O, dY), "bo": dY.sum(axis=(0, 1))}
        dX = dQ @ p["Wq"].T + dK @ p["Wk"].T + dV @ p["Wv"].T
        return dX.reshape(self._in_shape)


# --------------------------------------------------------------------------
# A task that needs attention: retrieve a value by its key
# --------------------------------------------------------------------------


def _enough_keys(args):
    """Relation: the items of a sequence have distinct keys."""
    if args["n_items"] > args["n_keys"]:
        raise ValueError(f"n_keys must be at least n_items ({args['n_items']}), so that the "
                         f"keys of a sequence are distinct; got {args['n_keys']}")


@validate(n_samples=size(), n_items=size(), n_keys=size(), n_values=size(minimum=2),
          rng=optional(rng), _=_enough_keys)
def make_retrieval_task(n_samples, n_items=6, n_keys=8, n_values=4, rng=None):
    r"""Synthetic associative recall: a list of (key, value) items, then a query key.

    Each sequence has :math:`T = n_{items} + 1` steps of width
    :math:`D = n_{keys} + n_{values}`. Step :math:`t < n_{items}` holds item
    :math:`t`: a one-hot key (distinct keys, drawn without replacement) in the first
    :math:`n_{keys}` columns and a one-hot value (drawn uniformly) in the last
    :math:`n_{values}`. The last step is the query: the key of one of the items,
    drawn uniformly, with an empty value part. The target is that item's value.
    Where the item sits is random, so the answer has to be found by content.

    Parameters
    ----------
    n_samples : int
    n_items : int, default=6
    n_keys : int, default=8
        At least ``n_items``.
    n_values : int, default=4
        Number of classes; chance level is :math:`1/n_{values}`.
    rng : numpy.random.Generator or int, optional

    Returns
    -------
    X : ndarray of shape (n_samples, T * D)
        One sequence per row, step after step.
    y : ndarray of int of shape (n_samples,)
    input_shape : tuple (T, D)

    Examples
    --------
    >>> X, y, (T, D) = make_retrieval_task(2, n_items=2, n_keys=3, n_values=2, rng=0)
    >>> X.shape, (T, D)
    ((2, 15), (3, 5))
    >>> S = X[0].reshape(T, D)
    >>> query = S[-1, :3].argmax()
    >>> item = int(np.flatnonzero(S[:-1, query])[0])          # the item with that key
    >>> int(S[item, 3:].argmax()) == int(y[0])
    True
    """
    gen = np.random.default_rng() if rng is None else rng
    T, D = n_items + 1, n_keys + n_values
    keys = np.argsort(gen.random((n_samples, n_keys)), axis=1)[:, :n_items]  # distinct
    values = gen.integers(n_values, size=(n_samples, n_items))
    asked = gen.integers(n_items, size=n_samples)
    rows, steps = np.arange(n_samples)[:, None], np.arange(n_items)[None, :]
    X = np.zeros((n_samples, T, D))
    X[rows, steps, keys] = 1.0
    X[rows, steps, n_keys + values] = 1.0
    X[np.arange(n_samples), -1, keys[np.arange(n_samples), asked]] = 1.0
    return X.reshape(n_samples, T * D), values[np.arange(n_samples), asked], (T, D)
