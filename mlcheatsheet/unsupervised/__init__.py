"""Unsupervised learning: clustering (k-means, Gaussian mixtures by EM) and dimensionality reduction (PCA)."""
