r"""Recurrent networks: vanilla RNN, LSTM and GRU cells, and sequence layers trained by
backpropagation through time (full or truncated), with gradient-norm clipping.

A recurrent cell maps an input :math:`x_t` and its state :math:`s_{t-1}` to a new
state :math:`s_t`, with the same weights at every step. For a batch, ``x`` has
shape ``(N, F)`` and the state ``(N, S)``: :math:`S = H` hidden units for the
vanilla RNN and the GRU; for the LSTM the state is the hidden state and the cell
state side by side, :math:`s = [h \mid c]` of width :math:`2H`. Every cell keeps
its input weights ``Wx`` of shape ``(F, G)``, recurrent weights ``Wh`` of shape
``(H, G)`` and biases ``b`` of shape ``(G,)``, with :math:`G = H, 4H, 3H` for the
RNN, LSTM and GRU (the gates side by side, in the order given in each class).

The sequence layers (:class:`RNN`, :class:`LSTM`, :class:`GRU`) run a cell over a
batch of sequences of shape ``(N, T, F)``: the input projections
:math:`x_t W_x + b` of all steps are one matrix product, the loop runs over time
only. Their backward pass is **backpropagation through time** (BPTT): the
gradient flows back from the last step to the first, and each step's share of
the weight gradients is added up. With ``truncate=k`` the gradient along the
state is cut at every multiple of :math:`k` steps (truncated BPTT, the
sequence processed in chunks of :math:`k` whose first state counts as a
constant); ``clip_norm`` rescales the layer's gradients with
:func:`mlcheatsheet.optimization.optimizers.clip_by_norm`.

The layers speak the interface of :mod:`mlcheatsheet.neural_networks.network`,
so :class:`~mlcheatsheet.neural_networks.network.Sequential`, ``fit`` and the
optimizers train them. A network's input is a matrix with one row per sequence
(``T * F`` values, step after step); a layer also takes a 3-D batch. With
``return_sequences=False`` (the default) a layer returns the last hidden state,
``(N, H)``, ready for a dense layer; with ``True`` every hidden state,
``(N, T, H)``, for another recurrent layer. The initial state is zero.
"""

import numpy as np

from .._validation import array, flag, integer, optional, options, positive, rng, size, validate
from ..neural_networks.activations import _sigmoid
from ..neural_networks.network import Layer, _initializer
from ..optimization import initializers
from ..optimization.optimizers import clip_by_norm

__all__ = ["RNNCell", "LSTMCell", "GRUCell", "RNN", "LSTM", "GRU", "make_memory_task"]


# --------------------------------------------------------------------------
# Cells: one step, as an object with params and grads
# --------------------------------------------------------------------------
# Each cell class holds its equations as two static methods. ``_step_forward`` takes the
# input projection a_x = x Wx + b (N, G), the state and Wh, and returns the new state and
# what the backward step needs; ``_step_backward`` takes dL/d(new state) and returns
# dL/d(a_x), dL/d(previous state) and dL/dWh.


def _cell_input(args):
    """Relation: ``x`` has the cell's input width, ``state`` its state width and ``x``'s rows."""
    cell, x, s = args["self"], args["x"], args["state"]
    if x.shape[1] != cell.n_in:
        raise ValueError(f"x must have {cell.n_in} columns for {cell!r}; got shape {x.shape}")
    if s.shape != (len(x), cell.state_size):
        raise ValueError(f"state must have shape ({len(x)}, {cell.state_size}) for {cell!r} "
                         f"and this x; got {s.shape}")


def _cell_after_forward(args):
    """Relation: ``backward`` comes after ``forward`` and ``d_state`` has the state's shape."""
    cell, ds = args["self"], args["d_state"]
    if cell._cache is None:
        raise RuntimeError(f"backward() of {cell!r} needs a forward() first")
    if ds.shape != cell._cache[1]:
        raise ValueError(f"d_state must have the shape of the last new state "
                         f"{cell._cache[1]} of {cell!r}; got {ds.shape}")


_matrix = array(ndim=2)


