r"""
Log loss: confident and wrong
=============================

Binary cross-entropy (log loss) charges :math:`-\log` of the probability the
model gave to what actually happened. A confident correct prediction costs
almost nothing; a confident wrong one costs without bound. The 2017 cheatsheet's
example, a probability of 0.012 for a sample whose label is 1, is marked.

The right panel shows the same loss as a function of the logit :math:`z`
(:math:`p = \sigma(z)`): far on the wrong side it grows linearly with
:math:`|z|`, which :func:`mlcheatsheet.neural_networks.losses.binary_cross_entropy_with_logits`
computes exactly where the probability route has to clip.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.neural_networks import losses as L

p = np.linspace(0.001, 0.999, 999)
ones, zeros = np.ones_like(p), np.zeros_like(p)
marks = [0.9, 0.5, 0.1, 0.012]

fig, (ax_p, ax_z) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
ax_p.plot(p, L.binary_cross_entropy(ones, p, reduction="none"), lw=2,
          label="true label 1: −log p")
ax_p.plot(p, L.binary_cross_entropy(zeros, p, reduction="none"), lw=2,
          label="true label 0: −log(1 − p)")
for q in marks:
    loss = L.binary_cross_entropy(1, q)
    ax_p.plot(q, loss, "ko", ms=4)
    offset = (8, 4) if q < 0.5 else (-70, 10)  # keep the labels inside the axes
    ax_p.annotate(f"p = {q:g}: {loss:.2f}", (q, loss), xytext=offset, textcoords="offset points")
ax_p.set(xlabel="predicted probability of class 1", ylabel="loss", ylim=(0, 7),
         title="Log loss against the predicted probability")
ax_p.legend(loc="upper center")

logit = np.linspace(-10, 10, 401)
ax_z.plot(logit, L.binary_cross_entropy_with_logits(np.ones_like(logit), logit, reduction="none"),
          lw=2, label="true label 1")
ax_z.plot(logit, np.maximum(0, -logit), "k:", label="max(0, −z): the linear asymptote")
ax_z.set(xlabel="logit z, with p = σ(z)", ylabel="loss",
         title="The same loss against the logit")
ax_z.legend()
plt.show()

# %%
# The cost of each marked prediction for a positive sample, and how many times
# the cost of a reasonable p = 0.9 it is:
base = L.binary_cross_entropy(1, 0.9)
for q in marks:
    loss = L.binary_cross_entropy(1, q)
    print(f"p = {q:<5g}  loss = {loss:6.3f}  ({loss / base:5.1f} × the loss at p = 0.9)")
plt.show()
