r"""
Optimal values and policy of a gridworld
========================================

Russell and Norvig's 4 × 3 world: a goal (+1) top right, a pit (−1) below it, a
wall in the middle, a step cost of −0.04 and discount 0.9. Each cell shows its
optimal value :math:`v^*(s)` from value iteration and an arrow for the greedy
action (the goal and the pit end the episode; their value is 0). Without slipping (left) the agent walks the shortest way, right past the
pit. When a move slips sideways with probability 0.5 (right), the two cells next
to the pit walk into a wall or the edge on purpose: bumping keeps them where they
are or slips them sideways, and no sideways slip from there leads into the pit.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.reinforcement_learning import mdp as M

layout = ["...G", ".#.X", "...."]
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for ax, slip in zip(axes, (0.0, 0.5)):
    world = M.GridWorld(layout, slip=slip, gamma=0.9, step_reward=-0.04)
    v, policy, n_iter = M.value_iteration(world)
    ends = world.as_grid(1.0 * world.terminal) == 1  # goal and pit: no colour
    image = ax.imshow(np.ma.masked_array(world.as_grid(v), ends), cmap="RdYlGn",
                      vmin=-1, vmax=1)
    for row, col in np.argwhere(np.array([list(r) for r in layout]) == "#"):
        ax.add_patch(plt.Rectangle((col - 0.5, row - 0.5), 1, 1, color="0.45"))
    for (row, col), value, action, end in zip(world.cells, v, policy, world.terminal):
        if end:
            label = "goal +1" if layout[row][col] == "G" else "pit −1"
            ax.text(col, row, label, ha="center", va="center", fontsize=11, weight="bold")
            continue
        dr, dc = M.MOVES[action] * 0.3
        ax.annotate("", xy=(col + dc, row + dr), xytext=(col, row),
                    arrowprops=dict(arrowstyle="->", lw=2))
        ax.text(col, row + 0.38, f"{value:.3f}", ha="center", va="center", fontsize=10)
    ax.set(title=f"slip probability {slip} ({n_iter} sweeps)", xticks=[], yticks=[])
fig.colorbar(image, ax=axes, label="optimal value v*(s)", shrink=0.8)
plt.show()

# %%
# Policy iteration finds the same values in a handful of improvement steps:
world = M.GridWorld(layout, slip=0.5)
v_pi, policy_pi, steps = M.policy_iteration(world)
print("policy iteration steps:", steps)
print("largest difference from value iteration:", np.abs(v_pi - M.value_iteration(world)[0]).max())
plt.show()
