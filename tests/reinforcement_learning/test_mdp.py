"""Tests of mlcheatsheet.reinforcement_learning.mdp: the gridworld's transition model, value
and policy iteration against an exact linear solve of the Bellman equations, bad input."""

import itertools

import numpy as np
import pytest

from mlcheatsheet.reinforcement_learning import mdp as M

WORLD = ["...G", ".#.X", "...."]  # Russell and Norvig's 4 x 3 world, start bottom left


def _exact_value(mdp, policy):
    """Oracle: solve (I - gamma P_pi) v = r_pi directly."""
    s = np.arange(mdp.n_states)
    P_pi, r_pi = mdp.P[s, policy], mdp.R[s, policy]
    return np.linalg.solve(np.eye(mdp.n_states) - mdp.gamma * P_pi, r_pi)


def _random_mdp(seed, n_states=6, n_actions=3, gamma=0.95):
    rng = np.random.default_rng(seed)
    P = rng.random((n_states, n_actions, n_states)) ** 3
    return M.MDP(P / P.sum(axis=2, keepdims=True), rng.normal(size=(n_states, n_actions)), gamma)


WORLDS = [M.GridWorld(WORLD, slip=slip, gamma=g, step_reward=c)
          for slip, g, c in [(0.2, 0.9, -0.04), (0.0, 0.5, 0.0), (0.5, 0.99, -0.1), (1.0, 0.9, 0.0)]]
MDPS = WORLDS + [_random_mdp(seed) for seed in range(3)]


def test_gridworld_transitions_by_hand():
    world = M.GridWorld(WORLD, slip=0.2)
    index = {tuple(c): i for i, c in enumerate(world.cells)}
    s = index[(2, 0)]  # bottom left: up goes to (1, 0); its sides are left (a wall) and right
    up = world.P[s, 0]
    assert up[index[(1, 0)]] == pytest.approx(0.8)
    assert up[s] == pytest.approx(0.1)             # slipped left off the grid: stays
    assert up[index[(2, 1)]] == pytest.approx(0.1)  # slipped right
    s = index[(0, 2)]  # next to the goal: right enters it with 0.8 (+1), else step cost
    assert world.R[s, 1] == pytest.approx(0.8 * 1 + 0.2 * -0.04)
    assert world.n_states == 11 and world.terminal.sum() == 2
    np.testing.assert_allclose(world.P.sum(axis=2), 1.0)
    for t in np.flatnonzero(world.terminal):  # absorbing, no reward
        assert np.all(world.P[t, :, t] == 1) and np.all(world.R[t] == 0)


@pytest.mark.parametrize("mdp", MDPS, ids=[f"grid{i}" for i in range(len(WORLDS))]
                         + [f"random{i}" for i in range(len(MDPS) - len(WORLDS))])
def test_value_and_policy_iteration_agree_with_the_exact_bellman_solution(mdp):
    v_vi, pi_vi, _ = M.value_iteration(mdp)
    v_pi, pi_pi, _ = M.policy_iteration(mdp)
    np.testing.assert_allclose(v_vi, v_pi, rtol=0, atol=1e-8)
    for v, pi in ((v_vi, pi_vi), (v_pi, pi_pi)):
        np.testing.assert_allclose(v, _exact_value(mdp, pi), rtol=0, atol=1e-8)


@pytest.mark.parametrize("seed", range(3))
def test_no_policy_beats_the_one_found(seed):
    # Exhaustive oracle on a small MDP: 3 actions in 4 states, 81 deterministic policies.
    mdp = _random_mdp(seed, n_states=4, n_actions=3, gamma=0.8)
    v, _, _ = M.policy_iteration(mdp)
    best = np.max([_exact_value(mdp, np.array(p)) for p in
                   itertools.product(range(3), repeat=4)], axis=0)
    np.testing.assert_allclose(v, best, atol=1e-10)


def test_policy_evaluation_matches_the_linear_solve():
    mdp = _random_mdp(7)
    policy = np.array([0, 1, 2, 0, 1, 2])
    np.testing.assert_allclose(M.policy_evaluation(mdp, policy), _exact_value(mdp, policy),
                               atol=1e-9)


def test_the_gridworld_policy_avoids_the_pit():
    world = M.GridWorld(WORLD, slip=0.2)
    _, policy, _ = M.value_iteration(world)
    grid = world.as_grid(policy)
    assert grid[2, 3] == 3   # below the pit: "left", away from it, not "up" past it
    assert grid[0, 2] == 1   # next to the goal: "right"
    deterministic = M.value_iteration(M.GridWorld(WORLD, slip=0.0, step_reward=0.0))[0]
    # without slip or step cost, v = gamma^(steps to the goal - 1): bottom left is 5 steps away
    assert M.GridWorld(WORLD).as_grid(deterministic)[2, 0] == pytest.approx(0.9**4)


@pytest.mark.parametrize("gamma", [-0.1, 1.0, 1.5])
def test_gamma_outside_zero_one_is_refused(gamma):
    with pytest.raises(ValueError, match=r"gamma must be a number in \[0, 1\)"):
        M.GridWorld(WORLD, gamma=gamma)
    with pytest.raises(ValueError, match=r"gamma must be a number in \[0, 1\)"):
        M.MDP(np.ones((1, 1, 1)), np.zeros((1, 1)), gamma)


def test_transition_probabilities_must_sum_to_one():
    P = np.full((2, 1, 2), 0.5)
    P[1, 0] = [0.5, 0.6]
    with pytest.raises(ValueError, match=r"P\[1, 0, :\] sums to 1.1"):
        M.MDP(P, np.zeros((2, 1)), 0.9)
    with pytest.raises(ValueError, match="probabilities >= 0"):
        M.MDP(np.array([[[1.5, -0.5]], [[0.5, 0.5]]]), np.zeros((2, 1)), 0.9)
    with pytest.raises(ValueError, match="P must have shape"):
        M.MDP(np.full((2, 1, 3), 1 / 3), np.zeros((2, 1)), 0.9)


def test_bad_layouts_and_policies_are_refused():
    with pytest.raises(ValueError, match="layout must be rows of equal length"):
        M.GridWorld(["..G", "."])
    with pytest.raises(ValueError, match="layout must be rows"):
        M.GridWorld(["..Q"])
    with pytest.raises(ValueError, match="not a wall"):
        M.GridWorld(["##"])
    with pytest.raises(TypeError, match="layout must be a non-empty list of strings"):
        M.GridWorld("..G")
    with pytest.raises(ValueError, match="policy must hold one action 0 to 3"):
        M.policy_evaluation(M.GridWorld(WORLD), np.full(11, 4))
    with pytest.raises(TypeError, match="mdp must be an MDP instance"):
        M.value_iteration(np.ones((2, 1, 2)))
