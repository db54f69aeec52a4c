r"""
The KL weight of a VAE and posterior collapse
=============================================

A variational autoencoder (:class:`mlcheatsheet.deep_learning.autoencoder.VAE`)
with a code of two numbers is trained on scikit-learn's digits (pixels scaled to
[0, 1]) with four weights :math:`\beta` on the KL term of its loss,
:math:`-\log p(x\mid z) + \beta\,\mathrm{KL}(q(z\mid x)\,\|\,\mathcal N(0, I))`
(:math:`\beta = 1` is the ELBO). Everything else is the same: the random seed,
the network, 40 epochs of Adam.

Left: the KL term per latent dimension on the test digits, the information each
number of the code carries, in nats. It falls as :math:`\beta` grows, and at
:math:`\beta = 4` it is essentially zero for both dimensions: the posterior has
collapsed onto the prior, and the code carries nothing. Right: decoded draws
from the prior, one row per :math:`\beta` (the same eight draws of :math:`z`
in every row). With small weights the draws are varied digits; as :math:`\beta`
grows they become fewer kinds; after the collapse the decoder ignores :math:`z`
and every draw is the same average image.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from mlcheatsheet.deep_learning.autoencoder import VAE, gaussian_kl
from mlcheatsheet.optimization.optimizers import Adam

X, y = load_digits(return_X_y=True)
X_train, X_test = train_test_split(X / 16, test_size=0.25, random_state=0, stratify=y)
betas = [0.25, 1.0, 2.0, 4.0]
kl_per_dim, samples = [], []
for beta in betas:
    vae = VAE(64, 2, hidden=(32,), rng=0)
    vae.fit(X_train, Adam(lr=1e-2), n_epochs=40, batch_size=100, beta=beta, rng=1)
    mu, log_var = vae.encode(X_test)
    kl_per_dim.append([gaussian_kl(mu[:, [j]], log_var[:, [j]]).mean() for j in range(2)])
    samples.append(vae.sample(8, rng=np.random.default_rng(2)))
kl_per_dim = np.array(kl_per_dim)
assert kl_per_dim[-1].max() < 0.05 < kl_per_dim[1].min()  # collapsed at 4, alive at 1

# %%
tile = lambda image: np.pad(image.reshape(8, 8), 1, constant_values=0)  # noqa: E731
montage = np.block([[tile(image) for image in row] for row in samples])
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
for j, marker in enumerate("os"):
    axes[0].plot(betas, kl_per_dim[:, j], marker=marker, label=f"dimension {j + 1}")
axes[0].set_xscale("log", base=2)
axes[0].set_xticks(betas, [f"{b:g}" for b in betas])
axes[0].set(xlabel="KL weight β", ylabel="KL per dimension (nats)",
            title="Information in each code dimension")
axes[0].legend(loc="upper right", frameon=False)
axes[1].imshow(montage, cmap="gray_r", vmin=0, vmax=1)
axes[1].set_yticks(np.arange(len(betas)) * 10 + 4.5, [f"β = {b:g}" for b in betas])
axes[1].set_xticks([])
axes[1].set_title("Decoded draws from the prior")
plt.show()
