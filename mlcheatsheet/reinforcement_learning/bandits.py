r"""Multi-armed bandits: epsilon-greedy, UCB1 and Thompson sampling, and their regret.

A bandit has :math:`K` arms; pulling arm :math:`a` pays a random reward of mean
:math:`\mu_a`. A strategy plays :math:`T` rounds and is judged by its (expected,
cumulative) **regret** :math:`R_T = \sum_{t \le T} (\mu^* - \mu_{a_t})`, the reward
lost to not always pulling the best arm. Every strategy here plays ``n_runs``
independent runs at once (one row each), so that regret curves averaged over
seeded runs cost one vectorized loop over the rounds.
"""

import numpy as np

from .._validation import array, instance_of, options, positive, probability, rng, size, \
    validate, vector

__all__ = ["Bandit", "epsilon_greedy", "ucb1", "thompson", "beta_update", "regret"]


def _means_fit_the_rewards(args):
    if args["rewards"] == "bernoulli" and not np.all((args["means"] >= 0) & (args["means"] <= 1)):
        raise ValueError(f"means of a Bernoulli bandit must lie in [0, 1]; got {args['means']}")


def _arm_numbers(arms, n_arms, name="arms"):
    """Relation helper: ``arms`` as ints, each an arm number 0 to ``n_arms - 1``."""
    if not np.all((arms == np.round(arms)) & (arms >= 0) & (arms < n_arms)):
        raise ValueError(f"{name} must be arm numbers 0 to {n_arms - 1}; got {arms}"[:200])
    return arms.astype(int)


def _arms_of_the_bandit(args):
    return {"arms": _arm_numbers(args["arms"], args["bandit"].n_arms)}


