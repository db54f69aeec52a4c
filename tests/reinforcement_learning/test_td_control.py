"""Tests of mlcheatsheet.reinforcement_learning.td_control: hand-worked updates, the cliff's
transition model, Q-learning converging to value iteration's Q*, expected SARSA converging to
the fixed point of the epsilon-greedy Bellman operator, Sutton and Barto's cliff-walking result,
properties and bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mlcheatsheet.reinforcement_learning import mdp as M
from mlcheatsheet.reinforcement_learning import td_control as T

Q0 = [[0.0, 0.0], [1.0, 3.0]]  # state 1: action 0 worth 1, action 1 worth 3


@pytest.mark.parametrize("method, q_sa, expected", [
    # target -1 + 0.9 * max(1, 3) = 1.7; 0 + 0.5 (1.7 - 0) = 0.85
    ("q_learning", 0.0, 0.85),
    # same target, from Q(s, a) = 2: 2 + 0.5 (1.7 - 2) = 1.85
    ("q_learning", 2.0, 1.85),
    # the next action is a2 = 0: target -1 + 0.9 * 1 = -0.1; 0.5 * -0.1 = -0.05
    ("sarsa", 0.0, -0.05),
    # eps = 0.2 over 2 actions: pi = (0.1, 0.9); E Q = 0.1 + 2.7 = 2.8; target -1 + 2.52 = 1.52
    ("expected_sarsa", 0.0, 0.76),
])
def test_one_update_by_hand(method, q_sa, expected):
    Q = np.array(Q0)
    Q[0, 0] = q_sa
    got = T.td_update(Q, 0, 0, -1.0, 1, 0, alpha=0.5, gamma=0.9, epsilon=0.2, method=method)
    assert got == pytest.approx(expected, abs=1e-12)


def test_epsilon_greedy_probabilities_by_hand():
    # 4 actions, eps = 0.2: 0.05 each, plus 0.8 shared by the two tied best actions
    np.testing.assert_allclose(T.epsilon_greedy_probabilities([1.0, 3.0, 3.0, 0.0], 0.2),
                               [0.05, 0.45, 0.45, 0.05])
    np.testing.assert_allclose(T.epsilon_greedy_probabilities([[0.0, 1.0], [5.0, 5.0]], 0.0),
                               [[0.0, 1.0], [0.5, 0.5]])


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)),
              elements=st.floats(-10, 10).map(lambda x: round(x, 1))),
       st.floats(0, 1))
def test_epsilon_greedy_is_a_distribution_that_favours_the_greedy_actions(q, epsilon):
    p = T.epsilon_greedy_probabilities(q, epsilon)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert np.all(p >= epsilon / q.shape[1] - 1e-12)
    best = q == q.max(axis=1, keepdims=True)
    for p_row, best_row in zip(p, best):  # a greedy action is at least as likely as any other
        assert p_row[best_row].min() >= p_row.max() - 1e-12
        np.testing.assert_allclose(p_row[best_row], p_row[best_row][0])  # ties split evenly


def test_the_behaviour_samples_the_epsilon_greedy_probabilities():
    rng = np.random.default_rng(0)
    q = np.array([1.0, 3.0, 3.0, 0.0])
    counts = np.bincount([T._act(q, 0.2, rng) for _ in range(20000)], minlength=4)
    # binomial standard errors are below 0.0036: 5 of them
    np.testing.assert_allclose(counts / 20000, [0.05, 0.45, 0.45, 0.05], atol=0.018)


def test_the_cliff_by_hand():
    cliff = T.CliffWalking()
    assert cliff.n_states == 4 * 12 - 10      # the 10 cliff cells are not states
    assert tuple(cliff.cells[cliff.start]) == (3, 0) and tuple(cliff.cells[cliff.goal]) == (3, 11)
    # 10 moves down from the row above the cliff, plus "right" from the start
    assert cliff.into_cliff.sum() == 11 and cliff.into_cliff[cliff.start, 1]
    np.testing.assert_allclose(cliff.P.sum(axis=2), 1.0)
    assert np.all(cliff.P[cliff.into_cliff][:, cliff.start] == 1)
    assert np.all(cliff.R[cliff.into_cliff] == -100)
    others = ~cliff.into_cliff
    others[cliff.goal] = False
    assert np.all(cliff.R[others] == -1)      # every other move costs 1, the last one too
    assert np.all(cliff.R[cliff.goal] == 0)
    assert T.terminal_states(cliff).tolist() == [s == cliff.goal for s in range(38)]
    # the deterministic moves: "up" from the start goes to the cell above
    above = [s for s, c in enumerate(cliff.cells) if tuple(c) == (2, 0)][0]
    assert cliff.P[cliff.start, 0, above] == 1


def test_terminal_states_of_the_gridworld_are_its_goals_and_pits():
    world = M.GridWorld(["...G", ".#.X", "...."])
    assert T.terminal_states(world).tolist() == world.terminal.tolist()


def _deterministic_mdp(seed, n_states=6, n_actions=3, gamma=0.9):
    """Each action leads to one state; the last state is terminal."""
    rng = np.random.default_rng(seed)
    P = np.zeros((n_states, n_actions, n_states))
    successor = rng.integers(n_states, size=(n_states, n_actions))
    P[np.arange(n_states)[:, None], np.arange(n_actions), successor] = 1
    R = rng.normal(size=(n_states, n_actions))
    P[-1], R[-1] = 0, 0
    P[-1, :, -1] = 1
    return M.MDP(P, R, gamma)


CONVERGENCE_MDPS = [M.GridWorld(["...G", ".#.X", "...."], slip=0.0, gamma=0.9),
                    _deterministic_mdp(0), _deterministic_mdp(1)]


@pytest.mark.parametrize("mdp", CONVERGENCE_MDPS, ids=["grid", "random0", "random1"])
def test_q_learning_converges_to_value_iterations_q_star(mdp):
    # Deterministic transitions: with exploring starts and eps = 0.5 every pair is updated
    # again and again, and each update of the constant-step rule contracts the error.
    v_star, policy, _ = M.value_iteration(mdp)
    q_star = M.bellman_backup(mdp, v_star)
    result = T.td_control(mdp, "q_learning", n_episodes=1200, rng=0, alpha=0.5, epsilon=0.5,
                          max_steps=200)
    np.testing.assert_allclose(result.Q, q_star, rtol=0, atol=1e-8)
    # same greedy policy wherever the optimal action is unique
    gaps = np.sort(q_star, axis=1)
    unique = gaps[:, -1] - gaps[:, -2] > 1e-6
    assert np.all(result.policy[unique] == policy[unique])


def test_expected_sarsa_converges_to_the_epsilon_greedy_fixed_point():
    # Oracle: iterate q <- r + gamma P (pi_eps(q) . q) to its fixed point; with deterministic
    # transitions expected SARSA's target does not depend on any sample, so the constant-step
    # rule converges to exactly that point.
    mdp, eps = _deterministic_mdp(2), 0.3
    q = np.zeros((mdp.n_states, mdp.n_actions))
    for _ in range(2000):
        pi = T.epsilon_greedy_probabilities(q, eps)
        q = mdp.R + mdp.gamma * mdp.P @ (pi * q).sum(axis=1)
    result = T.td_control(mdp, "expected_sarsa", n_episodes=3000, rng=1, alpha=0.5,
                          epsilon=eps, max_steps=200)
    np.testing.assert_allclose(result.Q, q, rtol=0, atol=1e-8)


@pytest.fixture(scope="module")
def cliff_runs():
    """Sutton and Barto's setting: eps = 0.1, alpha = 0.5, 300 episodes, 3 seeds."""
    cliff = T.CliffWalking()
    runs = {m: [T.td_control(cliff, m, n_episodes=300, rng=seed) for seed in range(3)]
            for m in ("q_learning", "sarsa")}
    return cliff, runs


