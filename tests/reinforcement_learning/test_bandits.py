"""Tests of mlcheatsheet.reinforcement_learning.bandits: regret rates from theory, the Beta
posterior against scipy.stats.beta, determinism, bad input."""

import numpy as np
import pytest
from scipy import integrate, stats

from mlcheatsheet.reinforcement_learning import bandits as bd

MEANS = np.array([0.2, 0.5, 0.7])
GAPS = MEANS.max() - MEANS
T, RUNS = 10_000, 200
STEPS = np.arange(1, T + 1)
LATER = STEPS >= T // 2


def _kl(p, q):
    return p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))


def _mean_regret(strategy, **kwargs):
    bandit = bd.Bandit(MEANS, rng=1)
    arms = strategy(bandit, T, n_runs=RUNS, **kwargs)[0]
    return bd.regret(bandit, arms).mean(axis=0)


def test_bandit_rewards_have_the_stated_means():
    for kind in ("bernoulli", "gaussian"):
        bandit = bd.Bandit(MEANS, rng=0, rewards=kind, sigma=0.5)
        draws = np.stack([bandit.pull(np.full(4000, k)) for k in range(3)])
        np.testing.assert_allclose(draws.mean(axis=1), MEANS, atol=4 * 0.5 / np.sqrt(4000))
    assert set(np.unique(bd.Bandit(MEANS, rng=0).pull(np.zeros(50)))) <= {0.0, 1.0}


def test_regret_by_hand():
    # gaps 0.5, 0.2, 0: pulls 0, 2, 1, 1 lose 0.5, 0, 0.2, 0.2
    np.testing.assert_allclose(bd.regret(bd.Bandit(MEANS, rng=0), [0, 2, 1, 1]),
                               [0.5, 0.5, 0.7, 0.9])


def test_ucb_regret_grows_logarithmically():
    reg = _mean_regret(bd.ucb1)
    b, _ = np.polyfit(np.log(STEPS[LATER]), reg[LATER], 1)
    # Between the Lai-Robbins lower bound, sum of gap / KL(mu_a, mu*), which no consistent
    # strategy beats asymptotically, and Auer et al.'s finite-time bound, sum of 8 / gap.
    subopt = GAPS > 0
    lai_robbins = np.sum(GAPS[subopt] / _kl(MEANS[subopt], MEANS.max()))
    auer = np.sum(8 / GAPS[subopt])
    assert lai_robbins < b < auer
    # ...and the straight-line fit over the same rounds is nearly flat: a player picking
    # arms uniformly loses the mean gap per round; UCB1 loses under 5 % of that.
    slope, _ = np.polyfit(STEPS[LATER], reg[LATER], 1)
    assert 0 < slope < 0.05 * GAPS.mean()


@pytest.mark.parametrize("epsilon", [0.05, 0.2])
def test_epsilon_greedy_regret_is_linear_with_slope_epsilon_times_mean_gap(epsilon):
    reg = _mean_regret(bd.epsilon_greedy, epsilon=epsilon, rng=2)
    slope, _ = np.polyfit(STEPS[LATER], reg[LATER], 1)
    # exploring pulls a uniform arm with probability epsilon: epsilon * mean gap per round
    assert slope == pytest.approx(epsilon * GAPS.mean(), rel=0.1)


def test_thompson_regret_is_below_ucb_and_epsilon_greedy():
    ts = _mean_regret(bd.thompson, rng=2)
    assert ts[-1] < _mean_regret(bd.ucb1)[-1]
    assert ts[-1] < _mean_regret(bd.epsilon_greedy, epsilon=0.1, rng=2)[-1]


def test_beta_update_is_the_posterior_scipy_beta_gives_by_bayes_rule():
    rng = np.random.default_rng(3)
    a0, b0 = np.array([1.0, 2.0, 0.5]), np.array([1.0, 3.0, 0.5])
    a, b = a0.copy(), b0.copy()
    rewards = {k: [] for k in range(3)}
    for _ in range(40):
        k = int(rng.integers(3))
        r = float(rng.random() < MEANS[k])
        rewards[k].append(r)
        a, b = bd.beta_update(a, b, [k], [r])
    p = np.linspace(0.01, 0.99, 9)
    for k in range(3):
        s, f = sum(rewards[k]), len(rewards[k]) - sum(rewards[k])

        def unnormalized(x, k=k, s=s, f=f):
            return stats.beta(a0[k], b0[k]).pdf(x) * x**s * (1 - x) ** f

        evidence = integrate.quad(unnormalized, 0, 1)[0]
        np.testing.assert_allclose(stats.beta(a[k], b[k]).pdf(p), unnormalized(p) / evidence,
                                   rtol=1e-7)


def test_thompson_posteriors_count_the_successes_and_failures_of_each_arm():
    arms, rewards, a, b = bd.thompson(bd.Bandit(MEANS, rng=0), 300, n_runs=4, rng=0)
    for run in range(4):
        for k in range(3):
            mine = arms[run] == k
            assert a[run, k] == 1 + rewards[run, mine].sum()
            assert b[run, k] == 1 + (1 - rewards[run, mine]).sum()


def test_thompson_draws_follow_the_posterior():
    # In the first round both posteriors are the Beta(1, 1) prior: each arm with probability 1/2.
    bandit = bd.Bandit([0.0, 1.0], rng=0)  # arm 0 never pays, arm 1 always does
    arms, _, a, b = bd.thompson(bandit, 1, n_runs=20_000, rng=5)
    assert np.mean(arms[:, 0] == 1) == pytest.approx(0.5, abs=0.02)  # Beta(1,1) vs Beta(1,1)


def test_the_same_seeds_give_the_same_runs():
    for strategy, kwargs in ((bd.epsilon_greedy, {"epsilon": 0.1, "rng": 4}), (bd.ucb1, {}),
                             (bd.thompson, {"rng": 4})):
        one = strategy(bd.Bandit(MEANS, rng=9), 200, n_runs=3, **kwargs)
        two = strategy(bd.Bandit(MEANS, rng=9), 200, n_runs=3, **kwargs)
        for x, y in zip(one, two):
            np.testing.assert_array_equal(x, y)
    other = bd.ucb1(bd.Bandit(MEANS, rng=10), 200, n_runs=3)[0]
    assert not np.array_equal(other, bd.ucb1(bd.Bandit(MEANS, rng=9), 200, n_runs=3)[0])


@pytest.mark.parametrize("epsilon", [-0.1, 1.5])
def test_epsilon_outside_zero_one_is_refused(epsilon):
    with pytest.raises(ValueError, match=r"epsilon must be a number in \[0, 1\]"):
        bd.epsilon_greedy(bd.Bandit(MEANS, rng=0), 10, epsilon=epsilon)


def test_bad_bandits_are_refused():
    with pytest.raises(ValueError, match="means must not be empty"):
        bd.Bandit([], rng=0)
    with pytest.raises(ValueError, match=r"Bernoulli bandit must lie in \[0, 1\]"):
        bd.Bandit([0.5, 1.5], rng=0)
    with pytest.raises(ValueError, match="arms must be arm numbers 0 to 2"):
        bd.Bandit(MEANS, rng=0).pull([3])
    with pytest.raises(ValueError, match="Bernoulli rewards"):
        bd.thompson(bd.Bandit(MEANS, rng=0, rewards="gaussian"), 10)
    with pytest.raises(TypeError, match="bandit must be a Bandit instance"):
        bd.ucb1([0.2, 0.5], 10)
    with pytest.raises(ValueError, match="rewards 0 or 1"):
        bd.beta_update([1.0], [1.0], [0], [0.5])
