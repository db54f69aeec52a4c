"""Basics: linear regression and gradient descent, the two ideas every later chapter uses."""
