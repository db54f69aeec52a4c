r"""
What the discriminator sees, and why the generator's loss is not log(1 - D)
===========================================================================

A GAN (:class:`mlcheatsheet.deep_learning.gan.GAN`) is trained for 1500 steps
on a ring of eight Gaussians with the step size at which, on the GAN page, its
generator leaves one mode empty.

Left: the discriminator's probability :math:`D(x)` that a point is real, over
the plane, with the generated samples on top and the eight modes circled. Away
from the modes it says "fake"; on the modes the generator covers it is unsure.
On the mode the generator misses it is confident that points are real: it has
seen real samples there and no generated ones. Yet that does not bring the
generator there. The generator learns only from :math:`D`'s gradient at its own
samples, and around them :math:`D` is flat or points to the mode they are on;
the bump of the missing mode is too far away to be felt.

Right: the push each generator loss gives through a logit,
:math:`-\partial L_G/\partial l`, against :math:`D(G(z))`. The minimax loss
:math:`\log(1 - D)` gives :math:`D`, which vanishes where the discriminator
confidently rejects a sample; the non-saturating loss :math:`-\log D` gives
:math:`1 - D`, which is largest there.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.deep_learning import gan
from mlcheatsheet.optimization.optimizers import Adam

std = 0.05
X, _ = gan.ring_of_gaussians(5000, std=std, rng=0)
centres = gan.ring_centres()
model = gan.GAN(hidden=(32, 32), rng=0)
model.fit(X, Adam(5e-3, beta1=0.5), Adam(5e-3, beta1=0.5), n_steps=1500, batch_size=64,
          rng=np.random.default_rng(100))
samples = model.sample(2500, rng=7)
coverage = gan.mode_coverage(samples, centres, std)
empty = centres[coverage.counts.argmin()]
assert coverage.n_covered < 8 and model.discriminate(empty[None])[0] > 0.9

grid = np.linspace(-3, 3, 121)
gx, gy = np.meshgrid(grid, grid)
d_grid = model.discriminate(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)

d_values = np.linspace(1e-4, 1 - 1e-4, 400)
logits = np.log(d_values / (1 - d_values))
push = {kind: -gan.generator_loss_grad(logits, kind) * len(logits)  # per sample
        for kind in gan.GENERATOR_LOSSES}

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained")
image = axes[0].pcolormesh(gx, gy, d_grid, cmap="RdBu_r", vmin=0, vmax=1, shading="auto",
                           rasterized=True)
fig.colorbar(image, ax=axes[0], label="D(x)")
axes[0].scatter(samples[:, 0], samples[:, 1], s=1.5, color="k", alpha=0.3, rasterized=True)
for c in centres:
    axes[0].add_patch(plt.Circle(c, 3 * std, fill=False, color="0.2", lw=1))
axes[0].set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal",
            title=f"D(x) and the samples: {coverage.n_covered} of 8 modes")
axes[1].plot(d_values, push["minimax"], label="minimax, log(1 − D)")
axes[1].plot(d_values, push["non_saturating"], "--", label="non-saturating, −log D")
axes[1].set(xlabel="D(G(z))", ylabel="push on the logit, −∂L/∂l",
            title="The generator's gradient")
axes[1].legend(loc="upper center", frameon=False)
plt.show()
