"""Bag of words and tf-idf against scikit-learn's CountVectorizer and TfidfVectorizer (1e-12),
on the page's corpus and on generated texts; hand-worked idf values; bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_iris, load_wine
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from mlcheatsheet.features import text as tx

SETTINGS = settings(max_examples=60, deadline=None, database=None)

# the corpus of docs/features/text.md
CORPUS = [
    "The cat sat on the mat.",
    "The dog sat on the log.",
    "The cat chased the dog, and the dog chased the cat.",
    "A bird sang on the fence; the cat watched the bird.",
    "The dogs and cats are pets. A bird is a pet too.",
]
NEW = ["The bird sat on the cat's mat.", "A fish!", "Cat, cat, cat: CAT."]


def test_vocabulary_and_counts_match_count_vectorizer():
    vectorizer = CountVectorizer().fit(CORPUS)
    vocabulary = tx.build_vocabulary(CORPUS)
    assert vocabulary == vectorizer.get_feature_names_out().tolist()
    for docs in (CORPUS, NEW):
        np.testing.assert_array_equal(tx.count_matrix(docs, vocabulary),
                                      vectorizer.transform(docs).toarray())


@pytest.mark.parametrize("sublinear_tf", [False, True])
@pytest.mark.parametrize("smooth", [True, False])
@pytest.mark.parametrize("norm", ["l2", "l1", "none"])
def test_tf_idf_matches_tfidf_vectorizer(sublinear_tf, smooth, norm):
    sk = TfidfVectorizer(sublinear_tf=sublinear_tf, smooth_idf=smooth,
                         norm=None if norm == "none" else norm).fit(CORPUS)
    vocabulary = tx.build_vocabulary(CORPUS)
    weights = tx.idf(tx.count_matrix(CORPUS, vocabulary), smooth=smooth)
    np.testing.assert_allclose(weights, sk.idf_, rtol=0, atol=1e-12)
    for docs in (CORPUS, NEW):
        ours = tx.tf_idf(tx.count_matrix(docs, vocabulary), weights, sublinear_tf, norm)
        np.testing.assert_allclose(ours, sk.transform(docs).toarray(), rtol=0, atol=1e-12)


def test_tf_idf_matches_on_the_descriptions_of_scikit_learns_data_sets():
    docs = [load_iris().DESCR, load_wine().DESCR]
    sk = TfidfVectorizer(sublinear_tf=True).fit(docs)
    vocabulary = tx.build_vocabulary(docs)
    counts = tx.count_matrix(docs, vocabulary)
    np.testing.assert_allclose(tx.tf_idf(counts, tx.idf(counts), sublinear_tf=True),
                               sk.transform(docs).toarray(), rtol=0, atol=1e-12)


WORDS = ["cat", "Cat", "dog", "naïve", "x", "42", "under_score", "straße", "l'été", "a-b", "ÉTÉ"]
TEXTS = st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=12)
                 .map(lambda ws: " ".join(ws) + "."), min_size=1, max_size=8)


@SETTINGS
@given(docs=TEXTS, new=TEXTS, sublinear_tf=st.booleans(), smooth=st.booleans())
def test_tf_idf_matches_on_generated_texts(docs, new, sublinear_tf, smooth):
    # a batch with no word at all is refused (a list of numbers passed as texts, most likely)
    docs, new = docs + ["dog"], new + ["Straße 42"]
    sk = TfidfVectorizer(sublinear_tf=sublinear_tf, smooth_idf=smooth).fit(docs)
    vocabulary = tx.build_vocabulary(docs)
    assert vocabulary == sk.get_feature_names_out().tolist()
    weights = tx.idf(tx.count_matrix(docs, vocabulary), smooth=smooth)
    ours = tx.tf_idf(tx.count_matrix(new, vocabulary), weights, sublinear_tf=sublinear_tf)
    np.testing.assert_allclose(ours, sk.transform(new).toarray(), rtol=0, atol=1e-12)


def test_idf_golden_values():
    # 4 documents; df = 4, 2, 1: smooth ln(5/5)+1, ln(5/3)+1, ln(5/2)+1; plain ln(4/4)+1, ...
    counts = np.array([[1, 1, 0], [3, 1, 0], [1, 0, 0], [2, 0, 5]], dtype=float)
    np.testing.assert_allclose(tx.idf(counts), [1.0, 1.5108256237659907, 1.916290731874155],
                               rtol=1e-15)
    np.testing.assert_allclose(tx.idf(counts, smooth=False), [1.0, 1 + np.log(2), 1 + np.log(4)],
                               rtol=1e-15)


def test_sublinear_tf_and_norms_by_hand():
    counts = np.array([[10.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    ones = np.ones(3)
    np.testing.assert_allclose(tx.tf_idf(counts, ones, sublinear_tf=True, norm="none"),
                               [[1 + np.log(10), 1.0, 0.0], [0.0, 0.0, 0.0]], rtol=1e-15)
    l2 = tx.tf_idf(counts, ones)
    np.testing.assert_allclose(l2[0], np.array([10.0, 1.0, 0.0]) / np.sqrt(101), rtol=1e-15)
    assert l2[1].tolist() == [0.0, 0.0, 0.0]          # a document with no known word stays zero
    np.testing.assert_allclose(tx.tf_idf(counts, ones, norm="l1")[0], [10 / 11, 1 / 11, 0.0])


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_l2_rows_have_unit_length_and_every_document_word_weighs_least(seed):
    rng = np.random.default_rng(seed)
    counts = rng.poisson(1.0, size=(6, 5)).astype(float)
    counts[:, 0] += 1                                   # word 0 occurs in every document
    weights = tx.idf(counts)
    assert weights[0] == 1.0 and np.all(weights >= 1.0)
    X = tx.tf_idf(counts, weights)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0, rtol=1e-12)


@pytest.mark.parametrize("call, error, message", [
    (lambda: tx.build_vocabulary("one text"), TypeError, "documents must be a list of texts"),
    (lambda: tx.build_vocabulary([]), ValueError, "non-empty"),
    (lambda: tx.build_vocabulary(["a b", "1 2"]), ValueError, "documents hold no word"),
    (lambda: tx.build_vocabulary(["cat", 3]), TypeError, r"documents\[1\] must be a text"),
    (lambda: tx.count_matrix(["cat"], ["cat", "cat"]), ValueError, "vocabulary must not repeat"),
    (lambda: tx.count_matrix(["cat"], ["Cat"]), ValueError, "vocabulary must hold words"),
    (lambda: tx.count_matrix(["cat"], []), ValueError, "vocabulary must hold at least one"),
    (lambda: tx.idf([[1.0, -1.0]]), ValueError, "counts must hold counts"),
    (lambda: tx.idf([[1.5]]), ValueError, "counts must hold counts"),
    (lambda: tx.idf([1.0, 2.0]), ValueError, "counts must be a non-empty 2-D"),
    (lambda: tx.idf([[1.0, 0.0]], smooth=False), ValueError, "use smooth=True"),
    (lambda: tx.tf_idf([[1.0, 0.0]], [1.0]), ValueError, "idf_weights must hold one weight"),
    (lambda: tx.tf_idf([[1.0]], [0.0]), ValueError, "idf_weights must be > 0"),
    (lambda: tx.tf_idf([[1.0]], [1.0], norm=None), TypeError, "norm must be one of"),
    (lambda: tx.tf_idf([[1.0]], [1.0], norm="max"), ValueError, "norm must be one of"),
])
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
