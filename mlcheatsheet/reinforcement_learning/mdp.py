r"""Markov decision processes: a gridworld, value iteration and policy iteration.

A finite MDP is a set of states :math:`s`, actions :math:`a`, transition
probabilities :math:`P(s' \mid s, a)` (an array ``P[s, a, s']``), expected rewards
:math:`r(s, a)` and a discount :math:`\gamma \in [0, 1)`. The value of a policy
:math:`\pi` solves the Bellman equations
:math:`v_\pi = r_\pi + \gamma P_\pi v_\pi`; the optimal value solves
:math:`v^*(s) = \max_a \, r(s, a) + \gamma \sum_{s'} P(s' \mid s, a)\, v^*(s')`.
"""

import numpy as np

from .._validation import array, instance_of, interval, probability, real, validate

__all__ = ["MDP", "GridWorld", "bellman_backup", "policy_evaluation", "value_iteration",
           "policy_iteration"]

#: Spec of the tolerances: below about 1e-14 rounding, not the method, sets the accuracy.
TOL = interval(1e-14, 1, closed="both")
#: Largest deviation from 1 allowed in a row of transition probabilities.
ROW_TOLERANCE = 1e-9


def _one_value_per_state(owner):
    def relation(args):
        n = args[owner].n_states
        if args["v"].shape != (n,):
            raise ValueError(f"v must have one entry per state ({n}); got shape {args['v'].shape}")

    return relation


def _a_transition_model(args):
    P, R = args["P"], args["R"]
    if P.shape[0] != P.shape[2] or R.shape != P.shape[:2]:
        raise ValueError(f"P must have shape (n_states, n_actions, n_states) and R shape "
                         f"(n_states, n_actions); got P {P.shape} and R {R.shape}")
    sums = P.sum(axis=2)
    if np.any(P < 0) or np.any(np.abs(sums - 1) > ROW_TOLERANCE):
        s, a = np.unravel_index(np.argmax(np.abs(sums - 1) + (P < 0).any(axis=2)), sums.shape)
        raise ValueError(f"P must hold probabilities >= 0 with P[s, a, :] summing to 1; "
                         f"P[{s}, {a}, :] sums to {float(sums[s, a])!r}")


class MDP:
    r"""A finite Markov decision process :math:`(P, r, \gamma)`.

    Parameters
    ----------
    P : array_like of shape (n_states, n_actions, n_states)
        ``P[s, a, s2]`` is the probability of moving to ``s2`` after action ``a`` in ``s``.
    R : array_like of shape (n_states, n_actions)
        Expected reward of action ``a`` in state ``s``.
    gamma : float in [0, 1)
        Discount factor.

    Examples
    --------
    >>> mdp = MDP([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [0.0, 1.0]]],
    ...           [[0.0, 1.0], [0.0, 0.0]], gamma=0.9)
    >>> mdp.n_states, mdp.n_actions
    (2, 2)
    """

    @validate(_a_transition_model, P=array(ndim=3), R=array(ndim=2),
              gamma=interval(0, 1, closed="left"))
    def __init__(self, P, R, gamma):
        self.P, self.R, self.gamma = P, R, gamma
        self.n_states, self.n_actions = R.shape


#: The four moves of the gridworld, as (row, column) steps: up, right, down, left.
MOVES = np.array([(-1, 0), (0, 1), (1, 0), (0, -1)])
ARROWS = "↑→↓←"


def _layout(value, name):
    if not isinstance(value, (list, tuple)) or not value or \
            not all(isinstance(row, str) for row in value):
        raise TypeError(f"{name} must be a non-empty list of strings, one per row of the grid; "
                        f"got {value!r}"[:200])
    if len({len(row) for row in value}) != 1 or not value[0] or set("".join(value)) - set(".#GX"):
        raise ValueError(f"{name} must be rows of equal length made of '.' (free), '#' (wall), "
                         f"'G' (goal, +1) and 'X' (pit, -1) with at least one cell; got {value!r}")
    if set("".join(value)) <= {"#"}:
        raise ValueError(f"{name} must have at least one cell that is not a wall; got {value!r}")
    return tuple(value)


