r"""
Attention maps before and after training
========================================

The self-attention weights of one test sequence of the key-retrieval task
(:func:`mlcheatsheet.deep_learning.attention.make_retrieval_task`): six items,
each a key and a value, then a query key. Row :math:`i` of a map is the
attention of step :math:`i` over the seven steps; every row sums to one.

A one-head :class:`~mlcheatsheet.deep_learning.attention.MultiHeadAttention`
layer with a dense layer on its outputs is trained with Adam on 2000 seeded
sequences. At initialization (left) the weights are nearly uniform: random
projections make all scores similar. After training (right) each step attends
to the steps that share its key, so the query's row (the bottom one) puts its
weight on itself and on the item holding the asked key, whose value the dense
layer then reads.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.deep_learning.attention import MultiHeadAttention, make_retrieval_task
from mlcheatsheet.neural_networks.network import Dense, Sequential, fit
from mlcheatsheet.optimization.optimizers import Adam

rng = np.random.default_rng(0)
n_keys = 8
X_train, y_train, (T, D) = make_retrieval_task(2000, n_keys=n_keys, rng=rng)
X_test, y_test, _ = make_retrieval_task(200, n_keys=n_keys, rng=rng)
net = Sequential([MultiHeadAttention((T, D), n_heads=1, rng=0), Dense(T * D, 4, rng=1)])


def attention_map(sequence):
    """The (T, T) attention weights of the first head for one sequence."""
    net.forward(sequence[None])
    return net.layers[0].attention[0, 0]


before = attention_map(X_test[0])
fit(net, X_train, y_train, Adam(lr=1e-2), n_epochs=15, batch_size=64, rng=rng)
after = attention_map(X_test[0])
accuracy = float(np.mean(net.predict(X_test) == y_test))
assert accuracy > 0.95

steps = X_test[0].reshape(T, D)
labels = [f"key {k}, value {v}" for k, v in zip(steps[:-1, :n_keys].argmax(axis=1),
                                                 steps[:-1, n_keys:].argmax(axis=1))]
labels.append(f"query: key {steps[-1, :n_keys].argmax()}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained", sharey=True)
for ax, weights, title in [(axes[0], before, "at initialization"),
                           (axes[1], after, f"trained (test accuracy {100 * accuracy:.0f} %)")]:
    image = ax.imshow(weights, cmap="viridis", vmin=0, vmax=1)
    ax.set_xticks(range(T), [f"{i + 1}" for i in range(T - 1)] + ["q"])
    ax.set_xlabel("step attended to")
    ax.set_title(title)
axes[0].set_yticks(range(T), labels)
axes[0].set_ylabel("attending step")
fig.colorbar(image, ax=axes, label="attention weight", shrink=0.8)
plt.show()
