"""Neural networks: activation functions and loss functions with their derivatives, layers,
a sequential network with its training loop, and gradient checking."""