class GridWorld(MDP):
    r"""A gridworld MDP: move up, right, down or left; walls block; goals and pits end it.

    Each action moves in its direction with probability :math:`1 - \text{slip}` and
    to either side (at right angles) with probability :math:`\text{slip}/2` each; a
    move into a wall or off the grid leaves the agent where it is. Entering a goal
    ``G`` pays +1 and a pit ``X`` pays -1, every other move pays ``step_reward``;
    goals and pits are terminal (absorbing, reward 0 from then on). Walls are not
    states.

    Parameters
    ----------
    layout : list of str
        The grid, one string per row: ``.`` free, ``#`` wall, ``G`` goal, ``X`` pit.
    slip : float in [0, 1], default=0.2
    gamma : float in [0, 1), default=0.9
    step_reward : float, default=-0.04

    Attributes
    ----------
    cells : ndarray of shape (n_states, 2)
        The (row, column) of each state.
    terminal : ndarray of bool, shape (n_states,)

    Examples
    --------
    >>> world = GridWorld(["..G", ".#X"], slip=0.0)
    >>> world.n_states, world.n_actions, world.terminal.tolist()
    (5, 4, [False, False, True, False, True])
    >>> world.P[1, 1].tolist()      # from (0, 1), "right" enters the goal
    [0.0, 0.0, 1.0, 0.0, 0.0]
    """

    @validate(layout=_layout, slip=probability, gamma=interval(0, 1, closed="left"),
              step_reward=real)
    def __init__(self, layout, slip=0.2, gamma=0.9, step_reward=-0.04):
        self.layout = layout
        grid = np.array([list(row) for row in layout])
        self.cells = np.argwhere(grid != "#")
        index = {tuple(c): i for i, c in enumerate(self.cells)}
        kinds = grid[tuple(self.cells.T)]
        self.terminal = np.isin(kinds, ["G", "X"])
        entering = np.where(kinds == "G", 1.0, np.where(kinds == "X", -1.0, step_reward))
        n = len(self.cells)
        P, R = np.zeros((n, 4, n)), np.zeros((n, 4))
        for s, cell in enumerate(self.cells):
            if self.terminal[s]:
                P[s, :, s] = 1.0
                continue
            for a in range(4):
                for move, p in ((a, 1 - slip), ((a + 1) % 4, slip / 2), ((a - 1) % 4, slip / 2)):
                    s2 = index.get(tuple(cell + MOVES[move]), s)
                    P[s, a, s2] += p
                    R[s, a] += p * entering[s2]
        super().__init__(P, R, gamma)

    @validate(_one_value_per_state("self"), v=array(ndim=1))
    def as_grid(self, v):
        """Values (or actions) of the states laid out on the grid; walls are NaN.

        Examples
        --------
        >>> GridWorld(["..G", ".#X"]).as_grid([1, 2, 3, 4, 5]).tolist()
        [[1.0, 2.0, 3.0], [4.0, nan, 5.0]]
        """
        out = np.full((len(self.layout), len(self.layout[0])), np.nan)
        out[tuple(self.cells.T)] = v
        return out


_mdp = instance_of(MDP, "GridWorld(['..G'])")


def _a_policy_of_the_mdp(args):
    mdp, policy = args["mdp"], args["policy"]
    if policy.shape != (mdp.n_states,) or not np.all(
            (policy == np.round(policy)) & (policy >= 0) & (policy < mdp.n_actions)):
        raise ValueError(f"policy must hold one action 0 to {mdp.n_actions - 1} per state "
                         f"({mdp.n_states}); got {policy}"[:200])
    return {"policy": policy.astype(int)}


def _sweeps_for(mdp, tol):
    """Sweeps k from v = 0 after which gamma^k r_max / (1 - gamma) <= tol: |v - v_limit| <= tol."""
    r_max = np.abs(mdp.R).max()
    if r_max == 0 or mdp.gamma == 0:
        return 1
    return max(1, int(np.ceil(np.log(tol * (1 - mdp.gamma) / r_max) / np.log(mdp.gamma))))


@validate(_one_value_per_state("mdp"), mdp=_mdp, v=array(ndim=1))
def bellman_backup(mdp, v):
    r"""Action values :math:`q(s, a) = r(s, a) + \gamma \sum_{s'} P(s' \mid s, a)\, v(s')`.

    Examples
    --------
    >>> mdp = MDP([[[1.0]]], [[1.0]], gamma=0.5)
    >>> bellman_backup(mdp, [2.0]).tolist()
    [[2.0]]
    """
    return mdp.R + mdp.gamma * mdp.P @ v