class _Cell:
    n_gates, state_factor = 1, 1
    _init_kwargs = {}

    def __init__(self, n_in, n_hidden, rng, init):
        self.n_in, self.n_hidden = n_in, n_hidden
        self.state_size = self.state_factor * n_hidden
        gen = np.random.default_rng() if rng is None else rng
        G = self.n_gates * n_hidden
        Wh = np.hstack([initializers.orthogonal((n_hidden, n_hidden), gen)
                        for _ in range(self.n_gates)])
        self.params = {"Wx": initializers.INITIALIZERS[init]((n_in, G), gen), "Wh": Wh,
                       "b": np.zeros(G)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self._cache = None

    def __repr__(self):
        return f"{type(self).__name__}({self.n_in} -> {self.n_hidden})"

    def _step(self, a_x, s):
        return self._step_forward(a_x, s, self.params["Wh"], **self._init_kwargs)

    def _step_back(self, ds, cache):
        return self._step_backward(ds, cache, self.params["Wh"], **self._init_kwargs)

    @validate(_cell_input, x=_matrix, state=_matrix)
    def forward(self, x, state):
        """The new state ``(N, state_size)`` after input ``x`` ``(N, n_in)``."""
        s, cache = self._step(x @ self.params["Wx"] + self.params["b"], state)
        self._cache = (x, s.shape, cache)
        return s

    @validate(_cell_after_forward, d_state=_matrix)
    def backward(self, d_state):
        """``(dL/dx, dL/d(previous state))`` from ``dL/d(new state)``; fills ``grads``."""
        x, _, cache = self._cache
        da, ds, dWh = self._step_back(d_state, cache)
        self.grads = {"Wx": x.T @ da, "Wh": dWh, "b": da.sum(axis=0)}
        return da @ self.params["Wx"].T, ds

    @property
    def n_params(self):
        """Number of scalar parameters."""
        return int(sum(p.size for p in self.params.values()))


_CELL_ARGS = dict(n_in=size(), n_hidden=size(), rng=optional(rng), init=_initializer)


class RNNCell(_Cell):
    r"""Vanilla (Elman) recurrent cell: :math:`h_t = \tanh(x_t W_x + h_{t-1} W_h + b)`.

    .. math::
        \frac{\partial L}{\partial a_t} = \frac{\partial L}{\partial h_t}\odot(1 - h_t^2),
        \quad \frac{\partial L}{\partial h_{t-1}} = \frac{\partial L}{\partial a_t} W_h^\top

    Parameters
    ----------
    n_in, n_hidden : int
        Input width :math:`F` and hidden units :math:`H`.
    rng : numpy.random.Generator or int, optional
    init : str, default="xavier_uniform"
        Initializer of ``Wx``; ``Wh`` starts orthogonal, ``b`` at zero.
    activation : {"tanh", "identity"}, default="tanh"
        ``"identity"`` makes the state an affine function of the inputs (the recurrence
        of the 2017 cheatsheet's model, kept to show what it cannot do).

    Examples
    --------
    >>> cell = RNNCell(2, 3, rng=0)
    >>> cell.params["Wx"].shape, cell.params["Wh"].shape, cell.n_params
    ((2, 3), (3, 3), 18)
    >>> h = cell.forward(np.ones((4, 2)), np.zeros((4, 3)))
    >>> h.shape, bool(np.all(np.abs(h) < 1))
    ((4, 3), True)
    >>> dx, dh = cell.backward(np.ones((4, 3)))
    >>> dx.shape, dh.shape, cell.grads["Wh"].shape
    ((4, 2), (4, 3), (3, 3))
    """

    @staticmethod
    def _step_forward(a_x, s, Wh, linear=False):
        a = a_x + s @ Wh
        h = a if linear else np.tanh(a)
        return h, (s, h)

    @staticmethod
    def _step_backward(ds, cache, Wh, linear=False):
        s, h = cache
        da = ds if linear else ds * (1 - h**2)
        return da, da @ Wh.T, s.T @ da

    @validate(**_CELL_ARGS, activation=options("tanh", "identity"))
    def __init__(self, n_in, n_hidden, rng=None, init="xavier_uniform", activation="tanh"):
        super().__init__(n_in, n_hidden, rng, init)
        self.activation = activation
        self._init_kwargs = {"linear": activation == "identity"}

    forward, backward = _Cell.forward, _Cell.backward  # swept per class


class LSTMCell(_Cell):
    r"""Long short-term memory cell: gates ``i, f, g, o`` side by side in ``Wx``, ``Wh``, ``b``.

    .. math::
        i = \sigma(a_i),\; f = \sigma(a_f),\; g = \tanh(a_g),\; o = \sigma(a_o),
        \quad a = x_t W_x + h_{t-1} W_h + b

    .. math:: c_t = f \odot c_{t-1} + i \odot g, \qquad h_t = o \odot \tanh(c_t)

    The state is :math:`[h_t \mid c_t]`, of width :math:`2H`. The forget gate's bias
    starts at 1, so that the cell remembers by default.

    Parameters
    ----------
    n_in, n_hidden : int
    rng : numpy.random.Generator or int, optional
    init : str, default="xavier_uniform"

    Examples
    --------
    >>> cell = LSTMCell(2, 3, rng=0)
    >>> cell.params["Wx"].shape, cell.params["b"].tolist()[3:6], cell.n_params
    ((2, 12), [1.0, 1.0, 1.0], 72)
    >>> s = cell.forward(np.ones((4, 2)), np.zeros((4, 6)))       # [h | c]
    >>> s.shape
    (4, 6)
    >>> dx, ds = cell.backward(np.ones((4, 6)))
    >>> dx.shape, ds.shape
    ((4, 2), (4, 6))
    """

    n_gates, state_factor = 4, 2
    @staticmethod
    def _step_forward(a_x, s, Wh):
        H = Wh.shape[0]
        h, c = s[:, :H], s[:, H:]
        a = a_x + h @ Wh
        i, f, o = _sigmoid(a[:, :H]), _sigmoid(a[:, H:2 * H]), _sigmoid(a[:, 3 * H:])
        g = np.tanh(a[:, 2 * H:3 * H])
        c_new = f * c + i * g
        tc = np.tanh(c_new)
        return np.hstack([o * tc, c_new]), (h, c, i, f, g, o, tc)

    @staticmethod
    def _step_backward(ds, cache, Wh):
        h, c, i, f, g, o, tc = cache
        H = h.shape[1]
        dh, dc = ds[:, :H], ds[:, H:]
        dc = dc + dh * o * (1 - tc**2)
        da = np.hstack([dc * g * i * (1 - i), dc * c * f * (1 - f), dc * i * (1 - g**2),
                        dh * tc * o * (1 - o)])
        return da, np.hstack([da @ Wh.T, dc * f]), h.T @ da

    @validate(**_CELL_ARGS)
    def __init__(self, n_in, n_hidden, rng=None, init="xavier_uniform"):
        super().__init__(n_in, n_hidden, rng, init)
        self.params["b"][n_hidden:2 * n_hidden] = 1.0

    forward, backward = _Cell.forward, _Cell.backward


class GRUCell(_Cell):
    r"""Gated recurrent unit: update gate ``z``, reset gate ``r``, candidate ``n``.

    .. math::
        z = \sigma(x_t W_x^z + h_{t-1} W_h^z + b^z), \quad
        r = \sigma(x_t W_x^r + h_{t-1} W_h^r + b^r)

    .. math::
        n = \tanh\!\big(x_t W_x^n + (r \odot h_{t-1}) W_h^n + b^n\big), \quad
        h_t = (1 - z)\odot n + z \odot h_{t-1}

    (the reset gate applied before the product, as in Cho et al.; PyTorch applies it
    after, :math:`r \odot (h_{t-1} W_h^n + b_h^n)`).

    Parameters
    ----------
    n_in, n_hidden : int
    rng : numpy.random.Generator or int, optional
    init : str, default="xavier_uniform"

    Examples
    --------
    >>> cell = GRUCell(2, 3, rng=0)
    >>> cell.params["Wh"].shape, cell.n_params
    ((3, 9), 54)
    >>> h = cell.forward(np.ones((4, 2)), np.zeros((4, 3)))
    >>> dx, dh = cell.backward(np.ones((4, 3)))
    >>> h.shape, dx.shape, dh.shape
    ((4, 3), (4, 2), (4, 3))
    """

    n_gates = 3
    @staticmethod
    def _step_forward(a_x, h, Wh):
        H = Wh.shape[0]
        zr = _sigmoid(a_x[:, :2 * H] + h @ Wh[:, :2 * H])
        z, r = zr[:, :H], zr[:, H:]
        n = np.tanh(a_x[:, 2 * H:] + (r * h) @ Wh[:, 2 * H:])
        return (1 - z) * n + z * h, (h, z, r, n)

    @staticmethod
    def _step_backward(dh_new, cache, Wh):
        h, z, r, n = cache
        H = h.shape[1]
        dan = dh_new * (1 - z) * (1 - n**2)
        drh = dan @ Wh[:, 2 * H:].T
        dazr = np.hstack([dh_new * (h - n) * z * (1 - z), drh * h * r * (1 - r)])
        dh = dh_new * z + drh * r + dazr @ Wh[:, :2 * H].T
        dWh = np.hstack([h.T @ dazr, (r * h).T @ dan])
        return np.hstack([dazr, dan]), dh, dWh

    @validate(**_CELL_ARGS)
    def __init__(self, n_in, n_hidden, rng=None, init="xavier_uniform"):
        super().__init__(n_in, n_hidden, rng, init)

    forward, backward = _Cell.forward, _Cell.backward


# --------------------------------------------------------------------------
# Sequence layers: a cell over time, BPTT
# --------------------------------------------------------------------------


def _shape2(value, name):
    """Spec: a sequence shape ``(n_steps, n_features)`` of positive integers."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{name} must be a tuple (n_steps, n_features); got "
                        f"{type(value).__name__} {value!r}"[:200])
    out = tuple(size()(v, f"{name}[{i}]") for i, v in enumerate(value))
    if out[0] * out[1] > 2**30:
        raise ValueError(f"{name} must have at most 2**30 values; got {out}")
    return out


_shape2.kind = "shape2"


def _sequences(value, name):
    """Spec: a finite float array of sequences (3-D) or of rows (2-D)."""
    arr = array()(value, name)
    if arr.ndim not in (2, 3):
        raise ValueError(f"{name} must be a 2-D (n_samples, n_steps * n_features) or 3-D "
                         f"(n_samples, n_steps, n_features) array; got shape {arr.shape}")
    return arr


_sequences.kind = "array"


def _sequence_input(args):
    """Relation: ``X`` is rows of flattened sequences or a 3-D batch of the layer's shape."""
    layer, X = args["self"], args["X"]
    T, F = layer.input_shape
    if X.ndim == 2 and X.shape[1] != T * F:
        raise ValueError(f"X must have {T * F} columns ({T} steps of {F} features) for "
                         f"{layer!r}; got shape {X.shape}")
    if X.ndim == 3 and X.shape[1:] != (T, F):
        raise ValueError(f"X must have shape (n_samples, {T}, {F}) or (n_samples, {T * F}) "
                         f"for {layer!r}; got shape {X.shape}")


def _sequence_after_forward(args):
    """Relation: ``backward`` comes after a training-mode ``forward``, ``dY`` of its shape."""
    layer, dY = args["self"], args["dY"]
    if layer._out_shape is None:
        raise RuntimeError(f"backward() of {layer!r} needs a training-mode forward() first")
    if dY.shape != layer._out_shape:
        raise ValueError(f"dY must have the shape of the last forward output "
                         f"{layer._out_shape} of {layer!r}; got {dY.shape}")


_LAYER_ARGS = dict(input_shape=_shape2, n_hidden=size(), return_sequences=flag,
                   truncate=optional(integer(minimum=1)), clip_norm=optional(positive),
                   rng=optional(rng), init=_initializer)


class RNN(Layer):
    r"""Vanilla recurrent layer: :class:`RNNCell` over a sequence, trained by BPTT.

    Parameters
    ----------
    input_shape : tuple (n_steps, n_features)
        :math:`(T, F)`.
    n_hidden : int
        :math:`H`.
    return_sequences : bool, default=False
        Return every hidden state ``(N, T, H)`` instead of the last ``(N, H)``.
    truncate : int, optional
        Truncated BPTT: the gradient along the state is cut every ``truncate`` steps.
    clip_norm : float, optional
        Rescale the layer's gradients (``Wx``, ``Wh``, ``b`` together) to this norm at
        most, by :func:`~mlcheatsheet.optimization.optimizers.clip_by_norm`.
    rng : numpy.random.Generator or int, optional
    init : str, default="xavier_uniform"
    activation : {"tanh", "identity"}, default="tanh"

    Examples
    --------
    >>> layer = RNN((5, 2), 3, rng=0)
    >>> layer.n_in, layer.n_out, layer.n_params
    (10, 3, 18)
    >>> layer.forward(np.zeros((4, 10))).shape        # rows of 5 steps of 2 features
    (4, 3)
    >>> layer.backward(np.ones((4, 3))).shape          # the shape forward was given
    (4, 10)
    >>> layer.forward(np.zeros((4, 5, 3)))
    Traceback (most recent call last):
    ...
    ValueError: X must have shape (n_samples, 5, 2) or (n_samples, 10) for RNN((5, 2) -> 3); got shape (4, 5, 3)
    """

    penalized = ("Wx", "Wh")  # the L2 penalty of ``fit`` covers both weight matrices

    @validate(**_LAYER_ARGS, activation=options("tanh", "identity"))
    def __init__(self, input_shape, n_hidden, return_sequences=False, truncate=None,
                 clip_norm=None, rng=None, init="xavier_uniform", activation="tanh"):
        cell = RNNCell(input_shape[1], n_hidden, rng, init, activation)
        self._setup(input_shape, n_hidden, return_sequences, truncate, clip_norm, cell)

    def _setup(self, input_shape, n_hidden, return_sequences, truncate, clip_norm, cell):
        super().__init__()
        self.input_shape, self.n_hidden = input_shape, n_hidden
        self.return_sequences, self.truncate, self.clip_norm = (return_sequences, truncate,
                                                                clip_norm)
        self.cell = cell
        self.params = cell.params  # the same dict: an update here is an update there
        T = input_shape[0]
        self.n_in = T * input_shape[1]
        self.n_out = T * n_hidden if return_sequences else n_hidden
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def __repr__(self):
        T, F = self.input_shape
        return f"{type(self).__name__}(({T}, {F}) -> {self.n_hidden})"

    @validate(_sequence_input, X=_sequences, training=flag)
    def forward(self, X, training=True):
        """Last hidden state ``(N, H)``, or all of them ``(N, T, H)`` if ``return_sequences``."""
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_sequence_after_forward, dY=_sequences)
    def backward(self, dY):
        """:math:`\\partial L/\\partial X` (in the shape ``forward`` was given) by
        backpropagation through time; fills ``grads``."""
        return self._backward(dY)

    def _forward(self, X, training):
        self._in_shape = X.shape
        X = X.reshape((len(X),) + self.input_shape)
        cell, (N, T, _) = self.cell, X.shape
        A = X @ cell.params["Wx"] + cell.params["b"]  # (N, T, G): all steps at once
        s = np.zeros((N, cell.state_size))
        Hs, caches = np.empty((N, T, self.n_hidden)), []
        for t in range(T):
            s, cache = cell._step(A[:, t], s)
            Hs[:, t] = s[:, :self.n_hidden]
            caches.append(cache)
        self._X, self._caches = X, caches
        return Hs if self.return_sequences else Hs[:, -1]

    def _backward(self, dY):
        cell, X, H = self.cell, self._X, self.n_hidden
        N, T, _ = X.shape
        dHs = dY if self.return_sequences else np.zeros((N, T, H))
        if not self.return_sequences:
            dHs[:, -1] = dY
        dA = np.empty((N, T, cell.params["b"].size))
        ds, dWh = np.zeros((N, cell.state_size)), np.zeros_like(cell.params["Wh"])
        for t in reversed(range(T)):
            ds[:, :H] += dHs[:, t]
            dA[:, t], ds, dWh_t = cell._step_back(ds, self._caches[t])
            dWh += dWh_t
            if self.truncate is not None and t % self.truncate == 0:
                ds = np.zeros_like(ds)  # a chunk starts: its first state is fixed
        grads = {"Wx": np.einsum("ntf,ntg->fg", X, dA), "Wh": dWh,
                 "b": dA.sum(axis=(0, 1))}
        if self.clip_norm is not None:
            grads = clip_by_norm(grads, self.clip_norm)
        self.grads = grads
        return (dA @ cell.params["Wx"].T).reshape(self._in_shape)


