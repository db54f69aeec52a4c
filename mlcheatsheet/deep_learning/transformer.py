r"""A transformer encoder block in NumPy: layer normalization, a position-wise
feed-forward network, and the block that joins them to multi-head self-attention
with residual connections.

Layer normalization (Ba et al., 2016) standardizes every position's vector over
its own :math:`D` features, then scales and shifts it by learned
:math:`\gamma, \beta` of shape ``(D,)``:

.. math::
    \operatorname{LN}(x) = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}} + \beta,
    \qquad \mu = \frac1D \sum_j x_j,\quad \sigma^2 = \frac1D \sum_j (x_j - \mu)^2 .

Unlike batch normalization it uses no statistics of the batch, so it behaves the
same in training and inference and for a batch of one.

:class:`TransformerBlock` is one encoder block of Vaswani et al. (2017), in their
*post-norm* order (``norm="post"``) or in the *pre-norm* order most transformers
use today (``norm="pre"``, Xiong et al., 2020):

.. math::
    \text{post:}\quad H = \operatorname{LN}_1(X + \operatorname{MHA}(X)),\quad
    Y = \operatorname{LN}_2(H + \operatorname{FFN}(H)) \\
    \text{pre:}\quad H = X + \operatorname{MHA}(\operatorname{LN}_1(X)),\quad
    Y = H + \operatorname{FFN}(\operatorname{LN}_2(H))

with :math:`\operatorname{FFN}(h) = \max(0, h W_1 + b_1) W_2 + b_2` applied to every
position separately (two :class:`~mlcheatsheet.neural_networks.network.Dense`
layers shared by all positions). The block is a layer of
:mod:`mlcheatsheet.neural_networks.network`: it takes a batch of sequences
``(N, T, D)`` or one sequence per row ``(N, T * D)`` and returns the same shape.
"""

import numpy as np

from .._validation import flag, matrix, optional, options, positive, rng, size, validate
from ..neural_networks.network import Activation, Dense, Layer, _after_forward
from .attention import MultiHeadAttention, _heads_divide
from .recurrent import _sequence_after_forward, _sequence_input, _sequences, _shape2

__all__ = ["LayerNorm", "TransformerBlock"]


# --------------------------------------------------------------------------
# Layer normalization
# --------------------------------------------------------------------------


def _groups_of_features(args):
    """Relation: ``X`` has ``n_steps * n_features`` columns."""
    layer, X = args["self"], args["X"]
    if X.shape[1] != layer.n_in:
        raise ValueError(f"X must have {layer.n_in} columns ({layer.n_steps} steps of "
                         f"{layer.n_features} features) for {layer!r}; got shape {X.shape}")