def test_q_learning_learns_the_optimal_cliff_edge_path(cliff_runs):
    cliff, runs = cliff_runs
    v_star, _, _ = M.value_iteration(cliff)
    # by hand: 13 steps of -1, discounted: -(1 - 0.99^13) / (1 - 0.99)
    assert v_star[cliff.start] == pytest.approx(-(1 - 0.99 ** 13) / 0.01, abs=1e-9)
    for result in runs["q_learning"]:
        states, rewards = T.rollout(cliff, result.policy, cliff.start, rng=0)
        assert states[-1] == cliff.goal and len(rewards) == 13
        assert set(cliff.cells[states[1:-1], 0]) == {2}          # along the cliff's edge
        assert rewards @ cliff.gamma ** np.arange(13) == pytest.approx(v_star[cliff.start],
                                                                         abs=1e-9)


def test_sarsa_learns_the_safe_path(cliff_runs):
    cliff, runs = cliff_runs
    states, rewards = T.rollout(cliff, runs["sarsa"][0].policy, cliff.start, rng=0)
    assert states[-1] == cliff.goal and len(rewards) == 17      # up to the top row and along it
    rows, cols = cliff.cells[states].T
    assert rows.min() == 0 and np.all((rows < 2) | (cols == 0) | (cols == 11))


