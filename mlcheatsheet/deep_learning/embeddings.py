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

Word vectors by skip-gram with negative sampling (Mikolov et al., 2013): every
word :math:`c` of a text and every word :math:`o` within ``window`` places of it
form a positive pair, :math:`k` words drawn from the unigram distribution raised
to the power 3/4 are negatives, and two tables, input vectors :math:`v` and
output vectors :math:`u`, are trained to tell them apart:

.. math::
    L = -\frac1B \sum_{b} \Big[\log\sigma(u_{o_b}\cdot v_{c_b})
        + \sum_{j=1}^{k} \log\sigma(-u_{n_{bj}}\cdot v_{c_b})\Big].

:func:`markdown_words` turns a page of this site into lower-case words,
:func:`build_vocabulary` keeps the most frequent, :func:`skipgram_pairs` makes
the pairs, :func:`sgns_loss` gives the loss and its gradients, :func:`train_sgns`
trains, :func:`nearest_words` reads the neighbours by cosine similarity.
"""

import re
from collections import Counter

import numpy as np

from .._validation import (
    array,
    flag,
    integer,
    interval,
    matrix,
    optional,
    positive,
    rng,
    size,
    validate,
    vector,
)
from ..neural_networks.activations import _sigmoid
from ..neural_networks.network import Layer, _after_forward
from ..optimization.optimizers import Adam, _unchecked

__all__ = ["Embedding", "make_same_group_task", "markdown_words", "build_vocabulary",
           "skipgram_pairs", "sgns_loss", "train_sgns", "nearest_words"]


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



# --------------------------------------------------------------------------
# Word vectors: skip-gram with negative sampling
# --------------------------------------------------------------------------


def _text(value, name):
    """Spec: a string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {type(value).__name__} {value!r}"[:200])
    if not re.search(r"[A-Za-z]", value):
        raise ValueError(f"{name} must contain words (letters); got {value!r}"[:200])
    return value


_text.kind = "text"


def _words(value, name):
    """Spec: a non-empty list of words, each a run of letters."""
    if not isinstance(value, (list, tuple)) or not value or not all(
            isinstance(w, str) for w in value):
        raise TypeError(f"{name} must be a non-empty list of words (strings); got "
                        f"{type(value).__name__} {value!r}"[:200])
    bad = [w for w in value if not w.isalpha()]
    if bad:
        raise ValueError(f"{name} must hold words of letters only; got {bad[0]!r}"[:200])
    return list(value)


_words.kind = "words"

