"""Neural networks: activation functions and loss functions with their derivatives."""
