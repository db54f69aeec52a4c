"""Classical supervised algorithms: decision trees and their ensembles, k-nearest neighbours, naive Bayes, SVMs."""
