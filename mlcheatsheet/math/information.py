r"""Information theory: entropy, cross-entropy, KL and JS divergences, mutual information.

Distributions are arrays of probabilities that sum to 1; ``base`` is 2 for bits,
``e`` for nats. By convention :math:`0 \log 0 = 0`.
"""

import numpy as np

from .._validation import array, positive, same_shape, validate

__all__ = [
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "js_divergence",
    "joint_entropy",
    "conditional_entropy",
    "mutual_information",
]


def _distribution(ndim):
    """Spec: non-negative probabilities of ``ndim`` dimensions that sum to 1."""
    as_array = array(ndim=ndim)

    def spec(value, name):
        p = as_array(value, name)
        if (p < 0).any():
            raise ValueError(f"{name} must hold probabilities >= 0; got {float(p[p < 0][0])!r}")
        if abs(p.sum() - 1.0) > 1e-9:
            raise ValueError(f"{name} must sum to 1 (a probability distribution); "
                             f"got a sum of {float(p.sum())!r}")
        return p

    spec.kind = "array"
    return spec


_P, _JOINT = _distribution(1), _distribution(2)


def _base_not_one(args):
    if args["base"] == 1.0:
        raise ValueError("base must not be 1 (log base 1 is undefined); got 1.0")


def _q_covers_p(args):
    same_shape("p", "q")(args)
    if ((args["q"] == 0) & (args["p"] > 0)).any():
        raise ValueError("q must be > 0 wherever p > 0 (otherwise the result is infinite); "
                         f"got q = 0 at index {int(np.argmax((args['q'] == 0) & (args['p'] > 0)))}")


def _plogq(p, q):
    """p log q with 0 log anything = 0."""
    return np.where(p > 0, p * np.log(np.where(p > 0, q, 1.0)), 0.0)


@validate(p=_P, base=positive, _=_base_not_one)
def entropy(p, base=2.0):
    r"""Shannon entropy: the average surprise :math:`-\log p_i` of the outcomes.

    Parameters
    ----------
    p : array-like of shape (n,)
        A probability distribution.
    base : float, default 2
        2 gives bits, ``np.e`` nats.

    Returns
    -------
    float

    Notes
    -----
    .. math:: H(p) = -\sum_i p_i \log p_i

    Examples
    --------
    >>> entropy([0.5, 0.5]), entropy([1.0, 0.0]), entropy([0.25] * 4)
    (1.0, 0.0, 2.0)
    """
    return float(-np.sum(_plogq(p, p)) / np.log(base))


@validate(p=_P, q=_P, base=positive, _=_q_covers_p, __=_base_not_one)
def cross_entropy(p, q, base=2.0):
    r"""Average code length when outcomes follow ``p`` but the code was built for ``q``.

    Parameters
    ----------
    p, q : array-like of shape (n,)
        Distributions; ``q > 0`` wherever ``p > 0``.
    base : float, default 2

    Returns
    -------
    float

    Notes
    -----
    .. math:: H(p, q) = -\sum_i p_i \log q_i = H(p) + D_{KL}(p \,\|\, q)

    Examples
    --------
    >>> cross_entropy([1.0, 0.0], [0.5, 0.5])
    1.0
    """
    return float(-np.sum(_plogq(p, q)) / np.log(base))


@validate(p=_P, q=_P, base=positive, _=_q_covers_p, __=_base_not_one)
def kl_divergence(p, q, base=2.0):
    r"""Kullback–Leibler divergence: the extra bits paid for using ``q`` in place of ``p``.

    Parameters
    ----------
    p, q : array-like of shape (n,)
        Distributions; ``q > 0`` wherever ``p > 0``.
    base : float, default 2

    Returns
    -------
    float, >= 0; zero only when p = q. Not symmetric.

    Notes
    -----
    .. math:: D_{KL}(p \,\|\, q) = \sum_i p_i \log\frac{p_i}{q_i}

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    return max(0.0, float(np.sum(_plogq(p, p) - _plogq(p, q)) / np.log(base)))


@validate(p=_P, q=_P, base=positive, _=same_shape("p", "q"), __=_base_not_one)
def js_divergence(p, q, base=2.0):
    r"""Jensen–Shannon divergence: symmetric, always finite, at most 1 bit.

    Parameters
    ----------
    p, q : array-like of shape (n,)
    base : float, default 2

    Returns
    -------
    float in [0, log_base 2]

    Notes
    -----
    .. math:: JS(p, q) = \tfrac12 D_{KL}(p \,\|\, m) + \tfrac12 D_{KL}(q \,\|\, m),
              \quad m = \tfrac12 (p + q)

    Examples
    --------
    >>> js_divergence([1.0, 0.0], [0.0, 1.0])
    1.0
    """
    m = (p + q) / 2
    return (kl_divergence(p, m, base) + kl_divergence(q, m, base)) / 2


@validate(P=_JOINT, base=positive, _=_base_not_one)
def joint_entropy(P, base=2.0):
    r"""Entropy of a pair (X, Y) from its joint table ``P[x, y]``.

    Parameters
    ----------
    P : array-like of shape (n_x, n_y)
        Joint probabilities, summing to 1.
    base : float, default 2

    Returns
    -------
    float

    Notes
    -----
    .. math:: H(X, Y) = -\sum_{x, y} P(x, y) \log P(x, y)

    Examples
    --------
    >>> joint_entropy([[0.25, 0.25], [0.25, 0.25]])
    2.0
    """
    return entropy(P.ravel(), base)


@validate(P=_JOINT, base=positive, _=_base_not_one)
def conditional_entropy(P, base=2.0):
    r"""What is left to know about Y once X is known: H(Y | X) = H(X, Y) − H(X).

    Parameters
    ----------
    P : array-like of shape (n_x, n_y)
        Joint probabilities ``P[x, y]``.
    base : float, default 2

    Returns
    -------
    float

    Examples
    --------
    >>> conditional_entropy([[0.5, 0.0], [0.0, 0.5]])     # Y is a copy of X
    0.0
    """
    return max(0.0, joint_entropy(P, base) - entropy(P.sum(axis=1), base))


@validate(P=_JOINT, base=positive, _=_base_not_one)
def mutual_information(P, base=2.0):
    r"""How much knowing X tells about Y (and Y about X): I(X; Y) = H(X) + H(Y) − H(X, Y).

    Parameters
    ----------
    P : array-like of shape (n_x, n_y)
        Joint probabilities ``P[x, y]``.
    base : float, default 2

    Returns
    -------
    float, >= 0; zero exactly when X and Y are independent.

    Notes
    -----
    .. math:: I(X; Y) = \sum_{x,y} P(x, y) \log\frac{P(x, y)}{P(x) P(y)}
              = D_{KL}\bigl(P \,\|\, P_X \otimes P_Y\bigr)

    Examples
    --------
    >>> mutual_information([[0.5, 0.0], [0.0, 0.5]])       # one bit shared
    1.0
    """
    independent = np.outer(P.sum(axis=1), P.sum(axis=0)).ravel()
    return kl_divergence(P.ravel(), independent / independent.sum(), base)
