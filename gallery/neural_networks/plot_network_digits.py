r"""
Training curves and misclassified digits
========================================

A network with one hidden layer of 64 ReLU units trained with Adam on
scikit-learn's bundled 8×8 digits (a stratified, seeded split into training,
validation and test sets). Left: the cross-entropy on the training and the
validation set after every epoch; the dot marks the epoch whose parameters the
network keeps (the lowest validation loss). Right: accuracy. Below: the test
images it gets wrong, with the true and the predicted label.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam

X, y = load_digits(return_X_y=True)
X = X / 16.0
X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=0,
                                                  stratify=y)
X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.15,
                                                  random_state=0, stratify=y_rest)
net = nn.Sequential([nn.Dense(64, 64, rng=0), nn.Activation("relu"), nn.Dense(64, 10, rng=1)])
history = nn.fit(net, X_train, y_train, Adam(lr=1e-3), n_epochs=40, batch_size=32,
                 l2=1e-4, rng=0, X_val=X_val, y_val=y_val)

epochs = np.arange(1, len(history.train_loss) + 1)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
ax1.plot(epochs, history.train_loss, label="training")
ax1.plot(epochs, history.val_loss, label="validation")
ax1.plot(history.best_epoch, history.val_loss[history.best_epoch - 1], "ko", label="kept")
ax1.set(xlabel="epoch", ylabel="cross-entropy", yscale="log", title="Loss")
ax1.legend()
ax2.plot(epochs, history.train_accuracy, label="training")
ax2.plot(epochs, history.val_accuracy, label="validation")
ax2.set(xlabel="epoch", ylabel="accuracy", ylim=(0.8, 1.001), title="Accuracy")
ax2.legend()
fig.tight_layout()

# %%
# The misclassified test digits (at most 12), tiled into one image: the label above
# each tile is the true digit, then what the network said.
predicted = net.predict(X_test)
wrong = np.flatnonzero(predicted != y_test)[:12]
rows, cols = 2, 6
mosaic = np.full((rows * 11, cols * 10), np.nan)
fig, ax = plt.subplots(figsize=(8, 3.6))
for k, i in enumerate(wrong):
    r, c = divmod(k, cols)
    mosaic[r * 11 + 3:r * 11 + 11, c * 10 + 1:c * 10 + 9] = X_test[i].reshape(8, 8)
    ax.text(c * 10 + 5, r * 11 + 1.5, f"{y_test[i]} → {predicted[i]}", ha="center",
            va="center", fontsize=11)
ax.imshow(mosaic, cmap="gray_r", vmin=0, vmax=1)
ax.axis("off")
ax.set_title(f"{np.sum(predicted != y_test)} of {len(y_test)} test digits misclassified "
             "(true → predicted)")
fig.tight_layout()
plt.show()
