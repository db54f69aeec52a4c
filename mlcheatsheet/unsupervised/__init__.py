"""Unsupervised learning: clustering (k-means, Gaussian mixtures by EM, hierarchical, DBSCAN) and dimensionality reduction (PCA)."""