class LayerNorm(Layer):
    r"""Layer normalization of every step's :math:`D` features, with learned ``gamma``, ``beta``.

    .. math::
        \hat x = \frac{x - \mu}{\sigma}, \quad \sigma = \sqrt{\operatorname{var}(x) +
        \varepsilon}, \quad y = \gamma \odot \hat x + \beta, \qquad
        \frac{\partial L}{\partial x} = \frac{1}{\sigma}\Big(g - \overline{g} -
        \hat x\, \overline{g \odot \hat x}\Big),\quad g = \gamma \odot
        \frac{\partial L}{\partial y}

    (bars: means over the :math:`D` features of the step).

    Parameters
    ----------
    n_features : int
        :math:`D`, the width that is normalized.
    n_steps : int, default=1
        Input rows hold ``n_steps`` consecutive groups of ``n_features`` columns
        (a flattened sequence); each group is normalized on its own, with the same
        ``gamma`` and ``beta``.
    eps : float, default=1e-5
        :math:`\varepsilon`, added to the variance.

    Examples
    --------
    >>> layer = LayerNorm(3)
    >>> layer.forward(np.array([[1.0, 2.0, 3.0], [10.0, 10.0, 13.0]])).round(4).tolist()
    [[-1.2247, 0.0, 1.2247], [-0.7071, -0.7071, 1.4142]]
    >>> LayerNorm(2, n_steps=3).n_params                     # gamma, beta shared by the steps
    4
    >>> layer.forward(np.ones((1, 4)))
    Traceback (most recent call last):
    ...
    ValueError: X must have 3 columns (1 steps of 3 features) for LayerNorm(3); got shape (1, 4)
    """

    @validate(n_features=size(), n_steps=size(), eps=positive)
    def __init__(self, n_features, n_steps=1, eps=1e-5):
        super().__init__()
        self.n_features, self.n_steps, self.eps = n_features, n_steps, eps
        self.n_in = self.n_out = n_features * n_steps
        self.params = {"gamma": np.ones(n_features), "beta": np.zeros(n_features)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def __repr__(self):
        steps = f", {self.n_steps} steps" if self.n_steps > 1 else ""
        return f"LayerNorm({self.n_features}{steps})"

    @validate(_groups_of_features, X=matrix, training=flag)
    def forward(self, X, training=True):
        """Every step of every row normalized; the shape of ``X``."""
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_after_forward, dY=matrix)
    def backward(self, dY):
        """:math:`\\partial L/\\partial X`; fills ``grads``.

        Examples
        --------
        The normalized values of a step sum to zero, so the sum of its outputs does
        not depend on the inputs, and neither does its gradient:

        >>> layer = LayerNorm(3)
        >>> _ = layer.forward(np.array([[1.0, 2.0, 4.0]]))
        >>> bool(np.allclose(layer.backward(np.ones((1, 3))), 0.0)), layer.grads["beta"].tolist()
        (True, [1.0, 1.0, 1.0])
        """
        return self._backward(dY)

    def _forward(self, X, training):
        Z = X.reshape(-1, self.n_features)  # one row per step
        mu = Z.mean(axis=1, keepdims=True)
        sigma = np.sqrt(Z.var(axis=1, keepdims=True) + self.eps)
        Z_hat = (Z - mu) / sigma
        self._cache = (Z_hat, sigma, X.shape)
        return (self.params["gamma"] * Z_hat + self.params["beta"]).reshape(X.shape)

    def _backward(self, dY):
        Z_hat, sigma, shape = self._cache
        dY = dY.reshape(Z_hat.shape)
        self.grads = {"gamma": np.sum(dY * Z_hat, axis=0), "beta": dY.sum(axis=0)}
        g = dY * self.params["gamma"]
        dZ = (g - g.mean(axis=1, keepdims=True)
              - Z_hat * np.mean(g * Z_hat, axis=1, keepdims=True)) / sigma
        return dZ.reshape(shape)


# --------------------------------------------------------------------------
# The encoder block
# --------------------------------------------------------------------------


