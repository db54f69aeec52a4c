r"""Vectors and matrices written out the way the 2017 cheatsheet explains them.

Each operation is a short loop or sum that reads like its definition (NumPy does
the same much faster; the tests check every one against ``numpy``), plus norms,
cosine similarity, projections, Gram–Schmidt and the power method.
"""

import numpy as np

from .._validation import (array, integer, interval, matrix, rng, same_shape, shape, validate,
                           vector)

__all__ = [
    "hadamard",
    "dot",
    "matmul",
    "matmul_cost",
    "transpose",
    "broadcast_shape",
    "norm",
    "cosine_similarity",
    "project",
    "gram_schmidt",
    "power_method",
]


def _inner_dims(args):
    A, B = args["A"], args["B"]
    if A.shape[1] != B.shape[0]:
        raise ValueError(f"A's columns must match B's rows for A @ B; got A of shape {A.shape} "
                         f"and B of shape {B.shape} ({A.shape[1]} != {B.shape[0]})")


def _nonzero(*names):
    def relation(args):
        for name in names:
            if not np.any(args[name]):
                raise ValueError(f"{name} must not be the zero vector; got all zeros")
    return relation


def _square(args):
    if args["A"].shape[0] != args["A"].shape[1]:
        raise ValueError(f"A must be a square matrix; got shape {args['A'].shape}")


def _aligned(shape_a, shape_b):
    """The two shapes lined up from the right, missing leading dimensions filled with 1."""
    width = max(len(shape_a), len(shape_b))
    return (1,) * (width - len(shape_a)) + shape_a, (1,) * (width - len(shape_b)) + shape_b


def _broadcastable(args):
    a, b = _aligned(args["shape_a"], args["shape_b"])
    for axis, (m, n) in enumerate(zip(a, b)):
        if m != n and 1 not in (m, n):
            where = "the last dimension" if axis == len(a) - 1 else f"dimension {axis}"
            raise ValueError(f"shapes {args['shape_a']} and {args['shape_b']} cannot be broadcast: "
                             f"sizes {m} and {n} in {where} differ and neither is 1")


def _independent_columns(args):
    A = args["A"]
    rank = np.linalg.matrix_rank(A / np.abs(A).max(), tol=args["tol"])
    if rank < A.shape[1]:
        raise ValueError(f"A's columns must be linearly independent; got {A.shape[1]} columns "
                         f"spanning only {rank} dimensions")


def _scaled(v):
    """``v`` divided by its largest absolute entry: the same direction, no overflow in norms."""
    return v / np.abs(v).max()


@validate(A=array(), B=array(), _=same_shape("A", "B"))
def hadamard(A, B):
    r"""The Hadamard (elementwise) product: multiply entries in the same position.

    Parameters
    ----------
    A, B : array-like of the same shape

    Returns
    -------
    ndarray, the shape of A

    Notes
    -----
    .. math:: (A \odot B)_{ij} = A_{ij} B_{ij}

    Examples
    --------
    >>> hadamard([[2, 3], [2, 3]], [[3, 4], [5, 6]]).tolist()
    [[6.0, 12.0], [10.0, 18.0]]
    """
    out = np.empty_like(A)
    for index in np.ndindex(A.shape):
        out[index] = A[index] * B[index]
    return out


@validate(a=vector, b=vector, _=same_shape("a", "b"))
def dot(a, b):
    r"""The dot product: multiply matching entries, then add them up.

    Parameters
    ----------
    a, b : array-like of shape (n,)

    Returns
    -------
    float

    Notes
    -----
    .. math:: a \cdot b = \sum_{i=1}^n a_i b_i

    Examples
    --------
    >>> dot([1, 2, 3], [2, 3, 4])
    20.0
    """
    return float(sum(a_i * b_i for a_i, b_i in zip(a, b)))


