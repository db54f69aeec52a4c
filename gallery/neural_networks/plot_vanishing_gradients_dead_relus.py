r"""
Dead ReLUs against the learning rate
====================================

A network of four hidden layers of 32 ReLU units with He initialization, trained
on scikit-learn's digits for three epochs of plain SGD (batches of 32) at learning
rates from 0.01 to 3. Left: how many of its ReLU units output zero on every one of
the 1797 images afterwards (such a unit gets no gradient and never recovers).
Right: the training accuracy. Past a learning rate of a few tenths the first
steps overshoot, most units die and the network falls back to predicting one
class.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.neural_networks import vanishing_gradients as vg
from mlcheatsheet.optimization.optimizers import SGD

X, y = load_digits(return_X_y=True)
X = X / 16
rates = np.geomspace(0.01, 3, 6)
dead, accuracy = [], []
for lr in rates:
    net = vg.deep_mlp(64, 32, 4, 10, rng=0)
    history = nn.fit(net, X, y, SGD(lr=float(lr)), n_epochs=3, batch_size=32, rng=0)
    dead.append(vg.dead_units(net, X).sum())
    accuracy.append(history.train_accuracy[-1])

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
left.semilogx(rates, dead, "o-", lw=2)
left.axhline(4 * 32, color="0.6", ls="--", label="all units")
left.set(xlabel="learning rate", ylabel="dead ReLU units", title="dead units after training")
left.legend()
right.semilogx(rates, accuracy, "o-", lw=2, color="tab:orange")
right.set(xlabel="learning rate", ylabel="training accuracy", ylim=(0, 1),
          title="what the network still learns")
plt.show()
