"""Linear algebra: every operation against NumPy/SciPy, the 2017 cheatsheet's worked answers
(its "test yourself" products and broadcasting examples), properties and bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial import distance

from mlcheatsheet.math import linear_algebra as la


def test_vector_examples_of_the_2017_cheatsheet():
    y, x = np.array([1, 2, 3]), np.array([2, 3, 4])
    assert (np.array([2, 2, 2]) + 1).tolist() == [3, 3, 3]
    assert (y + x).tolist() == [3, 5, 7] and (y - x).tolist() == [-1, -1, -1]
    np.testing.assert_allclose(y / x, [0.5, 2 / 3, 0.75])
    assert la.dot(y, x) == 1 * 2 + 2 * 3 + 3 * 4 == 20
    assert la.hadamard(y, x).tolist() == [2, 6, 12]


def test_matrix_examples_of_the_2017_cheatsheet():
    assert (np.array([[2, 3], [2, 3], [2, 3]]) + 1).tolist() == [[3, 4], [3, 4], [3, 4]]
    a = np.array([[1, 2], [3, 4]])
    assert (a + 1).tolist() == [[2, 3], [4, 5]]
    assert (a + a).tolist() == [[2, 4], [6, 8]] and (a - a).tolist() == [[0, 0], [0, 0]]
    b = a.copy()
    # §2.1 #35: its subtraction is typed `a -- b`, which Python reads as a - (-b) = a + b,
    # not the zero matrix the 2017 cheatsheet prints under it
    assert eval("a -- b").tolist() == [[2, 4], [6, 8]] != [[0, 0], [0, 0]]
    assert la.hadamard([[2, 3], [2, 3]], [[3, 4], [5, 6]]).tolist() == [[6, 12], [10, 18]]
    assert la.transpose(a).tolist() == [[1, 3], [2, 4]]
    # row 1 of [[1,7],[2,4]] times column 1 of [[3,3],[5,2]]: 1*3 + 7*5 = 38
    assert la.matmul([[1, 7], [2, 4]], [[3, 3], [5, 2]]).tolist() == [[38, 17], [26, 14]]


def test_the_test_yourself_answers():
    assert la.matmul(np.ones((2, 2)), np.ones((2, 3))).shape == (2, 3)            # Q1
    A, B = np.arange(1, 13).reshape(3, 4), np.arange(1, 9).reshape(4, 2)
    assert la.matmul(A, B).shape == (3, 2)                                          # Q2
    assert la.matmul(A, B).tolist() == (A @ B).tolist() == [[50, 60], [114, 140], [178, 220]]
    assert la.matmul([[2, 3], [1, 4]], [[5, 4], [3, 5]]).tolist() == [[19, 23], [17, 24]]  # Q3
    assert la.matmul([[3], [5]], [[1, 2, 3]]).tolist() == [[3, 6, 9], [5, 10, 15]]         # Q4
    assert la.matmul([[1, 2, 3]], [[4], [5], [6]]).tolist() == [[32]]                        # Q5
    assert np.dot([[1, 2]], [[3, 4], [5, 6]]).tolist() == [[13, 16]]
    assert la.matmul([[1, 2]], [[3, 4], [5, 6]]).tolist() == [[13, 16]]


def test_broadcasting_examples_of_the_2017_cheatsheet():
    a, b, c = np.array([[1], [2]]), np.array([[3, 4], [5, 6]]), np.array([[1, 2]])
    assert (a * b).tolist() == [[3, 4], [10, 12]]
    assert (b * c).tolist() == [[3, 8], [5, 12]]
    assert (a + c).tolist() == [[2, 3], [3, 4]]
    assert la.broadcast_shape(a.shape, b.shape) == (2, 2) == la.broadcast_shape(a.shape, c.shape)


dims = st.lists(st.integers(1, 4), min_size=1, max_size=4).map(tuple)


@settings(max_examples=300, deadline=None)
@given(dims, dims)
def test_broadcast_shape_agrees_with_numpy(shape_a, shape_b):
    try:
        expected = np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        with pytest.raises(ValueError, match="cannot be broadcast"):
            la.broadcast_shape(shape_a, shape_b)
    else:
        assert la.broadcast_shape(shape_a, shape_b) == expected


@settings(max_examples=50, deadline=None)
@given(m=st.integers(1, 5), n=st.integers(1, 5), p=st.integers(1, 5), seed=st.integers(0, 999))
def test_products_and_transpose_agree_with_numpy(m, n, p, seed):
    rng = np.random.default_rng(seed)
    A, B, C = rng.normal(size=(m, n)), rng.normal(size=(n, p)), rng.normal(size=(m, n))
    np.testing.assert_allclose(la.matmul(A, B), A @ B, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(la.transpose(A), A.T)
    np.testing.assert_array_equal(la.hadamard(A, C), A * C)
    assert la.dot(A[0], C[0]) == pytest.approx(np.dot(A[0], C[0]), abs=1e-12)
    # (AB)^T = B^T A^T
    np.testing.assert_allclose(la.transpose(la.matmul(A, B)),
                               la.matmul(la.transpose(B), la.transpose(A)), atol=1e-12)


def test_matrix_product_properties():
    rng = np.random.default_rng(0)
    A, B, C = (rng.normal(size=(3, 3)) for _ in range(3))
    assert not np.allclose(la.matmul(A, B), la.matmul(B, A))                    # not commutative
    np.testing.assert_allclose(la.matmul(la.matmul(A, B), C), la.matmul(A, la.matmul(B, C)))
    np.testing.assert_allclose(la.matmul(A, np.eye(3)), A)
    np.testing.assert_allclose(la.matmul(A, np.linalg.inv(A)), np.eye(3), atol=1e-12)


@pytest.mark.parametrize("p", [1.0, 1.5, 2.0, 3.0, 7.0])
def test_norm_agrees_with_numpy_and_resists_overflow(p):
    rng = np.random.default_rng(2)
    x = rng.normal(size=6)
    assert la.norm(x, p) == pytest.approx(np.linalg.norm(x, ord=p), rel=1e-13)
    assert la.norm(1e300 * x, p) == pytest.approx(1e300 * np.linalg.norm(x, ord=p), rel=1e-13)
    assert la.norm(1e-300 * x, p) == pytest.approx(1e-300 * np.linalg.norm(x, ord=p), rel=1e-13)
    assert la.norm(np.zeros(3), p) == 0.0


def test_unit_vector_errata():
    assert la.norm([2.0, 3.0, -1.0]) == pytest.approx(np.sqrt(14))
    assert la.norm([0.2, 0.5, 0.3]) == pytest.approx(np.sqrt(0.38))       # sums to 1, length 0.616
    assert la.norm([0.2, 0.5, 0.3], p=1) == pytest.approx(1.0)


def test_cosine_similarity_against_scipy_and_properties():
    rng = np.random.default_rng(3)
    for _ in range(20):
        a, b = rng.normal(size=(2, 5))
        assert la.cosine_similarity(a, b) == pytest.approx(1 - distance.cosine(a, b), abs=1e-13)
        assert la.cosine_similarity(a, 3 * a) == pytest.approx(1.0)
        assert la.cosine_similarity(a, -a) == pytest.approx(-1.0)
    assert la.cosine_similarity([1e300, 1e300], [1e-300, 2e-300]) == pytest.approx(3 / np.sqrt(10))


def test_projection_properties():
    rng = np.random.default_rng(4)
    a, u = rng.normal(size=(2, 4))
    p = la.project(a, u)
    assert np.dot(a - p, u) == pytest.approx(0.0, abs=1e-12)                 # residual is orthogonal
    np.testing.assert_allclose(la.project(p, u), p)                             # idempotent
    np.testing.assert_allclose(p, np.outer(u, u) @ a / (u @ u))                 # the projection matrix


def test_gram_schmidt_against_numpy_qr():
    rng = np.random.default_rng(5)
    A = rng.normal(size=(6, 4))
    Q = la.gram_schmidt(A)
    np.testing.assert_allclose(Q.T @ Q, np.eye(4), atol=1e-12)
    Q_np, R_np = np.linalg.qr(A)
    np.testing.assert_allclose(np.abs(Q), np.abs(Q_np), atol=1e-12)            # same, up to signs
    np.testing.assert_allclose(Q @ (Q.T @ A), A, atol=1e-12)                    # same span
    with pytest.raises(ValueError, match="linearly independent"):
        la.gram_schmidt(np.column_stack([A[:, 0], 2 * A[:, 0]]))


def test_power_method_against_eigh():
    rng = np.random.default_rng(6)
    M = rng.normal(size=(5, 5))
    S = M @ M.T                                   # symmetric positive semi-definite
    value, vec = la.power_method(S, n_iter=2000)
    values, vectors = np.linalg.eigh(S)
    assert value == pytest.approx(values[-1], rel=1e-10)
    assert abs(vec @ vectors[:, -1]) == pytest.approx(1.0, abs=1e-8)
    np.testing.assert_allclose(S @ vec, value * vec, atol=1e-8)
    big, _ = la.power_method(1e300 * S / np.abs(S).max(), n_iter=2000)
    assert big == pytest.approx(1e300 * values[-1] / np.abs(S).max(), rel=1e-10)


def test_shear_has_eigenvalue_one():
    shear = np.array([[1.0, 0.5], [0.0, 1.0]])
    np.testing.assert_allclose(np.linalg.eigvals(shear), [1.0, 1.0])
    np.testing.assert_allclose(shear @ [1.0, 0.0], [1.0, 0.0])     # the blue arrow keeps its direction


class _Counted:
    """A number that counts the multiplications and additions done with it."""

    tally = {"mul": 0, "add": 0}

    def __init__(self, value):
        self.value = value

    def __mul__(self, other):
        _Counted.tally["mul"] += 1
        return _Counted(self.value * other.value)

    def __add__(self, other):
        _Counted.tally["add"] += 1
        return _Counted(self.value + other.value)


def _counted_product(A, B):
    """The textbook triple loop on counting numbers: the arithmetic matmul_cost must predict."""
    _Counted.tally = {"mul": 0, "add": 0}
    m, n, p = len(A), len(B), len(B[0])
    C = [[None] * p for _ in range(m)]
    for i in range(m):
        for j in range(p):
            total = _Counted(A[i][0]) * _Counted(B[0][j])
            for k in range(1, n):
                total = total + _Counted(A[i][k]) * _Counted(B[k][j])
            C[i][j] = total.value
    return np.array(C), dict(_Counted.tally)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_matmul_cost_counts_the_arithmetic_of_the_product(m, n, p, seed):
    gen = np.random.default_rng(seed)
    A, B = gen.normal(size=(m, n)), gen.normal(size=(n, p))
    C, tally = _counted_product(A.tolist(), B.tolist())
    np.testing.assert_allclose(C, A @ B, atol=1e-12)            # the loop really is the product
    assert la.matmul_cost(m, n, p) == (tally["mul"], tally["add"])


def test_matmul_cost_of_the_two_orders_of_a_chain():
    # (AB)C and A(BC) give the same matrix at different prices: 10x100 @ 100x5 @ 5x50.
    first = la.matmul_cost(10, 100, 5)[0] + la.matmul_cost(10, 5, 50)[0]
    second = la.matmul_cost(100, 5, 50)[0] + la.matmul_cost(10, 100, 50)[0]
    assert (first, second) == (7_500, 75_000)                    # the classic CLRS example


@pytest.mark.parametrize("call, message", [
    (lambda: la.matmul(np.ones((2, 3)), np.ones((2, 3))), "A's columns must match B's rows"),
    (lambda: la.hadamard(np.ones((2, 2)), np.ones((2, 3))), "A and B must have the same shape"),
    (lambda: la.dot([1.0, 2.0], [1.0]), "a and b must have the same shape"),
    (lambda: la.cosine_similarity([0.0, 0.0], [1.0, 2.0]), "zero vector"),
    (lambda: la.project([1.0, 2.0], [0.0, 0.0]), "zero vector"),
    (lambda: la.power_method(np.ones((2, 3))), "square"),
    (lambda: la.norm([1.0, 2.0], p=0.5), "p must be"),
    (lambda: la.broadcast_shape((2, 3), (3, 2)), "cannot be broadcast"),
    (lambda: la.matmul_cost(2, 0, 3), "n must be >= 1"),
    (lambda: la.matmul_cost(2, 2.5, 3), "n must be"),
])
def test_bad_input(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