_MARKUP = [
    (r"\A---\n.*?\n---\n", " "),                     # front matter
    (r"```.*?```", " "),                            # code cells, directives, doctests
    (r"\$\$.*?\$\$|\$[^$\n]+\$", " "),              # display and inline math
    (r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1"),  # a role: keep its text
    (r"`[^`]*`", " "),                              # inline code
    (r"\]\([^)]*\)", " "),                          # a link's target
    (r"<[^>]+>", " "),                              # HTML tags
]


@validate(text=_text)
def markdown_words(text):
    r"""The words of a MyST Markdown page, lower-case, with code, math and markup removed.

    Front matter, fenced blocks (code cells, directives, doctests), math and inline
    code go; a role keeps its text (``{term}`learning rate``` gives "learning rate");
    a word is a run of letters.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> page = "The {term}`Learning rate` sets $x$ in `fit`.\n```python\nx = 1\n```\nDone."
    >>> markdown_words(page)
    ['the', 'learning', 'rate', 'sets', 'in', 'done']
    """
    for pattern, repl in _MARKUP:
        text = re.sub(pattern, repl, text, flags=re.S)
    return re.findall(r"[a-z]+", text.lower())


@validate(words=_words, n_words=size(minimum=2))
def build_vocabulary(words, n_words):
    """The ``n_words`` most frequent words (ties by first occurrence) and the text as ids.

    Parameters
    ----------
    words : list of str
    n_words : int

    Returns
    -------
    vocabulary : list of str
        Most frequent first; word ``i`` has id ``i``.
    ids : ndarray of int
        The text's words in their order, those outside the vocabulary dropped.
    counts : ndarray of int
        How often each vocabulary word occurs.

    Examples
    --------
    >>> vocab, ids, counts = build_vocabulary("a b a c a b d".split(), 2)
    >>> vocab, ids.tolist(), counts.tolist()
    (['a', 'b'], [0, 1, 0, 0, 1], [3, 2])
    """
    vocabulary = [w for w, _ in Counter(words).most_common(n_words)]
    index = {w: i for i, w in enumerate(vocabulary)}
    ids = np.array([index[w] for w in words if w in index], dtype=np.intp)
    return vocabulary, ids, np.bincount(ids, minlength=len(vocabulary))


def _ids(value, name):
    """Spec: a 1-D array of non-negative integer ids."""
    arr = vector(value, name)
    if np.any(arr != np.round(arr)) or np.any(arr < 0):
        raise ValueError(f"{name} must hold non-negative integer ids; got values from "
                         f"{arr.min():g} to {arr.max():g}")
    return arr.astype(np.intp)


_ids.kind = "vector"


@validate(ids=_ids, window=size())
def skipgram_pairs(ids, window=2):
    """Every (center, context) pair of words at most ``window`` places apart, both ways.

    Parameters
    ----------
    ids : array_like of int, shape (n,)
    window : int, default=2

    Returns
    -------
    centers, contexts : ndarray of int, shape (n_pairs,)
        :math:`2\\sum_{o=1}^{w} (n - o)` pairs.

    Examples
    --------
    >>> centers, contexts = skipgram_pairs([7, 8, 9], window=1)
    >>> list(zip(centers.tolist(), contexts.tolist()))
    [(7, 8), (8, 9), (8, 7), (9, 8)]
    """
    offsets = range(1, min(window, len(ids) - 1) + 1)
    centers = [ids[:-o] for o in offsets] + [ids[o:] for o in offsets]
    contexts = [ids[o:] for o in offsets] + [ids[:-o] for o in offsets]
    return (np.concatenate(centers or [ids[:0]]), np.concatenate(contexts or [ids[:0]]))


def _sgns_shapes(args):
    """Relation: two tables of one shape; one center per context, ``negatives`` (B, k);
    every id a row of the tables."""
    W_in, W_out = args["W_in"], args["W_out"]
    if W_in.shape != W_out.shape:
        raise ValueError(f"W_out must have the shape of W_in {W_in.shape}; got {W_out.shape}")
    c, o, neg = args["centers"], args["contexts"], args["negatives"]
    if len(o) != len(c) or neg.shape[0] != len(c):
        raise ValueError(f"contexts and negatives must have one row per center ({len(c)}); "
                         f"got {len(o)} and {neg.shape[0]}")
    for name in ("centers", "contexts", "negatives"):
        a = args[name]
        if a.size and a.max() >= len(W_in):
            raise ValueError(f"{name} must hold ids below {len(W_in)} (rows of W_in); got "
                             f"{int(a.max())}")


def _id_matrix(value, name):
    """Spec: a 2-D array of non-negative integer ids."""
    arr = matrix(value, name)
    if np.any(arr != np.round(arr)) or np.any(arr < 0):
        raise ValueError(f"{name} must hold non-negative integer ids")
    return arr.astype(np.intp)


_id_matrix.kind = "matrix"


_SGNS = dict(W_in=matrix, W_out=matrix, centers=_ids, contexts=_ids, negatives=_id_matrix,
             _=_sgns_shapes)


@validate(**_SGNS)
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    r"""The skip-gram negative-sampling loss of a batch and its gradients.

    With :math:`v = W_{in}[c]`, :math:`u = W_{out}[o]`, :math:`u_j = W_{out}[n_j]`:

    .. math::
        \ell = -\log\sigma(u\cdot v) - \sum_j \log\sigma(-u_j\cdot v), \quad
        \frac{\partial \ell}{\partial v} = (\sigma(u\cdot v) - 1)\,u
            + \sum_j \sigma(u_j\cdot v)\, u_j, \\
        \frac{\partial \ell}{\partial u} = (\sigma(u\cdot v) - 1)\,v, \qquad
        \frac{\partial \ell}{\partial u_j} = \sigma(u_j\cdot v)\, v,

    averaged over the batch and scatter-added into the rows (a repeated id
    collects all its gradients).

    Parameters
    ----------
    W_in, W_out : ndarray of shape (n_words, dim)
        Input (center) and output (context) vectors.
    centers, contexts : array_like of int, shape (B,)
    negatives : array_like of int, shape (B, k)

    Returns
    -------
    loss : float
    dW_in, dW_out : ndarray of shape (n_words, dim)

    Examples
    --------
    >>> W = np.zeros((3, 2))                     # all scores 0: each term is log 2
    >>> loss, dW_in, dW_out = sgns_loss(W, W, [0], [1], [[2, 2]])
    >>> round(float(loss / np.log(2)), 12), dW_in.tolist()
    (3.0, [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
    """
    B = len(centers)
    v, u, u_neg = W_in[centers], W_out[contexts], W_out[negatives]  # B x d, B x k x d
    pos = np.sum(u * v, axis=1)                                    # (B,)
    neg = np.einsum("bkd,bd->bk", u_neg, v)                        # (B, k)
    # -log sigma(x) = logaddexp(0, -x), without overflow
    loss = (np.logaddexp(0, -pos).sum() + np.logaddexp(0, neg).sum()) / B
    g_pos, g_neg = (_sigmoid(pos) - 1) / B, _sigmoid(neg) / B      # d loss / d score
    dv = g_pos[:, None] * u + np.einsum("bk,bkd->bd", g_neg, u_neg)
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    np.add.at(dW_in, centers, dv)
    np.add.at(dW_out, contexts, g_pos[:, None] * v)
    np.add.at(dW_out, negatives, g_neg[..., None] * v[:, None, :])
    return float(loss), dW_in, dW_out


def _pairs_fit(args):
    """Relation: one context per center, ``counts`` one per word, every id below it."""
    c, o, counts = args["centers"], args["contexts"], args["counts"]
    if len(c) != len(o) or not len(c):
        raise ValueError(f"contexts must have one entry per center ({len(c)}), at least "
                         f"one; got {len(o)}")
    if max(c.max(), o.max()) >= len(counts):
        raise ValueError(f"counts must have one entry per word id (at least "
                         f"{max(c.max(), o.max()) + 1}); got {len(counts)}")


@validate(centers=_ids, contexts=_ids, counts=vector, dim=size(), n_negatives=size(),
          n_epochs=integer(minimum=1), batch_size=integer(minimum=1), lr=positive,
          power=interval(0, 1, closed="both"), rng=optional(rng), _=_pairs_fit)
def train_sgns(centers, contexts, counts, dim=32, n_negatives=5, n_epochs=3,
               batch_size=256, lr=0.01, power=0.75, rng=None):
    r"""Word vectors by skip-gram with negative sampling, trained with Adam.

    Each epoch shuffles the pairs; each mini-batch draws ``n_negatives`` words per
    pair from :math:`P(w) \propto \text{count}(w)^{\text{power}}` and takes one
    Adam step on :func:`sgns_loss`. Both tables start as small random numbers
    (normal, standard deviation :math:`1/\sqrt{d}` / 10).

    Parameters
    ----------
    centers, contexts : array_like of int
        Pairs from :func:`skipgram_pairs`.
    counts : array_like of shape (n_words,)
        Word frequencies, for the negative distribution.
    dim : int, default=32
    n_negatives : int, default=5
    n_epochs : int, default=3
    batch_size : int, default=256
    lr : float, default=0.01
    power : float, default=0.75
    rng : numpy.random.Generator or int, optional

    Returns
    -------
    W_in : ndarray of shape (n_words, dim)
        The word vectors (the input table).
    losses : list of float
        The mean loss of every epoch's batches.

    Examples
    --------
    >>> centers, contexts = skipgram_pairs(np.tile([0, 1, 2, 3], 50), window=1)
    >>> W, losses = train_sgns(centers, contexts, np.ones(4), dim=4, n_epochs=5, rng=0)
    >>> W.shape, bool(losses[-1] < losses[0])
    ((4, 4), True)
    """
    gen = np.random.default_rng() if rng is None else rng
    n_words = len(counts)
    params = {"in": gen.normal(0, 0.1 / np.sqrt(dim), (n_words, dim)),
              "out": gen.normal(0, 0.1 / np.sqrt(dim), (n_words, dim))}
    p_neg = counts ** power / np.sum(counts ** power)
    step, losses = _unchecked(Adam(lr=lr).step), []
    for _ in range(n_epochs):
        order, total = gen.permutation(len(centers)), 0.0
        drawn = gen.choice(n_words, size=(len(order), n_negatives), p=p_neg)  # all at once
        for i in range(0, len(order), batch_size):
            b, negatives = order[i:i + batch_size], drawn[i:i + batch_size]
            loss, d_in, d_out = sgns_loss.__wrapped__(params["in"], params["out"],
                                                      centers[b], contexts[b], negatives)
            params = step(params, {"in": d_in, "out": d_out})
            total += loss * len(b)
        losses.append(total / len(order))
    return params["in"], losses


def _known_words(args):
    """Relation: the vocabulary has one word per row of ``W``; the query words are in it."""
    W, vocabulary = args["W"], args["vocabulary"]
    if len(vocabulary) != len(W):
        raise ValueError(f"vocabulary must have one word per row of W ({len(W)}); got "
                         f"{len(vocabulary)}")
    missing = [w for w in args["words"] if w not in vocabulary]
    if missing:
        raise ValueError(f"words must be in the vocabulary; got {missing[0]!r}")


@validate(W=matrix, vocabulary=_words, words=_words, k=size(), _=_known_words)
def nearest_words(W, vocabulary, words, k=5):
    r"""The ``k`` nearest words of each query word by cosine similarity :math:`\frac{a\cdot b}{\lVert a\rVert\lVert b\rVert}`.

    Parameters
    ----------
    W : ndarray of shape (n_words, dim)
    vocabulary : list of str
        The word of each row of ``W``.
    words : list of str
        Query words, each in ``vocabulary``.
    k : int, default=5

    Returns
    -------
    dict
        ``{word: [(neighbour, cosine similarity), ...]}``, most similar first, the
        word itself left out.

    Examples
    --------
    >>> W = np.array([[1.0, 0.0], [2.0, 0.1], [0.0, 1.0]])
    >>> result = nearest_words(W, ["cat", "dog", "car"], ["cat"], k=2)
    >>> [(w, round(s, 3)) for w, s in result["cat"]]
    [('dog', 0.999), ('car', 0.0)]
    """
    unit = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    out = {}
    for word in words:
        i = vocabulary.index(word)
        sims = unit @ unit[i]
        sims[i] = -np.inf
        best = np.argsort(-sims, kind="stable")[:k]
        out[word] = [(vocabulary[j], float(sims[j])) for j in best]
    return out
