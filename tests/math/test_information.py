"""Information measures against scipy.special / scipy.stats, their identities and properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats
from scipy.spatial import distance

from mlcheatsheet.math import information as it


def _random_distribution(rng, n, zeros=False):
    p = rng.dirichlet(np.ones(n))
    if zeros:
        p[rng.integers(n)] = 0.0
        p /= p.sum()
    return p


@pytest.mark.parametrize("seed", range(5))
def test_against_scipy(seed):
    rng = np.random.default_rng(seed)
    p, q = _random_distribution(rng, 6, zeros=True), _random_distribution(rng, 6)
    assert it.entropy(p, base=np.e) == pytest.approx(special.entr(p).sum(), rel=1e-12)
    assert it.entropy(p) == pytest.approx(stats.entropy(p, base=2), rel=1e-12)
    assert it.kl_divergence(p, q, base=np.e) == pytest.approx(special.rel_entr(p, q).sum(), rel=1e-12)
    assert it.kl_divergence(p, q) == pytest.approx(stats.entropy(p, q, base=2), rel=1e-12)
    assert it.js_divergence(p, q) == pytest.approx(distance.jensenshannon(p, q, base=2) ** 2, rel=1e-10)
    assert it.cross_entropy(p, q) == pytest.approx(-(p[p > 0] * np.log2(q[p > 0])).sum(), rel=1e-12)


def test_bits_and_nats():
    p = [0.2, 0.3, 0.5]
    assert it.entropy(p, base=np.e) == pytest.approx(it.entropy(p) * np.log(2))
    assert it.entropy([0.25] * 4) == 2.0 and it.entropy([1.0]) == 0.0


def test_the_coin_and_the_glossary_example():
    ps = np.linspace(0.01, 0.99, 99)
    h = [it.entropy([p, 1 - p]) for p in ps]
    assert ps[int(np.argmax(h))] == pytest.approx(0.5) and max(h) == pytest.approx(1.0)
    # Egg's glossary: 16 green and 14 "ping" out of 30
    assert it.entropy([16 / 30, 14 / 30]) == pytest.approx(
        -(16 / 30) * np.log2(16 / 30) - (14 / 30) * np.log2(14 / 30))
    assert it.entropy([16 / 30, 14 / 30]) == pytest.approx(0.9968, abs=1e-4)


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(2, 6))
def test_identities_and_inequalities(seed, n):
    rng = np.random.default_rng(seed)
    p, q = _random_distribution(rng, n), _random_distribution(rng, n)
    assert it.cross_entropy(p, q) == pytest.approx(it.entropy(p) + it.kl_divergence(p, q), abs=1e-10)
    assert it.kl_divergence(p, q) >= 0 and it.kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)
    assert 0 <= it.js_divergence(p, q) <= 1.0
    assert it.js_divergence(p, q) == pytest.approx(it.js_divergence(q, p), abs=1e-12)
    assert it.entropy(p) <= np.log2(n) + 1e-12
    P = rng.dirichlet(np.ones(n * 3)).reshape(n, 3)
    mi = it.mutual_information(P)
    assert mi == pytest.approx(it.mutual_information(P.T), abs=1e-12)                 # symmetric
    hx, hy = it.entropy(P.sum(axis=1)), it.entropy(P.sum(axis=0))
    assert mi == pytest.approx(hx + hy - it.joint_entropy(P), abs=1e-10)
    assert it.conditional_entropy(P) == pytest.approx(it.joint_entropy(P) - hx, abs=1e-10)
    assert 0 <= mi <= min(hx, hy) + 1e-10


def test_kl_is_not_symmetric_and_zero_only_for_equal():
    p, q = np.array([0.9, 0.1]), np.array([0.5, 0.5])
    assert it.kl_divergence(p, q) != pytest.approx(it.kl_divergence(q, p))
    assert it.kl_divergence(p, q) > 0


def test_mutual_information_zero_for_independent_and_matches_sklearn():
    from sklearn.metrics import mutual_info_score
    P = np.outer([0.3, 0.7], [0.2, 0.5, 0.3])
    assert it.mutual_information(P) == pytest.approx(0.0, abs=1e-12)
    counts = np.array([[10, 2, 3], [1, 8, 6]])
    x = np.repeat(np.repeat([0, 1], 3), counts.ravel())
    y = np.repeat(np.tile([0, 1, 2], 2), counts.ravel())
    assert it.mutual_information(counts / counts.sum(), base=np.e) == pytest.approx(
        mutual_info_score(x, y), rel=1e-12)


@pytest.mark.parametrize("call, message", [
    (lambda: it.entropy([0.5, 0.6]), "must sum to 1"),
    (lambda: it.entropy([1.5, -0.5]), ">= 0"),
    (lambda: it.kl_divergence([0.5, 0.5], [1.0, 0.0]), "q must be > 0"),
    (lambda: it.cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5]), "p and q must have the same shape"),
    (lambda: it.entropy([0.5, 0.5], base=1), "base must not be 1"),
    (lambda: it.mutual_information([0.5, 0.5]), "P"),
])
def test_bad_input(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