def test_q_learning_earns_less_online_than_sarsa(cliff_runs):
    cliff, runs = cliff_runs
    # after the first 50 episodes: Q-learning's eps-greedy walk along the edge falls off
    online = {m: np.mean([r.returns[50:].mean() for r in runs[m]]) for m in runs}
    assert online["q_learning"] < online["sarsa"] - 15
    for m in runs:  # the sum of rewards counts every step: -1 each, -100 per fall
        for r in runs[m]:
            assert np.all(r.returns <= -13) and np.all(r.returns >= -100 * r.lengths)


def test_the_same_seed_gives_the_same_run():
    cliff = T.CliffWalking(n_rows=3, n_cols=5)
    a, b = (T.td_control(cliff, "sarsa", 30, rng=np.random.default_rng(7)) for _ in range(2))
    np.testing.assert_array_equal(a.Q, b.Q)
    np.testing.assert_array_equal(a.returns, b.returns)


def test_rollout_by_hand_and_its_mean_return_is_the_policys_value():
    cliff = T.CliffWalking(n_rows=2, n_cols=3)
    states, rewards = T.rollout(cliff, [1, 1, 2, 0, 0], cliff.start, rng=0)
    assert states.tolist() == [3, 0, 1, 2, 4] and rewards.tolist() == [-1.0] * 4
    states, rewards = T.rollout(cliff, [1, 1, 2, 1, 0], cliff.start, rng=0, max_steps=5)
    assert states.tolist() == [3] * 6 and rewards.tolist() == [-100.0] * 5  # off the cliff, 5 times
    # a slippery world: the mean discounted return of many rollouts estimates v_pi
    world = M.GridWorld(["...G", ".#.X", "...."], slip=0.2, gamma=0.9)
    _, policy, _ = M.value_iteration(world)
    rng = np.random.default_rng(0)
    returns = [r @ 0.9 ** np.arange(len(r))
               for _, r in (T.rollout(world, policy, 7, rng=rng) for _ in range(3000))]
    v = M.policy_evaluation(world, policy)
    assert abs(np.mean(returns) - v[7]) < 4 * np.std(returns) / np.sqrt(3000)


def test_bad_input_is_refused():
    cliff = T.CliffWalking(n_rows=2, n_cols=3)
    with pytest.raises(ValueError, match="start must be a non-terminal state"):
        T.td_control(cliff, "sarsa", 5, rng=0, start=cliff.goal)
    with pytest.raises(ValueError, match="start must be a non-terminal state"):
        T.td_control(cliff, "sarsa", 5, rng=0, start=99)
    with pytest.raises(ValueError, match="method must be one of"):
        T.td_control(cliff, "td_lambda", 5, rng=0)
    with pytest.raises(ValueError, match="alpha must be a number in"):
        T.td_control(cliff, "sarsa", 5, rng=0, alpha=0.0)
    with pytest.raises(ValueError, match="epsilon must be a number in"):
        T.td_control(cliff, "sarsa", 5, rng=0, epsilon=1.5)
    with pytest.raises(TypeError, match="mdp must be an MDP instance"):
        T.td_control(M.MDP, "sarsa", 5, rng=0)
    with pytest.raises(ValueError, match="every state is absorbing"):
        T.td_control(M.MDP([[[1.0]]], [[0.0]], 0.5), "sarsa", 5, rng=0)
    with pytest.raises(ValueError, match="s2 must be less than 2"):
        T.td_update(Q0, 0, 0, -1.0, 2, 0, alpha=0.5, gamma=0.9, epsilon=0.1, method="sarsa")
    with pytest.raises(ValueError, match="n_cols must be >= 3"):
        T.CliffWalking(n_cols=2)
    with pytest.raises(ValueError, match="policy must hold one action"):
        T.rollout(cliff, [4, 0, 0, 0, 0], cliff.start, rng=0)
    with pytest.raises(ValueError, match="start must be a state of the MDP"):
        T.rollout(cliff, [0] * 5, 5, rng=0)
