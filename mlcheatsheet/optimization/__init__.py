"""Optimization: first-order optimizers, learning-rate schedules, second-order methods,
test objectives, weight initializers and batch normalization."""
