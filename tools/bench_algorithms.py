"""Speed of the classical algorithms against scikit-learn (`make bench`). Prints; asserts nothing.

The issue's target: fit time within 5x scikit-learn's for trees and kNN at 10^4
samples (vectorized NumPy against compiled Cython). Every row is the median of 3
runs in this one process, ours and scikit-learn's interleaved, on seeded
synthetic data; the ratio is ours / scikit-learn's. kNN "fit" is the whole
fit-and-predict of 10^3 queries (scikit-learn's brute-force fit only stores the data).
The pages print accuracies only, so that a build is the same on every machine.
"""

import statistics
import time

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from mlcheatsheet.algorithms import decision_trees as dt
from mlcheatsheet.algorithms import ensembles, knn

N, D, QUERIES, REPEATS = 10_000, 10, 1_000, 3


def median_time(run, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cases():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N, D)).astype(np.float32).astype(float)
    y = (X[:, 0] + X[:, 1] ** 2 + 0.5 * rng.normal(size=N) > 0.8).astype(int)
    r = np.sin(2 * X[:, 0]) + X[:, 1] + 0.1 * rng.normal(size=N)
    Q = rng.normal(size=(QUERIES, D))
    yield ("tree, gini, max_depth 8", lambda: dt.fit_tree(X, y, max_depth=8),
           lambda: DecisionTreeClassifier(max_depth=8, random_state=0).fit(X, y))
    yield ("tree, gini, no depth limit", lambda: dt.fit_tree(X, y),
           lambda: DecisionTreeClassifier(random_state=0).fit(X, y))
    yield ("regression tree, max_depth 8",
           lambda: dt.fit_tree(X, r, criterion="squared_error", max_depth=8),
           lambda: DecisionTreeRegressor(max_depth=8, random_state=0).fit(X, r))
    yield ("kNN k=5, 10^3 queries", lambda: knn.knn_classify(X, y, Q, k=5),
           lambda: KNeighborsClassifier(5, algorithm="brute").fit(X, y).predict(Q))
    yield ("random forest, 20 trees, depth 8",
           lambda: ensembles.fit_random_forest(X, y, n_estimators=20, max_depth=8, rng=0),
           lambda: RandomForestClassifier(20, max_depth=8, random_state=0).fit(X, y))
    yield ("gradient boosting, 20 rounds, depth 3",
           lambda: ensembles.fit_gradient_boosting(X, r, n_estimators=20, max_depth=3),
           lambda: GradientBoostingRegressor(n_estimators=20, max_depth=3).fit(X, r))


def main():
    print(f"{N} samples x {D} features; median of {REPEATS} runs (seconds)")
    print(f"{'case':40s} {'ours':>8s} {'sklearn':>8s} {'ratio':>7s}")
    for name, ours, sk in cases():
        t_ours, t_sk = median_time(ours), median_time(sk)
        print(f"{name:40s} {t_ours:8.3f} {t_sk:8.3f} {t_ours / t_sk:6.1f}x")


if __name__ == "__main__":
    main()
