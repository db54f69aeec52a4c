r"""
Training curves with and without each regularizer
=================================================

The experiment of the regularization page: one hidden layer of 128 ReLU units,
Adam, 200 training digits, 300 validation digits, 100 epochs, the same initial
weights and batch order in every run. Each panel sets one regularizer (colour)
beside the unregularized network (grey): dotted lines are the training loss,
solid lines the validation loss. The gap between the two is how much a network
memorizes: the penalty, dropout and label smoothing narrow it by holding the
training loss up; augmentation instead brings the validation loss down.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.neural_networks import regularization as rg
from mlcheatsheet.optimization.optimizers import Adam

X, y = load_digits(return_X_y=True)
X = X / 16
X_train, X_val, y_train, y_val = train_test_split(X, y, train_size=200, test_size=300,
                                                  random_state=0, stratify=y)
EPOCHS = 100


def network(extra=()):
    return nn.Sequential([nn.Dense(64, 128, rng=0), nn.Activation("relu"), *extra,
                          nn.Dense(128, 10, rng=1)])


def curves(net=None, X_fit=X_train, y_fit=y_train, **options):
    history = rg.fit_regularized(net or network(), X_fit, y_fit, Adam(lr=3e-3),
                                 n_epochs=EPOCHS, batch_size=50, rng=0, X_val=X_val,
                                 y_val=y_val, **options)
    return history.train_loss, history.val_loss


rng = np.random.default_rng(0)
X_aug = np.vstack([X_train] + [rg.augment_digits(X_train, rng) for _ in range(3)])
baseline = curves()
panels = {
    "L2 penalty, λ = 1e-3": curves(penalty="l2", lam=1e-3),
    "dropout, p = 0.5": curves(network([nn.Dropout(0.5, rng=0)])),
    "label smoothing, ε = 0.1": curves(label_smoothing=0.1),
    "augmentation: 3 shifted copies": curves(X_fit=X_aug, y_fit=np.tile(y_train, 4)),
}

epochs = np.arange(1, EPOCHS + 1)
fig, axes = plt.subplots(2, 2, figsize=(10, 6.5), sharex=True, sharey=True, layout="constrained")
for ax, (title, (train, val)) in zip(axes.ravel(), panels.items()):
    ax.semilogy(epochs, baseline[0], ":", color="0.5")
    ax.semilogy(epochs, baseline[1], "-", color="0.5", label="no regularization")
    ax.semilogy(epochs, train, ":", color="tab:blue")
    ax.semilogy(epochs, val, "-", color="tab:blue", label=title)
    ax.set_title(title)
    ax.legend(loc="upper right")
for ax in axes[-1]:
    ax.set_xlabel("epoch")
for ax in axes[:, 0]:
    ax.set_ylabel("cross-entropy")
plt.show()