@validate(A=matrix, B=matrix, _=_inner_dims)
def matmul(A, B):
    r"""The matrix product, each entry the dot product of a row of A and a column of B.

    Parameters
    ----------
    A : array-like of shape (m, n)
    B : array-like of shape (n, p)

    Returns
    -------
    ndarray of shape (m, p)

    Notes
    -----
    .. math:: (AB)_{ij} = \sum_{k=1}^n A_{ik} B_{kj} = (\text{row } i \text{ of } A)
              \cdot (\text{column } j \text{ of } B)

    Examples
    --------
    >>> matmul([[1, 7], [2, 4]], [[3, 3], [5, 2]]).tolist()
    [[38.0, 17.0], [26.0, 14.0]]
    """
    m, p = A.shape[0], B.shape[1]
    return np.array([[dot(A[i, :], B[:, j]) for j in range(p)] for i in range(m)])


@validate(m=integer(minimum=1), n=integer(minimum=1), p=integer(minimum=1))
def matmul_cost(m, n, p):
    r"""Arithmetic of the row-by-column product of an m × n and an n × p matrix.

    Each of the :math:`mp` entries is a dot product of length :math:`n`:
    :math:`n` multiplications and :math:`n - 1` additions.

    Parameters
    ----------
    m, n, p : int
        The shapes, :math:`(m \times n)(n \times p)`.

    Returns
    -------
    multiplications, additions : int

    Examples
    --------
    >>> matmul_cost(2, 2, 2)                     # four entries, two products and one sum each
    (8, 4)
    >>> matmul_cost(1, 3, 1)                     # a dot product of length 3
    (3, 2)
    """
    return m * n * p, m * (n - 1) * p


@validate(A=matrix)
def transpose(A):
    r"""The transpose: row i of A becomes column i.

    Parameters
    ----------
    A : array-like of shape (m, n)

    Returns
    -------
    ndarray of shape (n, m)

    Notes
    -----
    .. math:: (A^T)_{ij} = A_{ji}

    Examples
    --------
    >>> transpose([[1, 2], [3, 4]]).tolist()
    [[1.0, 3.0], [2.0, 4.0]]
    """
    m, n = A.shape
    return np.array([[A[i, j] for i in range(m)] for j in range(n)])


@validate(shape_a=shape, shape_b=shape, _=_broadcastable)
def broadcast_shape(shape_a, shape_b):
    r"""The shape NumPy gives an elementwise operation on arrays of these two shapes.

    NumPy's rule: line the shapes up from the right; two sizes are compatible if
    they are equal or one of them is 1 (it is stretched); a missing dimension counts
    as 1.

    Parameters
    ----------
    shape_a, shape_b : tuple of int

    Returns
    -------
    tuple of int

    Raises
    ------
    ValueError
        If the shapes cannot be broadcast together.

    Examples
    --------
    >>> broadcast_shape((2, 1), (1, 2)), broadcast_shape((3, 1), (4,))
    ((2, 2), (3, 4))
    >>> broadcast_shape((2, 3), (2,))
    Traceback (most recent call last):
    ...
    ValueError: shapes (2, 3) and (2,) cannot be broadcast: sizes 3 and 2 in the last dimension differ and neither is 1
    """
    a, b = _aligned(shape_a, shape_b)
    return tuple(max(m, n) for m, n in zip(a, b))


@validate(x=vector, p=interval(1, 100, "both"))
def norm(x, p=2.0):
    r"""The p-norm of a vector: its length for p = 2, the sum of absolute entries for p = 1.

    Parameters
    ----------
    x : array-like of shape (n,)
    p : float in [1, 100], default 2
        (Below 1 it is not a norm; as p grows it tends to the largest absolute entry.)

    Returns
    -------
    float

    Notes
    -----
    .. math:: \lVert x\rVert_p = \Bigl(\sum_i |x_i|^p\Bigr)^{1/p}

    The entries are divided by the largest one first (and the result multiplied
    back), so that neither huge nor tiny entries overflow or underflow.

    Examples
    --------
    >>> norm([3, 4]), norm([3, -4], p=1)
    (5.0, 7.0)
    """
    scale = np.abs(x).max()
    if scale == 0:
        return 0.0
    return float(scale * np.sum(np.abs(x / scale) ** p) ** (1 / p))


