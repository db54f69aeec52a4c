r"""
What Q-learning and SARSA learn on the cliff
============================================

Sutton and Barto's cliff walking: a 4 × 12 grid, start bottom left, goal bottom
right, every move costs 1 and a step into the cliff between them costs 100 and
sends the agent back to the start (discount 0.99). Each learner runs 500 episodes
with an ε-greedy behaviour (ε = 0.1, step size α = 0.5, seed 1). Each cell is
coloured by its learned value :math:`\max_a Q(s, a)` and shows the greedy action.
Q-learning (top) learns the optimal values, so its arrows run along the edge of
the cliff. SARSA (bottom) learns the values of the ε-greedy policy it follows:
beside the cliff a random step can fall, so those cells are worth much less, and
its arrows lead up and away from the edge.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.reinforcement_learning import mdp as M
from mlcheatsheet.reinforcement_learning import td_control as td

cliff = td.CliffWalking()
fig, axes = plt.subplots(2, 1, figsize=(9, 6.5), layout="constrained")
for ax, method, title in zip(axes, ("q_learning", "sarsa"), ("Q-learning", "SARSA")):
    result = td.td_control(cliff, method, n_episodes=500, rng=1, alpha=0.5, epsilon=0.1)
    values = result.Q.max(axis=1)
    image = ax.imshow(cliff.as_grid(values), cmap="viridis", vmin=-30, vmax=0)
    for (row, col), action, end in zip(cliff.cells, result.policy, td.terminal_states(cliff)):
        if end:
            ax.text(col, row, "G", ha="center", va="center", color="w", weight="bold")
            continue
        dr, dc = M.MOVES[action] * 0.3
        ax.annotate("", xy=(col + dc, row + dr), xytext=(col, row),
                    arrowprops=dict(arrowstyle="->", lw=1.8, color="w"))
    ax.text(5.5, 3, "cliff", ha="center", va="center")
    ax.set(title=f"{title}: max_a Q(s, a) and greedy action", xticks=[], yticks=[])
fig.colorbar(image, ax=axes, label="learned value", shrink=0.8)

# %%
# Value iteration gives the optimal value of the start, which Q-learning's table matches:
v_star, _, _ = M.value_iteration(cliff)
q_learning = td.td_control(cliff, "q_learning", n_episodes=500, rng=1)
print("v*(start) by value iteration:", round(float(v_star[cliff.start]), 4))
print("max_a Q(start, a) by Q-learning:", round(float(q_learning.Q[cliff.start].max()), 4))
plt.show()
