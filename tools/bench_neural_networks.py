"""Time per epoch: this library's network against scikit-learn's MLPClassifier (`make bench`).

Prints numbers; asserts nothing. Both train the digits network of
docs/neural_networks/network.md at the same settings (64-256-10, ReLU, softmax
cross-entropy, Adam at lr 1e-3, batch size 32, L2 penalty 1e-4, the page's seeded
split), in this process, one after the other, three times each; the table shows the
median time per epoch and the test accuracy of the last run.

    .venv/bin/python tools/bench_neural_networks.py
"""

import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SETTINGS = dict(hidden=256, lr=1e-3, batch_size=32, epochs=40, alpha=1e-4)
REPEATS = 3


def _data():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=0,
                                                      stratify=y)
    X_train, _, y_train, _ = train_test_split(X_rest, y_rest, test_size=0.15, random_state=0,
                                              stratify=y_rest)
    return X_train, y_train, X_test, y_test


def _ours(X, y, seed):
    from mlcheatsheet.neural_networks import network as nn
    from mlcheatsheet.optimization.optimizers import Adam

    net = nn.Sequential([nn.Dense(64, SETTINGS["hidden"], rng=seed), nn.Activation("relu"),
                         nn.Dense(SETTINGS["hidden"], 10, rng=seed + 100)])
    start = time.perf_counter()
    nn.fit(net, X, y, Adam(lr=SETTINGS["lr"]), n_epochs=SETTINGS["epochs"],
           batch_size=SETTINGS["batch_size"], l2=SETTINGS["alpha"], rng=seed)
    return time.perf_counter() - start, net.predict


def _sklearn(X, y, seed):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(hidden_layer_sizes=(SETTINGS["hidden"],), solver="adam",
                        learning_rate_init=SETTINGS["lr"], batch_size=SETTINGS["batch_size"],
                        max_iter=SETTINGS["epochs"], alpha=SETTINGS["alpha"],
                        n_iter_no_change=SETTINGS["epochs"] + 1, tol=0.0, random_state=seed)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached, as asked
        clf.fit(X, y)
    return time.perf_counter() - start, clf.predict


def main():
    X_train, y_train, X_test, y_test = _data()
    rows = []
    for name, train in [("this library", _ours), ("scikit-learn MLPClassifier", _sklearn)]:
        seconds, accuracy = [], None
        for seed in range(REPEATS):
            elapsed, predict = train(X_train, y_train, seed)
            seconds.append(elapsed)
            accuracy = float(np.mean(predict(X_test) == y_test))
        rows.append((name, 1000 * statistics.median(seconds) / SETTINGS["epochs"], accuracy))
    print(f"digits, {SETTINGS}, median of {REPEATS} runs")
    print(f"{'':28s} {'ms per epoch':>12s} {'test accuracy':>14s}")
    for name, ms, accuracy in rows:
        print(f"{name:28s} {ms:12.1f} {100 * accuracy:13.1f}%")
    print(f"{'ratio (ours / scikit-learn)':28s} {rows[0][1] / rows[1][1]:12.2f}")


if __name__ == "__main__":
    main()
