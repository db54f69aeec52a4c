"""Classical supervised algorithms: decision trees, k-nearest neighbours, naive Bayes, SVMs."""
