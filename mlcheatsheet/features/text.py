r"""Text as features: bag of words and tf-idf.

A model needs numbers, a text is a string. The *bag of words* keeps one column
per word of a vocabulary and counts each word in each document, forgetting the
order. :func:`build_vocabulary` lists the words of the training documents (in
sorted order), :func:`count_matrix` counts them in any documents. Raw counts
favour words that are frequent everywhere ("the", "of"); *tf-idf* multiplies
each count by the word's inverse document frequency (:func:`idf`, learned on
the training documents), which is small for words found in every document and
large for rare ones, and :func:`tf_idf` then scales each row to unit length.

The words are scikit-learn's: the text lowercased, then every run of two or
more letters, digits or underscores (``token_pattern=r"(?u)\b\w\w+\b"``). With
the same options the results equal scikit-learn's ``CountVectorizer`` and
``TfidfVectorizer`` (the tests require it to 1e-12). One difference: a batch
of documents with no word at all among them (``["1", "2"]``, most likely
numbers passed as texts) is refused with a ``ValueError`` rather than encoded
as rows of zeros; a single document without a known word still is.
"""

import re

import numpy as np

from .._validation import _as_numeric_array, _describe, flag, options, validate, vector

__all__ = ["build_vocabulary", "count_matrix", "idf", "tf_idf"]

_WORD = re.compile(r"(?u)\b\w\w+\b")


def _words(text):
    """The words of a text: lowercased, runs of two or more word characters."""
    return _WORD.findall(text.lower())


def _documents(value, name):
    """Spec: a non-empty list (or 1-D array) of strings with at least one word among them."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of texts (strings); got {_describe(value)}")
    docs = list(value.ravel()) if isinstance(value, np.ndarray) and value.ndim == 1 else value
    if isinstance(docs, np.ndarray) or len(docs) == 0:
        raise ValueError(f"{name} must be a non-empty list of texts; got {_describe(value)}")
    for i, doc in enumerate(docs):
        if not isinstance(doc, str):
            raise TypeError(f"{name}[{i}] must be a text (str); got {_describe(doc)}")
    if not any(_words(doc) for doc in docs):
        raise ValueError(f"{name} hold no word (a run of two or more letters or digits): "
                         f"{[str(d) for d in docs[:3]]}")
    return [str(doc) for doc in docs]


_documents.kind = "documents"


def _vocabulary(value, name):
    """Spec: a non-empty list of distinct words, each a lowercase run of two or more word characters."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of words (strings); got {_describe(value)}")
    terms = list(np.ravel(value)) if isinstance(value, np.ndarray) else list(value)
    if not terms:
        raise ValueError(f"{name} must hold at least one word; got {_describe(value)}")
    for term in terms:
        if not isinstance(term, str):
            raise TypeError(f"{name} must hold strings; it holds {_describe(term)}")
        if _words(term) != [term]:
            raise ValueError(f"{name} must hold words as build_vocabulary makes them (lowercase, "
                             f"two or more letters or digits); it holds {term!r}")
    if len(set(terms)) < len(terms):
        raise ValueError(f"{name} must not repeat a word; got {terms[:8]}")
    return [str(term) for term in terms]


_vocabulary.kind = "vocabulary"


def _counts(value, name):
    """Spec: a non-empty 2-D array of counts (whole numbers >= 0), one row per document."""
    counts = _as_numeric_array(value, name, bool_ok=False)
    if counts.ndim != 2 or counts.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (n_documents, n_words); "
                         f"got {_describe(counts)}")
    if not np.all(np.isfinite(counts)) or np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError(f"{name} must hold counts: finite whole numbers >= 0")
    return counts


_counts.kind = "array"


def _weights(value, name):
    """Spec: a vector of idf weights, all > 0."""
    weights = vector(value, name)
    if np.any(weights <= 0):
        raise ValueError(f"{name} must be > 0 (idf weights are at least 1); got "
                         f"{weights.tolist()[:6]}")
    return weights


_weights.kind = "array"


@validate(documents=_documents)
def build_vocabulary(documents):
    """The distinct words of the training documents, sorted: the columns of the bag of words.

    Parameters
    ----------
    documents : list of str

    Returns
    -------
    list of str
        scikit-learn's ``CountVectorizer().fit(documents).get_feature_names_out()``.

    Examples
    --------
    >>> build_vocabulary(["The cat sat.", "A cat and a dog!"])
    ['and', 'cat', 'dog', 'sat', 'the']
    """
    return sorted({word for doc in documents for word in _words(doc)})


