"""Unsupervised learning: clustering (k-means, Gaussian mixtures by EM, hierarchical, DBSCAN), dimensionality reduction (PCA), anomaly detection and recommender systems."""