class LSTM(RNN):
    r"""LSTM layer: :class:`LSTMCell` over a sequence, trained by BPTT.

    Parameters as :class:`RNN` (without ``activation``).

    Examples
    --------
    >>> layer = LSTM((8, 8), 16, rng=0)
    >>> layer.n_in, layer.n_out, layer.n_params          # 4 (8*16 + 16*16 + 16)
    (64, 16, 1600)
    >>> layer.forward(np.zeros((2, 64))).shape
    (2, 16)
    >>> LSTM((8, 8), 16, return_sequences=True, rng=0).forward(np.zeros((2, 8, 8))).shape
    (2, 8, 16)
    >>> layer.backward(np.ones((2, 16))).shape
    (2, 64)
    """

    @validate(**_LAYER_ARGS)
    def __init__(self, input_shape, n_hidden, return_sequences=False, truncate=None,
                 clip_norm=None, rng=None, init="xavier_uniform"):
        cell = LSTMCell(input_shape[1], n_hidden, rng, init)
        self._setup(input_shape, n_hidden, return_sequences, truncate, clip_norm, cell)

    forward, backward = RNN.forward, RNN.backward  # swept per class


class GRU(RNN):
    r"""GRU layer: :class:`GRUCell` over a sequence, trained by BPTT.

    Parameters as :class:`RNN` (without ``activation``).

    Examples
    --------
    >>> layer = GRU((8, 8), 16, rng=0)
    >>> layer.n_params                                     # 3 (8*16 + 16*16 + 16)
    1200
    >>> layer.forward(np.zeros((2, 8, 8))).shape
    (2, 16)
    >>> layer.backward(np.ones((2, 16))).shape
    (2, 8, 8)
    """

    @validate(**_LAYER_ARGS)
    def __init__(self, input_shape, n_hidden, return_sequences=False, truncate=None,
                 clip_norm=None, rng=None, init="xavier_uniform"):
        cell = GRUCell(input_shape[1], n_hidden, rng, init)
        self._setup(input_shape, n_hidden, return_sequences, truncate, clip_norm, cell)

    forward, backward = RNN.forward, RNN.backward  # swept per class