@validate(documents=_documents, vocabulary=_vocabulary)
def count_matrix(documents, vocabulary):
    r"""The bag of words: how often each word of the vocabulary occurs in each document.

    Words not in the vocabulary are ignored, so new documents get the columns
    of the training vocabulary.

    Parameters
    ----------
    documents : list of str
    vocabulary : list of str
        The columns, usually ``build_vocabulary(training_documents)``.

    Returns
    -------
    ndarray of shape (n_documents, n_words)
        Entry :math:`(d, t)` is the count :math:`c_{dt}` of word :math:`t` in
        document :math:`d` (scikit-learn's ``CountVectorizer(vocabulary=...)``).

    Examples
    --------
    >>> count_matrix(["the cat and the hat", "no cat"], ["cat", "hat", "the"]).tolist()
    [[1.0, 1.0, 2.0], [1.0, 0.0, 0.0]]
    """
    column = {word: j for j, word in enumerate(vocabulary)}
    counts = np.zeros((len(documents), len(vocabulary)))
    for d, doc in enumerate(documents):
        for word in _words(doc):
            if word in column:
                counts[d, column[word]] += 1
    return counts


def _every_word_occurs(args):
    """Relation: without smoothing, a word in no training document would get an infinite weight."""
    if not args["smooth"] and not np.all(args["counts"].any(axis=0)):
        missing = np.flatnonzero(~args["counts"].any(axis=0)).tolist()
        raise ValueError(f"counts has columns {missing[:6]} with no document; their idf "
                         f"log(n / 0) is infinite: use smooth=True")


@validate(_every_word_occurs, counts=_counts, smooth=flag)
def idf(counts, smooth=True):
    r"""The inverse document frequency of every word, learned from the training counts.

    Parameters
    ----------
    counts : array_like of shape (n_documents, n_words)
        The training documents' :func:`count_matrix`.
    smooth : bool, default=True
        Add one to the number of documents and to every document frequency,
        as if one extra document held every word once.

    Returns
    -------
    ndarray of shape (n_words,)
        scikit-learn's ``TfidfVectorizer(smooth_idf=smooth).fit(documents).idf_``.

    Notes
    -----
    With :math:`n` documents, of which :math:`\mathrm{df}_t` contain word :math:`t`:

    .. math::

        \mathrm{idf}_t = \ln\frac{1 + n}{1 + \mathrm{df}_t} + 1 \quad\text{(smooth)}, \qquad
        \mathrm{idf}_t = \ln\frac{n}{\mathrm{df}_t} + 1.

    The textbook :math:`\ln(n / \mathrm{df}_t)` has no ``+ 1``: with it a word
    in every document keeps weight 1 instead of vanishing.

    Examples
    --------
    >>> counts = [[2.0, 1.0], [1.0, 0.0]]          # word 0 in both documents, word 1 in one
    >>> idf(counts).round(4).tolist()
    [1.0, 1.4055]
    >>> idf(counts, smooth=False).round(4).tolist()
    [1.0, 1.6931]
    """
    n, df = counts.shape[0], np.count_nonzero(counts, axis=0)
    if smooth:
        return np.log((1 + n) / (1 + df)) + 1
    return np.log(n / df) + 1


def _one_weight_per_word(args):
    """Relation: one idf weight per column of the counts."""
    if args["idf_weights"].shape[0] != args["counts"].shape[1]:
        raise ValueError(f"idf_weights must hold one weight per column of counts "
                         f"({args['counts'].shape[1]}); got {args['idf_weights'].shape[0]}")


_TF_IDF = dict(counts=_counts, idf_weights=_weights, sublinear_tf=flag,
               norm=options("l2", "l1", "none"))


@validate(_one_weight_per_word, **_TF_IDF)
def tf_idf(counts, idf_weights, sublinear_tf=False, norm="l2"):
    r"""Tf-idf: each count (or 1 + ln count) times its word's idf, rows scaled to length 1.

    Parameters
    ----------
    counts : array_like of shape (n_documents, n_words)
        The :func:`count_matrix` of the documents to encode.
    idf_weights : array_like of shape (n_words,)
        :func:`idf` of the *training* counts.
    sublinear_tf : bool, default=False
        Use :math:`1 + \ln c` for a count :math:`c > 0` (0 stays 0): the
        tenth occurrence of a word adds less than the first.
    norm : {"l2", "l1", "none"}, default="l2"
        Divide each row by its Euclidean length (or the sum of its absolute
        values); a row of zeros stays zeros.

    Returns
    -------
    ndarray of shape (n_documents, n_words)
        scikit-learn's ``TfidfVectorizer(sublinear_tf=..., norm=...)``
        transform (``norm=None`` there for ``"none"``).

    Examples
    --------
    >>> counts = [[2.0, 1.0], [1.0, 0.0]]
    >>> tf_idf(counts, idf(counts), norm="none").round(4).tolist()
    [[2.0, 1.4055], [1.0, 0.0]]
    >>> tf_idf(counts, idf(counts)).round(4).tolist()
    [[0.8181, 0.575], [1.0, 0.0]]
    """
    tf = counts
    if sublinear_tf:                                  # 1 + ln c where c > 0; 0 stays 0
        tf = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0.0)
    weights = tf * idf_weights
    if norm == "none":
        return weights
    order = 2 if norm == "l2" else 1
    lengths = np.linalg.norm(weights, ord=order, axis=1, keepdims=True)
    return weights / np.where(lengths > 0, lengths, 1.0)