@validate(a=vector, b=vector, _=same_shape("a", "b"), __=_nonzero("a", "b"))
def cosine_similarity(a, b):
    r"""The cosine of the angle between two vectors: 1 same direction, 0 orthogonal, −1 opposite.

    Parameters
    ----------
    a, b : array-like of shape (n,), not zero

    Returns
    -------
    float in [-1, 1]

    Notes
    -----
    .. math:: \cos\theta = \frac{a \cdot b}{\lVert a\rVert\, \lVert b\rVert}

    Examples
    --------
    >>> round(cosine_similarity([1, 0], [1, 1]) ** 2, 12)
    0.5
    """
    a, b = _scaled(a), _scaled(b)
    return float(np.clip(dot(a, b) / (norm(a) * norm(b)), -1.0, 1.0))


@validate(a=vector, onto=vector, _=same_shape("a", "onto"), __=_nonzero("onto"))
def project(a, onto):
    r"""The orthogonal projection of ``a`` onto the line through ``onto``.

    Parameters
    ----------
    a, onto : array-like of shape (n,); ``onto`` not zero

    Returns
    -------
    ndarray of shape (n,)

    Notes
    -----
    .. math:: \operatorname{proj}_u a = \frac{a \cdot u}{u \cdot u}\, u

    Examples
    --------
    >>> project([2, 3], [1, 0]).tolist()
    [2.0, 0.0]
    """
    u = _scaled(onto)
    return dot(a, u) / dot(u, u) * u


@validate(A=matrix, tol=interval(0, 1, "left"), _=_independent_columns)
def gram_schmidt(A, tol=1e-10):
    r"""Orthonormal columns spanning the columns of A (modified Gram–Schmidt).

    Parameters
    ----------
    A : array-like of shape (m, n)
        Columns to orthonormalize, linearly independent.
    tol : float, default 1e-10
        Singular values below ``tol`` (of A scaled to largest entry 1) count as
        zero when checking that the columns are independent.

    Returns
    -------
    Q : ndarray of shape (m, n)
        ``Q.T @ Q`` is the identity; column k of Q spans what columns 1..k of A do.

    Notes
    -----
    Subtract from each column its projection onto every earlier unit vector, then
    divide by the length of what is left:

    .. math:: v_k = a_k - \sum_{j<k} (q_j \cdot a_k)\, q_j, \qquad q_k = v_k / \lVert v_k\rVert

    Examples
    --------
    >>> gram_schmidt([[3.0, 1.0], [4.0, 1.0]]).round(6).tolist()
    [[0.6, 0.8], [0.8, -0.6]]
    """
    Q = np.zeros_like(A)
    for k in range(A.shape[1]):
        v = A[:, k].copy()
        for j in range(k):
            v -= dot(Q[:, j], v) * Q[:, j]
        Q[:, k] = v / norm(v)
    return Q


@validate(A=matrix, n_iter=integer(minimum=1, maximum=10**6), rng=rng, _=_square)
def power_method(A, n_iter=1000, rng=0):
    r"""The eigenvalue of largest magnitude of a square matrix and its eigenvector.

    Parameters
    ----------
    A : array-like of shape (n, n)
    n_iter : int, default 1000
        Multiplications by A.
    rng : numpy.random.Generator or int, default 0
        For the random starting vector.

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient :math:`v^T A v` of the final unit vector.
    eigenvector : ndarray of shape (n,)
        Unit length; its sign is arbitrary.

    Notes
    -----
    Multiplying by A again and again stretches every vector most along the
    dominant eigenvector; normalizing after each step keeps the numbers finite:

    .. math:: v \leftarrow \frac{A v}{\lVert A v\rVert}

    The error shrinks like :math:`|\lambda_2 / \lambda_1|^k`.

    Examples
    --------
    >>> value, vector = power_method([[2.0, 1.0], [1.0, 2.0]])
    >>> round(value, 10), abs(vector).round(6).tolist()
    (3.0, [0.707107, 0.707107])
    """
    scale = np.abs(A).max() or 1.0          # work with A / scale: nothing overflows
    B, v = A / scale, rng.normal(size=A.shape[0])
    v /= norm(v)
    for _ in range(n_iter):
        w = B @ v
        if not np.any(w):
            return 0.0, v
        v = w / norm(w)
    return float(scale * (v @ B @ v)), v
