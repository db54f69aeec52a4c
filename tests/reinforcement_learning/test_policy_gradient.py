"""Tests of mlcheatsheet.reinforcement_learning.policy_gradient: the exact expected return against
an independent Bellman iteration, its gradient and the score against finite differences, the
REINFORCE estimate unbiased (exactly, by enumeration, on a bandit; statistically on a gridworld),
the baseline lowering the variance, learning, and bad input."""

import numpy as np
import pytest
import scipy.special
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcheatsheet.reinforcement_learning import mdp as M
from mlcheatsheet.reinforcement_learning import policy_gradient as PG

MEANS = np.array([1.0, 1.5, 2.0])
BANDIT = PG.bandit_as_mdp(MEANS)
WORLD = M.GridWorld(["...G", ".#.X", "...."], slip=0.2, gamma=0.9, step_reward=-0.04)


def _random_mdp(seed, n_states=5, n_actions=3, gamma=0.8):
    rng = np.random.default_rng(seed)
    P = rng.random((n_states, n_actions, n_states)) ** 2
    return M.MDP(P / P.sum(axis=2, keepdims=True), rng.normal(size=(n_states, n_actions)), gamma)


def test_softmax_policy_is_scipys_softmax_of_each_row():
    theta = np.random.default_rng(0).normal(size=(4, 3)) * 5
    np.testing.assert_allclose(PG.softmax_policy(theta), scipy.special.softmax(theta, axis=1),
                               rtol=1e-14)


def test_bandit_return_and_gradient_by_hand():
    theta = np.zeros((2, 3))
    theta[0] = [0.0, np.log(2.0), np.log(3.0)]              # pi = (1, 2, 3) / 6
    J = (1.0 * 1 + 1.5 * 2 + 2.0 * 3) / 6                   # = 10 / 6
    assert PG.expected_return(BANDIT, theta, 0) == pytest.approx(J, abs=1e-12)
    pi = np.array([1, 2, 3]) / 6
    expected = np.zeros((2, 3))
    expected[0] = pi * (MEANS - J)  # d pi_a / d theta_b = pi_a ([a = b] - pi_b), summed with mu_a
    np.testing.assert_allclose(PG.expected_return_gradient(BANDIT, theta, 0), expected,
                               atol=1e-12)


@pytest.mark.parametrize("mdp, start", [(WORLD, 7), (_random_mdp(0), 0), (_random_mdp(1), 2)],
                         ids=["grid", "random0", "random1"])
def test_expected_return_is_the_fixed_point_of_the_bellman_equation(mdp, start):
    # Oracle: iterate v <- r_pi + gamma P_pi v instead of solving the linear system.
    theta = np.random.default_rng(3).normal(size=(mdp.n_states, mdp.n_actions))
    pi = scipy.special.softmax(theta, axis=1)
    v = np.zeros(mdp.n_states)
    for _ in range(2000):
        v = (pi * (mdp.R + mdp.gamma * mdp.P @ v)).sum(axis=1)
    assert PG.expected_return(mdp, theta, start) == pytest.approx(v[start], abs=1e-10)


@pytest.mark.parametrize("mdp, start", [(BANDIT, 0), (WORLD, 7), (_random_mdp(0), 0),
                                        (_random_mdp(1), 2)],
                         ids=["bandit", "grid", "random0", "random1"])
def test_the_policy_gradient_theorem_matches_finite_differences(mdp, start):
    theta = np.random.default_rng(4).normal(size=(mdp.n_states, mdp.n_actions))
    numeric = numerical_gradient(lambda t: PG.expected_return(mdp, t, start), theta)
    np.testing.assert_allclose(PG.expected_return_gradient(mdp, theta, start), numeric,
                               rtol=1e-6, atol=1e-9)


def test_score_is_the_gradient_of_the_log_policy():
    theta = np.random.default_rng(5).normal(size=(3, 4))
    for s, a in [(0, 0), (1, 3), (2, 1)]:
        numeric = numerical_gradient(lambda t: np.log(PG.softmax_policy(t)[s, a]), theta)
        np.testing.assert_allclose(PG.score(theta, s, a), numeric, rtol=1e-6, atol=1e-9)


def test_episode_gradient_by_hand():
    theta = np.zeros((3, 2))
    # rewards 0 then 1, gamma 0.5: G_0 = 0.5, G_1 = 1; the weights gamma^t G_t are 0.5 and 0.5
    g = PG.episode_gradient(theta, [0, 1, 2], [1, 0], [0.0, 1.0], gamma=0.5)
    np.testing.assert_allclose(g, [[-0.25, 0.25], [0.25, -0.25], [0.0, 0.0]])
    # a baseline equal to each G_t cancels every term
    g = PG.episode_gradient(theta, [0, 1, 2], [1, 0], [0.0, 1.0], gamma=0.5,
                            baseline=[0.5, 1.0, 0.0])
    np.testing.assert_allclose(g, 0.0)


def _bandit_estimates(theta, b):
    """Every REINFORCE estimate on the bandit and its probability: one per arm."""
    pi = PG.softmax_policy(theta)[0]
    estimates = [PG.episode_gradient(theta, [0, 1], [a], [MEANS[a]], gamma=0.9,
                                     baseline=[b, 0.0]) for a in range(3)]
    return pi, np.array(estimates)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=3, max_size=3), st.floats(-5, 5))
