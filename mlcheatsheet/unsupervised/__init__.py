"""Unsupervised learning: clustering (k-means, Gaussian mixtures by EM, hierarchical, DBSCAN, mean shift), dimensionality reduction (PCA), anomaly detection and recommender systems."""
