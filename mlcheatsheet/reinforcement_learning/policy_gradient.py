r"""Policy gradients: REINFORCE with a tabular softmax policy, with and without a baseline.

The policy is a table of preferences :math:`\theta(s, a)` turned into action
probabilities by a softmax in each state,
:math:`\pi_\theta(a \mid s) = e^{\theta(s, a)} / \sum_b e^{\theta(s, b)}`.
The objective is the expected discounted return from the start state,
:math:`J(\theta) = v_{\pi_\theta}(s_0)`. On a known
:class:`~mlcheatsheet.reinforcement_learning.mdp.MDP` both :math:`J` and its
gradient can be computed exactly (a linear solve); REINFORCE estimates the
gradient from sampled episodes alone, with the score function
:math:`\nabla_\theta \log \pi_\theta(a \mid s)`.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import array, instance_of, integer, interval, optional, rng, size, validate, \
    vector
from ..neural_networks.activations import _softmax
from .mdp import MDP
from .td_control import terminal_states

__all__ = ["bandit_as_mdp", "softmax_policy", "expected_return", "expected_return_gradient",
           "score", "sample_episode", "episode_gradient", "ReinforceResult", "reinforce"]

#: Spec of a step size.
STEP = interval(0, np.inf, closed="neither")
_mdp = instance_of(MDP, "GridWorld(['..G'])")


@validate(means=vector, gamma=interval(0, 1, closed="left"))
def bandit_as_mdp(means, gamma=0.9):
    r"""A bandit as a one-step MDP: in state 0 arm :math:`a` pays ``means[a]``, and it ends.

    State 1 is terminal. :math:`J(\theta) = \sum_a \pi(a)\,\mu_a` for the policy of
    state 0, whatever ``gamma``.

    Examples
    --------
    >>> bandit = bandit_as_mdp([1.0, 2.0])
    >>> bandit.P[0].tolist(), bandit.R.tolist()
    ([[0.0, 1.0], [0.0, 1.0]], [[1.0, 2.0], [0.0, 0.0]])
    """
    P = np.zeros((2, len(means), 2))
    P[:, :, 1] = 1
    return MDP(P, np.vstack([means, np.zeros(len(means))]), gamma)


def _theta_of_the_mdp(args):
    mdp, theta = args["mdp"], args["theta"]
    if theta.shape != (mdp.n_states, mdp.n_actions):
        raise ValueError(f"theta must have one preference per state and action, shape "
                         f"({mdp.n_states}, {mdp.n_actions}); got shape {theta.shape}")
    start = args.get("start")
    if start is not None and start >= mdp.n_states:
        raise ValueError(f"start must be a state of the MDP (0 to {mdp.n_states - 1}); "
                         f"got {start}")


@validate(theta=array(ndim=2))
def softmax_policy(theta):
    r"""Action probabilities :math:`\pi(a \mid s)`: a softmax of each row of ``theta``.

    Examples
    --------
    >>> softmax_policy([[0.0, 0.0], [0.0, np.log(3.0)]]).round(3).tolist()
    [[0.5, 0.5], [0.25, 0.75]]
    """
    return _softmax(theta, axis=1)


def _solve(mdp, theta):
    """pi, P_pi, the inverse of I - gamma P_pi (rows: discounted visits), v_pi and q_pi."""
    pi = _softmax(theta, axis=1)
    P_pi = np.einsum("sa,sat->st", pi, mdp.P)
    visits = np.linalg.inv(np.eye(mdp.n_states) - mdp.gamma * P_pi)
    v = visits @ (pi * mdp.R).sum(axis=1)
    return pi, visits, v, mdp.R + mdp.gamma * mdp.P @ v


@validate(_theta_of_the_mdp, mdp=_mdp, theta=array(ndim=2), start=integer())
def expected_return(mdp, theta, start):
    r"""The exact :math:`J(\theta) = v_\pi(s_0)`, from :math:`(I - \gamma P_\pi)\, v_\pi = r_\pi`.

    Here :math:`P_\pi(s, s') = \sum_a \pi(a \mid s) P(s' \mid s, a)` and
    :math:`r_\pi(s) = \sum_a \pi(a \mid s)\, r(s, a)`.

    Examples
    --------
    >>> from mlcheatsheet.reinforcement_learning.mdp import GridWorld
    >>> line = GridWorld(["..G"], slip=0.0, gamma=0.5, step_reward=0.0)
    >>> round(expected_return(line, np.array([[-50, 50, 0, 0]] * 3), start=0), 6)  # always right
    0.5
    """
    return float(_solve(mdp, theta)[2][start])


@validate(_theta_of_the_mdp, mdp=_mdp, theta=array(ndim=2), start=integer())
def expected_return_gradient(mdp, theta, start):
    r"""The exact :math:`\nabla_\theta J`, by the policy gradient theorem.

    .. math:: \frac{\partial J}{\partial \theta(s, a)}
              = d(s)\, \pi(a \mid s)\, \bigl(q_\pi(s, a) - v_\pi(s)\bigr)

    with :math:`d(s) = \sum_t \gamma^t \Pr(s_t = s)` the discounted visits of
    :math:`s` from :math:`s_0` (row :math:`s_0` of :math:`(I - \gamma P_\pi)^{-1}`):
    the derivative of the softmax, :math:`\partial \pi(b \mid s) / \partial\theta(s, a)
    = \pi(b \mid s)([a = b] - \pi(a \mid s))`, weighted by where the policy goes.

    Examples
    --------
    >>> from mlcheatsheet.reinforcement_learning.mdp import GridWorld
    >>> line = GridWorld(["..G"], slip=0.0, gamma=0.5, step_reward=0.0)
    >>> expected_return_gradient(line, np.zeros((3, 4)), start=0).shape
    (3, 4)
    """
    pi, visits, v, q = _solve(mdp, theta)
    return visits[start][:, None] * pi * (q - v[:, None])


def _a_step_of_the_policy(args):
    theta, s, a = args["theta"], args["s"], args["a"]
    if s >= theta.shape[0] or a >= theta.shape[1]:
        raise ValueError(f"s and a must index theta of shape {theta.shape}; got s={s}, a={a}")


@validate(_a_step_of_the_policy, theta=array(ndim=2), s=integer(), a=integer())
def score(theta, s, a):
    r"""The score :math:`\nabla_\theta \log \pi_\theta(a \mid s)` of a softmax policy.

    Row :math:`s` is :math:`e_a - \pi(\cdot \mid s)`; every other row is 0.

    Examples
    --------
    >>> score([[0.0, 0.0], [0.0, np.log(3.0)]], s=1, a=0).round(3).tolist()
    [[0.0, 0.0], [0.75, -0.75]]
    """
    out = np.zeros_like(theta)
    out[s] = -_softmax(theta[s], axis=0)
    out[s, a] += 1
    return out


def _draw(p, rng):
    """An index drawn with probabilities p (by inverting the cumulative sum)."""
    return min(int(np.searchsorted(np.cumsum(p), rng.random(), side="right")), len(p) - 1)


def _sample(mdp, theta, start, rng, max_steps, terminal):
    states, actions, rewards = [start], [], []
    s = start
    while not terminal[s] and len(actions) < max_steps:
        a = _draw(_softmax(theta[s], axis=0), rng)
        actions.append(a)
        rewards.append(float(mdp.R[s, a]))
        s = _draw(mdp.P[s, a], rng)
        states.append(s)
    return np.array(states), np.array(actions, dtype=int), np.array(rewards)


@validate(_theta_of_the_mdp, mdp=_mdp, theta=array(ndim=2), start=integer(), rng=rng,
          max_steps=size())
def sample_episode(mdp, theta, start, rng, max_steps=1000):
    r"""One episode of the softmax policy from ``start``, to a terminal state or ``max_steps``.

    Returns
    -------
    states : ndarray of int, shape (T + 1,)
    actions : ndarray of int, shape (T,)
    rewards : ndarray, shape (T,)
        The reward :math:`r(s_t, a_t)` of each step.

    Examples
    --------
    >>> from mlcheatsheet.reinforcement_learning.mdp import GridWorld
    >>> line = GridWorld(["..G"], slip=0.0, gamma=0.5, step_reward=0.0)
    >>> states, actions, rewards = sample_episode(line, np.array([[-50, 50, 0, 0]] * 3), 0, rng=0)
    >>> states.tolist(), actions.tolist(), rewards.tolist()
    ([0, 1, 2], [1, 1], [0.0, 1.0])
    """
    return _sample(mdp, theta, start, rng, max_steps, terminal_states(mdp))


def _returns_to_go(rewards, gamma):
    G = np.zeros(len(rewards))
    running = 0.0
    for t in range(len(rewards) - 1, -1, -1):
        running = rewards[t] + gamma * running
        G[t] = running
    return G


def _gradient(theta, states, actions, rewards, gamma, baseline):
    G = _returns_to_go(rewards, gamma)
    g = np.zeros_like(theta)
    for t, (s, a) in enumerate(zip(states[:-1], actions)):
        weight = gamma ** t * (G[t] - baseline[s])
        g[s] -= weight * _softmax(theta[s], axis=0)
        g[s, a] += weight
    return g, G


def _an_episode_of_theta(args):
    theta, states, actions, rewards = args["theta"], args["states"], args["actions"], \
        args["rewards"]
    n_states, n_actions = theta.shape
    if len(states) != len(actions) + 1 or len(rewards) != len(actions):
        raise ValueError(f"states must be one longer than actions and rewards; got lengths "
                         f"{len(states)}, {len(actions)} and {len(rewards)}")
    for name, x, n in (("states", states, n_states), ("actions", actions, n_actions)):
        if not np.all((x == np.round(x)) & (x >= 0) & (x < n)):
            raise ValueError(f"{name} must be integers 0 to {n - 1}; got {x}"[:200])
    baseline = np.zeros(n_states) if args["baseline"] is None else args["baseline"]
    if baseline.shape != (n_states,):
        raise ValueError(f"baseline must have one value per state ({n_states}); got shape "
                         f"{baseline.shape}")
    return {"states": states.astype(int), "actions": actions.astype(int), "baseline": baseline}


#: Specs of an episode: states, actions and rewards (an episode may have no step).
_EPISODE = dict(states=array(ndim=1), actions=array(ndim=1, allow_empty=True),
                rewards=array(ndim=1, allow_empty=True), gamma=interval(0, 1, closed="left"),
                baseline=optional(array(ndim=1)))


@validate(_an_episode_of_theta, theta=array(ndim=2), **_EPISODE)
def episode_gradient(theta, states, actions, rewards, gamma, baseline=None):
    r"""REINFORCE's estimate of :math:`\nabla_\theta J` from one episode.

    .. math:: \hat g = \sum_t \gamma^t \,\bigl(G_t - b(s_t)\bigr)\,
              \nabla_\theta \log \pi_\theta(a_t \mid s_t),
              \qquad G_t = \sum_{k \ge t} \gamma^{k - t} r_k

    Its expectation over episodes is the exact gradient for any baseline
    :math:`b` that depends on the state only (default 0): a baseline can only
    change the variance.

    Examples
    --------
    >>> theta = np.zeros((2, 2))                  # one step from state 0, reward 1
    >>> episode_gradient(theta, [0, 1], [1], [1.0], gamma=0.9).tolist()
    [[-0.5, 0.5], [0.0, 0.0]]
    """
    return _gradient(theta, states, actions, rewards, gamma, baseline)[0]


@dataclass
class ReinforceResult:
    """What :func:`reinforce` learned.

    Attributes
    ----------
    theta : ndarray of shape (n_states, n_actions)
        The final preferences.
    thetas : ndarray of shape (n_episodes + 1, n_states, n_actions)
        The preferences before every episode, and after the last.
    returns : ndarray of shape (n_episodes,)
        The discounted return :math:`G_0` of every episode.
    baseline : ndarray of shape (n_states,)
        The learned state values (zeros without a baseline).
    """

    theta: np.ndarray
    thetas: np.ndarray
    returns: np.ndarray
    baseline: np.ndarray


def _a_start_state(args):
    mdp, start = args["mdp"], args["start"]
    if start >= mdp.n_states or terminal_states(mdp)[start]:
        raise ValueError(f"start must be a non-terminal state of the MDP (0 to "
                         f"{mdp.n_states - 1}); got {start}")


#: Specs of a learning run.
_RUN = dict(n_episodes=size(), rng=rng, alpha=STEP, baseline_alpha=optional(STEP),
            start=integer(), max_steps=size())


@validate(_a_start_state, mdp=_mdp, **_RUN)
def reinforce(mdp, n_episodes, rng, alpha=0.1, baseline_alpha=None, start=0,
              max_steps=1000):
    r"""REINFORCE: after each episode, :math:`\theta \leftarrow \theta + \alpha \hat g`.

    ``theta`` starts at 0 (every action equally likely). With ``baseline_alpha``,
    a table of state values :math:`b(s)` is learned alongside, each visited
    state moving :math:`b(s_t) \leftarrow b(s_t) + \beta\,(G_t - b(s_t))`, and
    serves as the baseline of :func:`episode_gradient` ("REINFORCE with baseline").

    Parameters
    ----------
    mdp : MDP
    n_episodes : int
    rng : numpy.random.Generator or int
    alpha : float > 0, default=0.1
        Step size of the policy.
    baseline_alpha : float > 0, optional
        Step size :math:`\beta` of the baseline; None for no baseline.
    start : int, default=0
    max_steps : int, default=1000

    Returns
    -------
    ReinforceResult

    Examples
    --------
    >>> from mlcheatsheet.reinforcement_learning.mdp import GridWorld
    >>> line = GridWorld(["..G"], slip=0.0, gamma=0.5, step_reward=0.0)
    >>> result = reinforce(line, n_episodes=300, rng=0, alpha=1.0)
    >>> round(expected_return(line, result.theta, start=0), 2)    # the best is 0.5
    0.5
    """
    terminal = terminal_states(mdp)
    theta = np.zeros((mdp.n_states, mdp.n_actions))
    b = np.zeros(mdp.n_states)
    thetas, returns = [theta.copy()], np.zeros(n_episodes)
    for episode in range(n_episodes):
        states, actions, rewards = _sample(mdp, theta, start, rng, max_steps, terminal)
        g, G = _gradient(theta, states, actions, rewards, mdp.gamma, b)
        theta = theta + alpha * g
        if baseline_alpha is not None:
            for s, G_t in zip(states[:-1], G):
                b[s] += baseline_alpha * (G_t - b[s])
        thetas.append(theta.copy())
        returns[episode] = G[0] if len(G) else 0.0
    return ReinforceResult(theta, np.array(thetas), returns, b)