def test_reinforce_is_unbiased_for_every_baseline_exactly_on_a_bandit(preferences, b):
    theta = np.zeros((2, 3))
    theta[0] = preferences
    pi, estimates = _bandit_estimates(theta, b)
    mean = np.tensordot(pi, estimates, axes=1)  # the expectation, by enumerating the arms
    np.testing.assert_allclose(mean, PG.expected_return_gradient(BANDIT, theta, 0), atol=1e-12)


def test_a_baseline_near_the_value_lowers_the_variance():
    theta = np.zeros((2, 3))
    theta[0] = [0.3, -0.2, 0.1]
    J = PG.expected_return(BANDIT, theta, 0)
    variance = {}
    for b in (0.0, J):
        pi, estimates = _bandit_estimates(theta, b)
        mean = np.tensordot(pi, estimates, axes=1)
        variance[b] = float(np.tensordot(pi, ((estimates - mean) ** 2).sum(axis=(1, 2)), axes=1))
    assert variance[J] < variance[0.0] / 10  # rewards near 1.5: b = 0 reinforces every arm


def test_reinforce_estimate_is_unbiased_on_a_gridworld():
    world = M.GridWorld(["..G", "..X"], slip=0.2, gamma=0.9)
    theta = np.random.default_rng(6).normal(size=(world.n_states, 4)) * 0.5
    rng = np.random.default_rng(0)
    n = 1500
    samples = np.array([PG.episode_gradient(theta, *PG.sample_episode(world, theta, 0, rng),
                                            gamma=0.9) for _ in range(n)])
    exact = PG.expected_return_gradient(world, theta, 0)
    standard_error = samples.std(axis=0) / np.sqrt(n)
    assert np.all(np.abs(samples.mean(axis=0) - exact) <= 4.5 * standard_error + 1e-12)


def test_sampled_returns_average_to_the_expected_return():
    world = M.GridWorld(["..G", "..X"], slip=0.2, gamma=0.9)
    theta = np.random.default_rng(7).normal(size=(world.n_states, 4))
    rng = np.random.default_rng(1)
    G = [rw @ 0.9 ** np.arange(len(rw))
         for _, _, rw in (PG.sample_episode(world, theta, 0, rng) for _ in range(1000))]
    assert abs(np.mean(G) - PG.expected_return(world, theta, 0)) < 4 * np.std(G) / np.sqrt(1000)


def test_reinforce_learns_the_best_arm_and_the_baseline_steadies_it():
    final = {}
    for beta in (None, 0.1):
        runs = [PG.reinforce(BANDIT, 400, rng=seed, alpha=0.1, baseline_alpha=beta)
                for seed in range(8)]
        final[beta] = np.array([PG.expected_return(BANDIT, r.theta, 0) for r in runs])
    assert np.all(final[0.1] > 1.9) and final[0.1].mean() > final[None].mean()
    assert final[0.1].std() < final[None].std()
    run = PG.reinforce(BANDIT, 400, rng=0, alpha=0.1, baseline_alpha=0.1)
    assert run.baseline[0] == pytest.approx(2.0, abs=0.1)   # it learned the value of state 0
    assert run.thetas.shape == (401, 2, 3) and np.all(run.thetas[0] == 0)


def test_reinforce_on_the_gridworld_approaches_the_optimal_value():
    v_star = M.value_iteration(WORLD)[0][7]
    run = PG.reinforce(WORLD, 500, rng=0, alpha=0.5, baseline_alpha=0.1, start=7)
    J = [PG.expected_return(WORLD, t, 7) for t in run.thetas[::100]]
    # from the random policy (below 0) up past 0.2, never above the optimum (no policy is)
    assert J[0] < 0 and 0.2 < J[-1] <= v_star and np.all(np.diff(J) > 0)


def test_the_same_seed_gives_the_same_run():
    a, b = (PG.reinforce(WORLD, 20, rng=np.random.default_rng(3), start=7) for _ in range(2))
    np.testing.assert_array_equal(a.thetas, b.thetas)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match=r"theta must have one preference .* \(2, 3\)"):
        PG.expected_return(BANDIT, np.zeros((3, 2)), 0)
    with pytest.raises(ValueError, match="start must be a state of the MDP"):
        PG.expected_return_gradient(BANDIT, np.zeros((2, 3)), 2)
    with pytest.raises(ValueError, match="start must be a non-terminal state"):
        PG.reinforce(BANDIT, 5, rng=0, start=1)
    with pytest.raises(ValueError, match="states must be one longer"):
        PG.episode_gradient(np.zeros((2, 3)), [0], [1], [1.0], gamma=0.9)
    with pytest.raises(ValueError, match="actions must be integers 0 to 2"):
        PG.episode_gradient(np.zeros((2, 3)), [0, 1], [3], [1.0], gamma=0.9)
    with pytest.raises(ValueError, match="baseline must have one value per state"):
        PG.episode_gradient(np.zeros((2, 3)), [0, 1], [1], [1.0], gamma=0.9, baseline=[0.0])
    with pytest.raises(ValueError, match="s and a must index theta"):
        PG.score(np.zeros((2, 3)), 2, 0)
    with pytest.raises(ValueError, match="alpha must be a finite number"):
        PG.reinforce(BANDIT, 5, rng=0, alpha=0.0)
    with pytest.raises(ValueError, match="gamma must be a number in"):
        PG.bandit_as_mdp([1.0, 2.0], gamma=1.0)
