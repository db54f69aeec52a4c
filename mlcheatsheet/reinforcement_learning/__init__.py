"""Reinforcement learning: multi-armed bandits (epsilon-greedy, UCB1, Thompson sampling),
Markov decision processes (a gridworld, value iteration and policy iteration), temporal-difference
control (Q-learning, SARSA, expected SARSA on the cliff) and policy gradients (REINFORCE)."""
