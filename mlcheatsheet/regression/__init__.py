"""Regression: penalized least squares (ridge, lasso, elastic net) and polynomial regression."""
