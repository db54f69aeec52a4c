r"""Temporal-difference control: tabular Q-learning, SARSA and expected SARSA.

The agent does not know the MDP's :math:`P` and :math:`r`; it only *samples*
them, one step at a time, and after every step moves its estimate of
:math:`Q(s, a)` a fraction :math:`\alpha` towards a one-step target:

.. math:: Q(s, a) \leftarrow Q(s, a) + \alpha \bigl(\text{target} - Q(s, a)\bigr)

with :math:`r + \gamma \max_{a'} Q(s', a')` (Q-learning), :math:`r + \gamma Q(s', a')`
for the action :math:`a'` actually taken next (SARSA), or
:math:`r + \gamma \sum_{a'} \pi(a' \mid s') Q(s', a')` (expected SARSA). The
environment is an :class:`~mlcheatsheet.reinforcement_learning.mdp.MDP`; the
cliff of Sutton and Barto's Example 6.6 is :class:`CliffWalking`.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import array, instance_of, integer, interval, optional, options, probability, \
    real, rng, size, validate
from .mdp import MDP, MOVES, GridWorld

__all__ = ["CliffWalking", "terminal_states", "epsilon_greedy_probabilities", "td_update",
           "TDResult", "td_control", "rollout"]

METHODS = ("q_learning", "sarsa", "expected_sarsa")
#: Spec of a step size: in (0, 1].
STEP_SIZE = interval(0, 1, closed="right")


class CliffWalking(GridWorld):
    r"""Sutton and Barto's cliff: a grid whose bottom row between start and goal is a cliff.

    The agent starts bottom left and the goal is bottom right; every move costs
    ``step_reward`` (moves are deterministic, a move off the grid stays put). A
    move into the cliff costs ``cliff_reward`` and sends the agent back to the
    start; the episode goes on. Entering the goal ends it (and costs a step).
    The cliff cells are never occupied, so they are not states: they are the
    ``#`` cells of ``layout``.

    Parameters
    ----------
    n_rows : int >= 2, default=4
    n_cols : int >= 3, default=12
    gamma : float in [0, 1), default=0.99
        The textbook's task is undiscounted; the library's MDPs need
        :math:`\gamma < 1`.
    step_reward : float, default=-1.0
    cliff_reward : float, default=-100.0

    Attributes
    ----------
    start, goal : int
        The state numbers of the bottom-left and bottom-right cells.
    into_cliff : ndarray of bool, shape (n_states, 4)
        Which (state, action) pairs step into the cliff.

    Examples
    --------
    >>> cliff = CliffWalking(n_rows=2, n_cols=3)
    >>> cliff.layout, cliff.n_states, cliff.start, cliff.goal
    (('...', '.#G'), 5, 3, 4)
    >>> cliff.P[cliff.start, 1].tolist(), float(cliff.R[cliff.start, 1])   # right: off the cliff
    ([0.0, 0.0, 0.0, 1.0, 0.0], -100.0)
    """

    @validate(n_rows=integer(minimum=2, maximum=100), n_cols=integer(minimum=3, maximum=100),
              gamma=interval(0, 1, closed="left"), step_reward=real, cliff_reward=real)
    def __init__(self, n_rows=4, n_cols=12, gamma=0.99, step_reward=-1.0, cliff_reward=-100.0):
        layout = ["." * n_cols] * (n_rows - 1) + ["." + "#" * (n_cols - 2) + "G"]
        super().__init__(layout, slip=0.0, gamma=gamma, step_reward=step_reward)
        index = {tuple(c): i for i, c in enumerate(self.cells)}
        self.start, self.goal = index[(n_rows - 1, 0)], index[(n_rows - 1, n_cols - 1)]
        self.R[self.P[:, :, self.goal] == 1] = step_reward  # the goal costs a step, not +1
        self.R[self.goal] = 0.0
        self.into_cliff = np.zeros((self.n_states, 4), dtype=bool)
        for s, (row, col) in enumerate(self.cells):
            for a, (dr, dc) in enumerate(MOVES):
                if row + dr == n_rows - 1 and 0 < col + dc < n_cols - 1:
                    self.into_cliff[s, a] = not self.terminal[s]
        self.P[self.into_cliff] = np.eye(self.n_states)[self.start]
        self.R[self.into_cliff] = cliff_reward


_mdp = instance_of(MDP, "CliffWalking()")


@validate(mdp=_mdp)
def terminal_states(mdp):
    """The states that end an episode: absorbing (every action stays) and paying nothing.

    Their value is 0 under every policy, so a learner never needs to update them.

    Examples
    --------
    >>> terminal_states(CliffWalking(n_rows=2, n_cols=3)).tolist()
    [False, False, False, False, True]
    """
    states = np.arange(mdp.n_states)
    return np.all(mdp.P[states, :, states] == 1, axis=1) & np.all(mdp.R == 0, axis=1)


def _greedy_probabilities(q, epsilon):
    best = q == q.max(axis=-1, keepdims=True)
    return epsilon / q.shape[-1] + (1 - epsilon) * best / best.sum(axis=-1, keepdims=True)


@validate(q=array(), epsilon=probability)
def epsilon_greedy_probabilities(q, epsilon):
    r"""The :math:`\varepsilon`-greedy policy of action values ``q`` (one row per state).

    With probability :math:`\varepsilon` a uniformly random action, otherwise a
    greedy one, ties split evenly:
    :math:`\pi(a) = \varepsilon / |A| + (1 - \varepsilon)\,[a \in \arg\max q] / |\arg\max q|`.

    Examples
    --------
    >>> epsilon_greedy_probabilities([1.0, 3.0, 3.0, 0.0], epsilon=0.2).tolist()
    [0.05, 0.45, 0.45, 0.05]
    """
    return _greedy_probabilities(q, epsilon)


def _target(Q, r, s2, a2, gamma, epsilon, method):
    if method == "q_learning":
        return r + gamma * Q[s2].max()
    if method == "sarsa":
        return r + gamma * Q[s2, a2]
    return r + gamma * _greedy_probabilities(Q[s2], epsilon) @ Q[s2]


def _a_transition_of_q(args):
    n_states, n_actions = args["Q"].shape
    for name, n in (("s", n_states), ("a", n_actions), ("s2", n_states), ("a2", n_actions)):
        if args[name] >= n:
            raise ValueError(f"{name} must be less than {n} for Q of shape {args['Q'].shape}; "
                             f"got {args[name]}")


#: Specs of a transition (s, a, r, s2, a2) and of the update's constants.
_TRANSITION = dict(s=integer(), a=integer(), r=real, s2=integer(), a2=integer(), alpha=STEP_SIZE,
                   gamma=interval(0, 1, closed="both"), epsilon=probability)


@validate(_a_transition_of_q, Q=array(ndim=2), method=options(*METHODS), **_TRANSITION)
def td_update(Q, s, a, r, s2, a2, alpha, gamma, epsilon, method):
    r"""The new value of ``Q[s, a]`` after the transition :math:`(s, a, r, s', a')`.

    .. math:: Q(s, a) + \alpha\,\bigl(\text{target} - Q(s, a)\bigr)

    with the target of ``method`` (see the module); ``a2`` is used by SARSA only,
    ``epsilon`` (of the policy the target averages over) by expected SARSA only.

    Examples
    --------
    >>> Q = [[0.0, 0.0], [1.0, 3.0]]
    >>> td_update(Q, 0, 0, -1.0, 1, 0, alpha=0.5, gamma=0.9, epsilon=0.2, method="q_learning")
    0.85
    """
    target = _target(Q, r, s2, a2, gamma, epsilon, method)
    return float(Q[s, a] + alpha * (target - Q[s, a]))


@dataclass
class TDResult:
    """What :func:`td_control` learned.

    Attributes
    ----------
    Q : ndarray of shape (n_states, n_actions)
        The learned action values.
    returns : ndarray of shape (n_episodes,)
        The sum of rewards (undiscounted) the agent collected in each episode,
        while it was learning and exploring.
    lengths : ndarray of int, shape (n_episodes,)
        The number of steps of each episode.
    """

    Q: np.ndarray
    returns: np.ndarray
    lengths: np.ndarray

    @property
    def policy(self):
        """The greedy action of each state (the first of ties)."""
        return self.Q.argmax(axis=1)


def _act(q, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(len(q)))
    best = np.flatnonzero(q == q.max())
    return int(best[0] if len(best) == 1 else best[rng.integers(len(best))])


def _a_start_of_the_mdp(args):
    start, mdp = args["start"], args["mdp"]
    if start is not None and (start >= mdp.n_states or terminal_states(mdp)[start]):
        raise ValueError(f"start must be a non-terminal state of the MDP (0 to "
                         f"{mdp.n_states - 1}); got {start}")
    if start is None and terminal_states(mdp).all():
        raise ValueError("mdp must have a state that is not terminal to start from; every "
                         "state is absorbing with reward 0")


#: Specs of a learning run.
_RUN = dict(n_episodes=size(), rng=rng, alpha=STEP_SIZE, epsilon=probability,
            start=optional(integer()), max_steps=size())


@validate(_a_start_of_the_mdp, mdp=_mdp, method=options(*METHODS), **_RUN)
def td_control(mdp, method, n_episodes, rng, alpha=0.5, epsilon=0.1, start=None,
               max_steps=10_000):
    r"""Learn action values from sampled episodes with an :math:`\varepsilon`-greedy behaviour.

    Each episode starts in ``start`` (default: the MDP's ``start`` attribute if it
    has one, else a uniformly random non-terminal state — "exploring starts") and
    runs until a terminal state (:func:`terminal_states`) or ``max_steps``. In every
    step the agent picks :math:`a` :math:`\varepsilon`-greedily from
    :math:`Q(s, \cdot)` (ties broken at random), samples :math:`s' \sim P(\cdot \mid s, a)`,
    receives :math:`r(s, a)` and applies :func:`td_update`. ``Q`` starts at 0.

    Parameters
    ----------
    mdp : MDP
    method : {"q_learning", "sarsa", "expected_sarsa"}
    n_episodes : int
    rng : numpy.random.Generator or int
    alpha : float in (0, 1], default=0.5
        Step size.
    epsilon : float in [0, 1], default=0.1
        Exploration rate of the behaviour (and, for the SARSAs, the target) policy.
    start : int, optional
    max_steps : int, default=10000
        Longest episode.

    Returns
    -------
    TDResult

    Examples
    --------
    >>> from mlcheatsheet.reinforcement_learning.mdp import GridWorld
    >>> line = GridWorld(["...G"], slip=0.0, gamma=0.5, step_reward=0.0)
    >>> result = td_control(line, "q_learning", n_episodes=200, rng=0, epsilon=0.5)
    >>> result.Q.max(axis=1).round(3).tolist(), result.policy[:3].tolist()
    ([0.25, 0.5, 1.0, 0.0], [1, 1, 1])
    """
    terminal = terminal_states(mdp)
    if start is None:
        start = getattr(mdp, "start", None)
    free = np.flatnonzero(~terminal)
    cdf = np.cumsum(mdp.P, axis=2)
    Q = np.zeros((mdp.n_states, mdp.n_actions))
    returns, lengths = np.zeros(n_episodes), np.zeros(n_episodes, dtype=int)
    for episode in range(n_episodes):
        s = int(rng.choice(free)) if start is None else start
        a = _act(Q[s], epsilon, rng)
        for step in range(1, max_steps + 1):
            r = mdp.R[s, a]
            s2 = min(int(np.searchsorted(cdf[s, a], rng.random(), side="right")),
                     mdp.n_states - 1)
            a2 = _act(Q[s2], epsilon, rng)
            target = _target(Q, r, s2, a2, mdp.gamma, epsilon, method)
            Q[s, a] += alpha * (target - Q[s, a])
            returns[episode] += r
            s, a = s2, a2
            if terminal[s]:
                break
        lengths[episode] = step
    return TDResult(Q, returns, lengths)


def _a_policy_and_start(args):
    mdp, policy, start = args["mdp"], args["policy"], args["start"]
    if policy.shape != (mdp.n_states,) or not np.all(
            (policy == np.round(policy)) & (policy >= 0) & (policy < mdp.n_actions)):
        raise ValueError(f"policy must hold one action 0 to {mdp.n_actions - 1} per state "
                         f"({mdp.n_states}); got {policy}"[:200])
    if start >= mdp.n_states:
        raise ValueError(f"start must be a state of the MDP (0 to {mdp.n_states - 1}); "
                         f"got {start}")
    return {"policy": policy.astype(int)}


@validate(_a_policy_and_start, mdp=_mdp, policy=array(ndim=1), start=integer(), rng=rng,
          max_steps=size())
def rollout(mdp, policy, start, rng, max_steps=1000):
    r"""Follow a deterministic policy from ``start`` until a terminal state or ``max_steps``.

    Returns
    -------
    states : ndarray of int
        The states visited, ``start`` first (the terminal state last, if reached).
    rewards : ndarray
        The reward of each step (one fewer than ``states``); the discounted return is
        ``rewards @ mdp.gamma ** np.arange(len(rewards))``.

    Examples
    --------
    >>> cliff = CliffWalking(n_rows=2, n_cols=3)
    >>> states, rewards = rollout(cliff, [1, 1, 2, 0, 0], cliff.start, rng=0)  # up, right, down
    >>> states.tolist(), rewards.tolist()
    ([3, 0, 1, 2, 4], [-1.0, -1.0, -1.0, -1.0])
    """
    terminal = terminal_states(mdp)
    states, rewards = [start], []
    s = start
    while not terminal[s] and len(rewards) < max_steps:
        rewards.append(float(mdp.R[s, policy[s]]))
        s = int(rng.choice(mdp.n_states, p=mdp.P[s, policy[s]]))
        states.append(s)
    return np.array(states), np.array(rewards)