@validate(_a_policy_of_the_mdp, mdp=_mdp, policy=array(ndim=1), tol=TOL)
def policy_evaluation(mdp, policy, tol=1e-12):
    r"""The value :math:`v_\pi` of a deterministic policy, by repeated Bellman backups.

    .. math:: v \leftarrow r_\pi + \gamma P_\pi v

    is a contraction by :math:`\gamma` in the maximum norm. It stops when a sweep
    changes no value by more than :math:`\text{tol}\,(1-\gamma)/\gamma`, or after
    the sweeps :math:`k` with :math:`\gamma^k r_{\max}/(1-\gamma) \le \text{tol}`;
    either way :math:`v` is within ``tol`` of :math:`v_\pi` (up to rounding).

    Examples
    --------
    >>> mdp = MDP([[[1.0]]], [[1.0]], gamma=0.5)          # 1 + 0.5 + 0.25 + ... = 2
    >>> round(float(policy_evaluation(mdp, [0])[0]), 9)
    2.0
    """
    states = np.arange(mdp.n_states)
    P_pi, r_pi = mdp.P[states, policy], mdp.R[states, policy]
    v = np.zeros(mdp.n_states)
    for _ in range(_sweeps_for(mdp, tol)):
        v_new = r_pi + mdp.gamma * P_pi @ v
        done = mdp.gamma * np.max(np.abs(v_new - v)) <= tol * (1 - mdp.gamma)
        v = v_new
        if done:
            break
    return v


@validate(mdp=_mdp, tol=TOL)
def value_iteration(mdp, tol=1e-12):
    r"""Optimal values and a greedy policy by value iteration.

    .. math:: v_{k+1}(s) = \max_a \; r(s, a) + \gamma \sum_{s'} P(s' \mid s, a)\, v_k(s')

    from :math:`v_0 = 0`, stopping as :func:`policy_evaluation` does, so that
    :math:`v` is within ``tol`` of :math:`v^*`.

    Returns
    -------
    v : ndarray of shape (n_states,)
    policy : ndarray of int, shape (n_states,)
        The greedy action of each state (the first of ties).
    n_iter : int
        The number of sweeps.

    Examples
    --------
    >>> v, policy, n_iter = value_iteration(GridWorld(["..G"], slip=0.0, step_reward=0.0))
    >>> v.round(3).tolist(), policy.tolist()
    ([0.9, 1.0, 0.0], [1, 1, 0])
    """
    v = np.zeros(mdp.n_states)
    for n_iter in range(1, _sweeps_for(mdp, tol) + 1):
        v_new = bellman_backup(mdp, v).max(axis=1)
        done = mdp.gamma * np.max(np.abs(v_new - v)) <= tol * (1 - mdp.gamma)
        v = v_new
        if done:
            break
    return v, bellman_backup(mdp, v).argmax(axis=1), n_iter


@validate(mdp=_mdp, tol=TOL)
def policy_iteration(mdp, tol=1e-12):
    r"""Optimal values and policy by policy iteration: evaluate, improve greedily, repeat.

    Stops when the greedy policy no longer changes. The evaluations are within
    ``tol`` of exact, so an action is switched only if it beats the current one
    by more than ``2 tol``: every switch is a true improvement, and policy
    iteration cannot cycle; it ends after at most one step per policy.

    Returns
    -------
    v, policy, n_iter
        As :func:`value_iteration`; ``n_iter`` counts improvement steps.

    Examples
    --------
    >>> v, policy, n_iter = policy_iteration(GridWorld(["..G"], slip=0.0, step_reward=0.0))
    >>> v.round(3).tolist(), policy.tolist()
    ([0.9, 1.0, 0.0], [1, 1, 0])
    """
    states = np.arange(mdp.n_states)
    policy = np.zeros(mdp.n_states, dtype=int)
    for n_iter in range(1, mdp.n_actions ** mdp.n_states + 1):
        v = policy_evaluation(mdp, policy, tol=tol)
        q = bellman_backup(mdp, v)
        better = q.max(axis=1) > q[states, policy] + 2 * tol
        if not better.any():
            break
        policy = np.where(better, q.argmax(axis=1), policy)
    return v, policy, n_iter
