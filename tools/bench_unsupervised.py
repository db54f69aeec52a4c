"""Speed of the unsupervised chapter's algorithms against scikit-learn (``make bench``).

Prints one table: seconds per Lloyd iteration of k-means on 10**5 x 10 points
(this library's :func:`~mlcheatsheet.unsupervised.kmeans.lloyd` against
scikit-learn's ``KMeans`` from the same starting centroids, one restart), the
median of three runs in the same process, and their ratio. No number here is
quoted on a page: timings depend on the machine.
"""

import statistics
import time

import numpy as np
from sklearn.cluster import KMeans

from mlcheatsheet.unsupervised import kmeans as km

M, N, K, ITERATIONS, REPEATS = 100_000, 10, 8, 20, 3


def _per_iteration(fit):
    """Median over REPEATS of (seconds / iterations) for ``fit() -> iterations``."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        iterations = fit()
        times.append((time.perf_counter() - start) / iterations)
    return statistics.median(times)


def kmeans_rows():
    """Rows ``[what, ours, scikit-learn, ratio]`` for k-means per iteration."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(M, N)) + rng.integers(0, 4, size=(M, 1)) * 2.0
    start = X[rng.choice(M, K, replace=False)]

    def ours():
        return len(km.lloyd(X, start.copy(), max_iter=ITERATIONS)[2])

    def theirs():
        model = KMeans(K, init=start, n_init=1, max_iter=ITERATIONS, tol=0,
                       algorithm="lloyd").fit(X)
        return model.n_iter_

    a, b = _per_iteration(ours), _per_iteration(theirs)
    return [[f"k-means, {M} x {N}, K = {K} (s / iteration)", a, b, a / b]]


def main():
    rows = kmeans_rows()
    print(f"{'benchmark':<46} {'ours':>10} {'sklearn':>10} {'ratio':>7}")
    for what, a, b, ratio in rows:
        print(f"{what:<46} {a:>10.2e} {b:>10.2e} {ratio:>6.2f}x")


if __name__ == "__main__":
    main()