class TransformerBlock(Layer):
    r"""One transformer encoder block: self-attention and a feed-forward network, each
    with a residual connection and layer normalization.

    Parameters
    ----------
    input_shape : tuple (n_steps, d_model)
        :math:`(T, D)`.
    n_heads : int, default=1
        Heads of the :class:`~mlcheatsheet.deep_learning.attention.MultiHeadAttention`;
        a divisor of :math:`D`.
    d_ff : int, default=32
        Width of the feed-forward network's hidden layer (:math:`4D` in Vaswani et al.).
    norm : {"post", "pre"}, default="post"
        Where the layer norms sit: after each residual sum (Vaswani et al.) or at the
        start of each branch, leaving the residual path an identity.
    causal : bool, default=False
        Causal self-attention (step :math:`t` reads steps :math:`\le t`).
    rng : numpy.random.Generator or int, optional

    Attributes
    ----------
    attn : MultiHeadAttention
    norm1, norm2 : LayerNorm
    ff1, ff2 : Dense
        The feed-forward network, ``D -> d_ff -> D``, applied to every position.
    attention : ndarray of shape (N, h, T, T)
        The attention weights of the last forward pass.

    Examples
    --------
    >>> block = TransformerBlock((5, 4), n_heads=2, d_ff=8, rng=0)
    >>> block.n_in, block.n_out                    # T * D in and out
    (20, 20)
    >>> block.n_params                             # (4 D^2 + D) + (2 D d_ff + d_ff + D) + 4 D
    160
    >>> block.forward(np.ones((3, 20))).shape, block.attention.shape
    ((3, 20), (3, 2, 5, 5))
    >>> block.backward(np.ones((3, 20))).shape, block.grads["ff1.W"].shape
    ((3, 20), (4, 8))
    >>> TransformerBlock((5, 4), norm="middle")
    Traceback (most recent call last):
    ...
    ValueError: norm must be one of 'post', 'pre'; got str 'middle'
    """

    @validate(input_shape=_shape2, n_heads=size(), d_ff=size(), norm=options("post", "pre"),
              causal=flag, rng=optional(rng), _=_heads_divide)
    def __init__(self, input_shape, n_heads=1, d_ff=32, norm="post", causal=False, rng=None):
        super().__init__()
        gen = np.random.default_rng() if rng is None else rng
        T, D = self.input_shape = input_shape
        self.n_heads, self.d_ff, self.norm = n_heads, d_ff, norm
        self.n_in = self.n_out = T * D
        self.attn = MultiHeadAttention(input_shape, n_heads=n_heads, causal=causal, rng=gen)
        self.norm1, self.norm2 = LayerNorm(D), LayerNorm(D)
        self.ff1, self.relu, self.ff2 = Dense(D, d_ff, rng=gen), Activation("relu"), \
            Dense(d_ff, D, rng=gen)
        self._parts = {"attn": self.attn, "norm1": self.norm1, "ff1": self.ff1,
                       "ff2": self.ff2, "norm2": self.norm2}
        # one flat dict, "<part>.<name>": the arrays the parts hold (see _sync)
        self.params = {f"{p}.{k}": v for p, layer in self._parts.items()
                       for k, v in layer.params.items()}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def __repr__(self):
        T, D = self.input_shape
        return (f"TransformerBlock(({T}, {D}), {self.n_heads} heads, d_ff={self.d_ff}, "
                f"{self.norm}-norm)")

    @property
    def attention(self):
        return self.attn.attention

    @validate(_sequence_input, X=_sequences, training=flag)
    def forward(self, X, training=True):
        """Outputs in the shape of ``X``; the attention weights are kept in ``attention``."""
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_sequence_after_forward, dY=_sequences)
    def backward(self, dY):
        """:math:`\\partial L/\\partial X` in the shape ``forward`` was given; fills ``grads``."""
        return self._backward(dY)

    def _sync(self):
        """Hand the parts the arrays of ``params`` (an optimizer step replaces them)."""
        for key, value in self.params.items():
            part, name = key.split(".")
            self._parts[part].params[name] = value

    def _ffn(self, H, training):  # every position (row of H) through D -> d_ff -> D
        return self.ff2._forward(self.relu._forward(self.ff1._forward(H, training),
                                                    training), training)

    def _ffn_backward(self, dF):
        return self.ff1._backward(self.relu._backward(self.ff2._backward(dF)))

    def _forward(self, X, training):
        self._sync()
        self._in_shape, (T, D) = X.shape, self.input_shape
        X = X.reshape(-1, T * D)  # one sequence per row, for the attention
        rows = (-1, D)  # one position per row, for the norms and the feed-forward network
        if self.norm == "post":
            H = self.norm1._forward(X + self.attn._forward(X, training), training)
            Y = self.norm2._forward(H.reshape(rows) + self._ffn(H.reshape(rows), training),
                                    training)
        else:
            H = X + self.attn._forward(self.norm1._forward(X, training), training)
            Y = H.reshape(rows) + self._ffn(self.norm2._forward(H.reshape(rows), training),
                                            training)
        return Y.reshape(self._in_shape)

    def _backward(self, dY):
        T, D = self.input_shape
        dY = dY.reshape(-1, D)
        if self.norm == "post":
            dS = self.norm2._backward(dY)  # S = H + FFN(H)
            dH = (dS + self._ffn_backward(dS)).reshape(-1, T * D)
            dR = self.norm1._backward(dH)  # R = X + MHA(X)
            dX = dR + self.attn._backward(dR)
        else:
            dH = (dY + self.norm2._backward(self._ffn_backward(dY))).reshape(-1, T * D)
            dX = dH + self.norm1._backward(self.attn._backward(dH))
        self.grads = {f"{p}.{k}": v for p, layer in self._parts.items()
                      for k, v in layer.grads.items()}
        return dX.reshape(self._in_shape)
