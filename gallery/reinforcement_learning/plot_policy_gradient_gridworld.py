r"""
REINFORCE on a gridworld
========================

Russell and Norvig's 4 × 3 world from the MDP page (goal +1, pit −1, step cost
−0.04, moves slip sideways with probability 0.2, discount 0.9), started in the
bottom-left cell. A tabular softmax policy starts uniform and learns by
REINFORCE (:math:`\alpha = 0.5`), without a baseline and with a learned table
of state values as baseline (:math:`\beta = 0.1`), 8 seeded runs each. Because
the MDP is known, the left panel can draw each run's *exact* expected return
:math:`J(\theta)` after every episode (thin lines; thick: the mean), below the
optimal value :math:`v^*` from value iteration. Here the baseline helps little:
the rewards are small and of both signs, so the returns already straddle zero.
Some runs settle for a while on a worse route (a plateau), which a gradient
method can do. The right panel shows the most likely action of the best
baseline run's final policy, with its probability.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.reinforcement_learning import mdp as M
from mlcheatsheet.reinforcement_learning import policy_gradient as pg

world = M.GridWorld(["...G", ".#.X", "...."], slip=0.2, gamma=0.9, step_reward=-0.04)
start, n_runs, n_episodes = 7, 8, 500
v_star = M.value_iteration(world)[0][start]

fig, (ax, grid) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
final = {}
for label, beta, color in (("no baseline", None, "C3"), ("learned baseline", 0.1, "C0")):
    runs = [pg.reinforce(world, n_episodes, rng=seed, alpha=0.5, baseline_alpha=beta,
                         start=start) for seed in range(n_runs)]
    J = np.array([[pg.expected_return(world, t, start) for t in r.thetas] for r in runs])
    ax.plot(J.T, color=color, lw=0.6, alpha=0.4)
    ax.plot(J.mean(axis=0), color=color, lw=2.2, label=label)
    final[label] = runs[int(J[:, -1].argmax())]
ax.axhline(v_star, color="0.3", ls=":", lw=1.2, label="v* (value iteration)")
ax.set(xlabel="episode", ylabel="exact expected return J(θ)", title="REINFORCE, 8 runs each")
ax.legend(loc="lower right")

pi = pg.softmax_policy(final["learned baseline"].theta)
grid.imshow(np.isnan(world.as_grid(np.zeros(world.n_states))), cmap="Greys", vmin=0, vmax=2)
for (row, col), p, end in zip(world.cells, pi, world.terminal):
    if end:
        grid.text(col, row, "goal +1" if world.layout[row][col] == "G" else "pit −1",
                  ha="center", va="center", weight="bold")
        continue
    dr, dc = M.MOVES[p.argmax()] * 0.3
    grid.annotate("", xy=(col + dc, row + dr), xytext=(col, row),
                  arrowprops=dict(arrowstyle="->", lw=2))
    grid.text(col, row + 0.38, f"{p.max():.2f}", ha="center", va="center")
grid.set(xticks=[], yticks=[], title="most likely action and its probability")

# %%
# The learned policy is still stochastic: REINFORCE moves probabilities, it never
# jumps to a deterministic policy.
print("optimal value v*(start):", round(float(v_star), 4))
for label, run in final.items():
    print(f"{label}: J after {n_episodes} episodes =",
          round(pg.expected_return(world, run.theta, start), 4))
plt.show()
