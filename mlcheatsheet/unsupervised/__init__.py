"""Unsupervised learning: clustering (k-means and choosing K)."""
