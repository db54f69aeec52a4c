r"""
Regret of epsilon-greedy, UCB1 and Thompson sampling
====================================================

A three-armed Bernoulli bandit with success probabilities 0.2, 0.5 and 0.7,
played for 5000 rounds, 200 seeded runs per strategy. The curves are the mean
cumulative (expected) regret :math:`R_t = \sum_{s \le t} \Delta_{a_s}` with a band
of two standard errors. Epsilon-greedy keeps exploring and its regret grows in a
straight line, steeper for the larger epsilon; with the small one, some runs lock
onto a worse arm for long stretches (the wide band). UCB1 and Thompson sampling
explore less and less: once the arms are told apart their regret grows like
:math:`\ln t`, which the logarithmic axis on the right turns into a straight line.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.reinforcement_learning import bandits as bd

means, n_steps, n_runs = [0.2, 0.5, 0.7], 5000, 200
t = np.arange(1, n_steps + 1)
strategies = {
    "ε-greedy, ε = 0.1": lambda b: bd.epsilon_greedy(b, n_steps, 0.1, n_runs=n_runs, rng=1),
    "ε-greedy, ε = 0.02": lambda b: bd.epsilon_greedy(b, n_steps, 0.02, n_runs=n_runs, rng=1),
    "UCB1": lambda b: bd.ucb1(b, n_steps, n_runs=n_runs),
    "Thompson sampling": lambda b: bd.thompson(b, n_steps, n_runs=n_runs, rng=1),
}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
final = {}
for name, play in strategies.items():
    bandit = bd.Bandit(means, rng=0)
    reg = bd.regret(bandit, play(bandit)[0])
    mean, se = reg.mean(axis=0), reg.std(axis=0) / np.sqrt(n_runs)
    final[name] = mean[-1]
    for ax in axes:
        ax.plot(t, mean, lw=1.8, label=name)
        ax.fill_between(t, mean - 2 * se, mean + 2 * se, alpha=0.25)
axes[0].set(title="linear time axis", xlabel="round t", ylabel="mean cumulative regret")
axes[1].set(title="logarithmic time axis", xlabel="round t (log scale)", xscale="log")
axes[0].legend()
plt.show()

# %%
# The regret after the last round, averaged over the runs:
for name, value in final.items():
    print(f"{name:<20} {value:8.1f}")
plt.show()