def _beta_counts(args):
    a, b, arms, rewards = args["a"], args["b"], args["arms"], args["rewards"]
    if a.shape != b.shape or len(arms) != len(rewards) or len(a) % len(arms) \
            or not np.all(np.isin(rewards, (0, 1))):
        raise ValueError("a and b must have one shape (runs x arms), and arms and rewards one "
                         f"length (runs) with rewards 0 or 1; got a {a.shape}, b {b.shape}, "
                         f"arms {arms.shape}, rewards {rewards}"[:300])
    return {"arms": _arm_numbers(arms, len(a) // len(arms))}


def _bernoulli_rewards(args):
    if args["bandit"].rewards != "bernoulli":
        raise ValueError("bandit must have Bernoulli rewards for Beta-Bernoulli Thompson "
                         f"sampling; got rewards={args['bandit'].rewards!r}")


class Bandit:
    r"""A :math:`K`-armed bandit with Bernoulli or Gaussian rewards and its own generator.

    Parameters
    ----------
    means : array_like of shape (K,)
        The arms' mean rewards :math:`\mu_a` (in [0, 1] for Bernoulli rewards).
    rng : numpy.random.Generator or int
        Where the rewards come from.
    rewards : {"bernoulli", "gaussian"}, default="bernoulli"
        Reward 1 with probability :math:`\mu_a` (else 0), or :math:`\mathcal N(\mu_a, \sigma^2)`.
    sigma : float, default=1.0
        Standard deviation of Gaussian rewards (unused for Bernoulli ones).

    Attributes
    ----------
    n_arms : int
    gaps : ndarray of shape (K,)
        :math:`\Delta_a = \mu^* - \mu_a`, zero for the best arm.

    Examples
    --------
    >>> bandit = Bandit([0.2, 0.9], rng=0)
    >>> bandit.n_arms, bandit.gaps.round(2).tolist()
    (2, [0.7, 0.0])
    """

    @validate(_means_fit_the_rewards, means=vector, rng=rng,
              rewards=options("bernoulli", "gaussian"), sigma=positive)
    def __init__(self, means, rng, rewards="bernoulli", sigma=1.0):
        self.means, self.rng, self.rewards, self.sigma = means, rng, rewards, sigma
        self.n_arms = len(means)
        self.gaps = means.max() - means

    @validate(lambda args: {"arms": _arm_numbers(args["arms"], args["self"].n_arms)},
              arms=vector)
    def pull(self, arms):
        """Pull one arm in each run: ``arms[i]`` in run ``i``; returns one reward per run.

        Examples
        --------
        >>> Bandit([0.0, 1.0], rng=0).pull([1, 0, 1]).tolist()
        [1.0, 0.0, 1.0]
        """
        mu = self.means[arms]
        if self.rewards == "bernoulli":
            return (self.rng.random(len(mu)) < mu).astype(float)
        return self.rng.normal(mu, self.sigma)


_bandit = instance_of(Bandit, "Bandit([0.2, 0.5], rng=0)")


def _play(bandit, n_steps, n_runs, choose):
    """Run ``choose(t, counts, values)`` for ``n_steps`` rounds; incremental mean estimates."""
    runs = np.arange(n_runs)
    counts, values = np.zeros((n_runs, bandit.n_arms)), np.zeros((n_runs, bandit.n_arms))
    arms = np.zeros((n_runs, n_steps), dtype=int)
    rewards = np.zeros((n_runs, n_steps))
    for t in range(n_steps):
        a = choose(t, counts, values)
        r = bandit.pull(a)
        counts[runs, a] += 1
        values[runs, a] += (r - values[runs, a]) / counts[runs, a]
        arms[:, t], rewards[:, t] = a, r
    return arms, rewards


@validate(bandit=_bandit, n_steps=size(), epsilon=probability, n_runs=size(), rng=rng)
def epsilon_greedy(bandit, n_steps, epsilon, n_runs=1, rng=0):
    r"""Pull every arm once, then explore with probability :math:`\varepsilon`, else exploit.

    Exploring pulls an arm chosen uniformly (the best one included); exploiting pulls
    the arm of highest mean reward so far. A fixed :math:`\varepsilon` explores for
    ever, so the regret grows linearly, by :math:`\varepsilon \bar\Delta` per round
    once the estimates are good (:math:`\bar\Delta` the mean gap over all arms).

    Returns
    -------
    arms, rewards : ndarray of shape (n_runs, n_steps)

    Examples
    --------
    >>> arms, rewards = epsilon_greedy(Bandit([0.1, 0.9], rng=0), 50, epsilon=0.1, rng=0)
    >>> arms.shape, int((arms[0, 10:] == 1).sum()) > 30
    ((1, 50), True)
    """
    K = bandit.n_arms

    def choose(t, counts, values):
        if t < K:
            return np.full(len(counts), t)
        explore = rng.random(len(counts)) < epsilon
        uniform = rng.integers(K, size=len(counts))
        return np.where(explore, uniform, values.argmax(axis=1))

    return _play(bandit, n_steps, n_runs, choose)


@validate(bandit=_bandit, n_steps=size(), n_runs=size())
def ucb1(bandit, n_steps, n_runs=1):
    r"""UCB1 (Auer et al., 2002): pull every arm once, then the arm of highest upper bound.

    .. math:: a_t = \arg\max_a \; \hat\mu_a + \sqrt{2 \ln t / n_a}

    An arm pulled rarely has a wide bonus and gets tried again; its bonus shrinks
    as :math:`n_a` grows, so a bad arm is pulled :math:`O(\ln t / \Delta_a^2)` times
    and the regret grows like :math:`\ln t`. Rewards are assumed to lie in [0, 1].

    Returns
    -------
    arms, rewards : ndarray of shape (n_runs, n_steps)

    Examples
    --------
    >>> arms, rewards = ucb1(Bandit([0.1, 0.9], rng=0), 100)
    >>> arms[0, :2].tolist(), int((arms[0] == 1).sum()) > 80
    ([0, 1], True)
    """
    K = bandit.n_arms

    def choose(t, counts, values):
        if t < K:
            return np.full(len(counts), t)
        return (values + np.sqrt(2 * np.log(t) / counts)).argmax(axis=1)

    return _play(bandit, n_steps, n_runs, choose)


@validate(_beta_counts, a=vector, b=vector, arms=vector, rewards=vector)
def beta_update(a, b, arms, rewards):
    r"""Beta-Bernoulli posterior update: a success adds 1 to :math:`a`, a failure to :math:`b`.

    With prior :math:`\mathrm{Beta}(a_k, b_k)` on an arm's success probability, one
    reward :math:`r \in \{0, 1\}` of that arm gives the posterior
    :math:`\mathrm{Beta}(a_k + r, b_k + 1 - r)` (the Beta prior is conjugate).
    ``arms[i]``, ``rewards[i]`` is one pull in run ``i``; ``a`` and ``b`` are
    flattened per run and arm (a single run: one entry per arm).

    Returns
    -------
    a, b : ndarray
        New arrays; the inputs are not changed.

    Examples
    --------
    >>> a, b = beta_update([1.0, 1.0], [1.0, 1.0], arms=[1.0], rewards=[1.0])
    >>> a.tolist(), b.tolist()
    ([1.0, 2.0], [1.0, 1.0])
    """
    a, b = a.reshape(len(arms), -1), b.reshape(len(arms), -1)
    runs = np.arange(len(arms))
    a[runs, arms] += rewards
    b[runs, arms] += 1 - rewards
    return a.ravel(), b.ravel()


@validate(_bernoulli_rewards, bandit=_bandit, n_steps=size(), n_runs=size(), rng=rng)
def thompson(bandit, n_steps, n_runs=1, rng=0):
    r"""Thompson sampling with a uniform Beta(1, 1) prior on each arm (Bernoulli rewards).

    Each round draws one success probability from every arm's posterior and pulls
    the arm whose draw is largest: an arm is pulled with the posterior probability
    that it is the best one.

    Returns
    -------
    arms, rewards : ndarray of shape (n_runs, n_steps)
    a, b : ndarray of shape (n_runs, K)
        The final posteriors :math:`\mathrm{Beta}(a, b)`.

    Examples
    --------
    >>> arms, rewards, a, b = thompson(Bandit([0.1, 0.9], rng=0), 100)
    >>> float(a.sum() + b.sum()) == 2 * 2 + 100
    True
    """
    shape = (n_runs, bandit.n_arms)
    a, b = np.ones(shape), np.ones(shape)
    arms = np.zeros((n_runs, n_steps), dtype=int)
    rewards = np.zeros((n_runs, n_steps))
    for t in range(n_steps):
        arms[:, t] = rng.beta(a, b).argmax(axis=1)
        rewards[:, t] = bandit.pull(arms[:, t])
        a, b = (x.reshape(shape) for x in beta_update(a.ravel(), b.ravel(), arms[:, t],
                                                      rewards[:, t]))
    return arms, rewards, a, b


@validate(_arms_of_the_bandit, bandit=_bandit, arms=array(ndim=(1, 2)))
def regret(bandit, arms):
    r"""Cumulative expected regret :math:`R_t = \sum_{s \le t} \Delta_{a_s}` of each run.

    The expected (pseudo-)regret counts the gap of each arm pulled, not the rewards
    drawn, so it has no reward noise.

    Parameters
    ----------
    bandit : Bandit
    arms : array_like of shape (n_steps,) or (n_runs, n_steps)
        The arms pulled, as returned by a strategy.

    Returns
    -------
    ndarray of the shape of ``arms``

    Examples
    --------
    >>> regret(Bandit([0.2, 0.5], rng=0), [0, 1, 0]).round(2).tolist()
    [0.3, 0.3, 0.6]
    """
    return np.cumsum(bandit.gaps[arms], axis=-1)
