"""Unsupervised learning: clustering (k-means and choosing K) and dimensionality reduction (PCA)."""
