"""Reinforcement learning: multi-armed bandits (epsilon-greedy, UCB1, Thompson sampling) and
Markov decision processes (a gridworld, value iteration and policy iteration)."""
