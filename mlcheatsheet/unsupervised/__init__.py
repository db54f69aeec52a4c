"""Unsupervised learning: clustering (k-means, Gaussian mixtures by EM, hierarchical, DBSCAN), dimensionality reduction (PCA) and anomaly detection."""