# --------------------------------------------------------------------------
# A long-range-dependency task
# --------------------------------------------------------------------------


_n_steps, _n_symbols = integer(minimum=1, maximum=10_000), integer(minimum=2, maximum=1000)


@validate(n_samples=size(), n_steps=_n_steps, n_symbols=_n_symbols, rng=optional(rng))
def make_memory_task(n_samples, n_steps, n_symbols=4, rng=None):
    """Sequences of random symbols whose label is the *first* one: remember it over
    ``n_steps`` steps.

    Every step holds one of ``n_symbols`` symbols, one-hot, drawn uniformly and
    independently; the label is the symbol of step 0. The later steps are
    distractors of the same alphabet, so a model reading the sequence must keep
    the first symbol in its state through ``n_steps - 1`` others. Guessing gives
    an accuracy of ``1 / n_symbols``.

    Parameters
    ----------
    n_samples : int
    n_steps : int
        :math:`T`, the length of every sequence.
    n_symbols : int, default=4
    rng : numpy.random.Generator or int, optional

    Returns
    -------
    X : ndarray of shape (n_samples, n_steps * n_symbols)
        One row per sequence, step after step (the layers' input, shape
        ``(n_steps, n_symbols)``).
    y : ndarray of shape (n_samples,)
        The first step's symbol, ``0 .. n_symbols - 1``.

    Examples
    --------
    >>> X, y = make_memory_task(2, 3, n_symbols=2, rng=0)
    >>> X.reshape(2, 3, 2).argmax(axis=2).tolist(), y.tolist()
    ([[1, 1, 1], [0, 0, 0]], [1, 0])
    """
    gen = np.random.default_rng() if rng is None else rng
    symbols = gen.integers(0, n_symbols, size=(n_samples, n_steps))
    X = np.eye(n_symbols)[symbols].reshape(n_samples, n_steps * n_symbols)
    return X, symbols[:, 0]
