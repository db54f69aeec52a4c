r"""
Hand-set filters and their feature maps
=======================================

One of scikit-learn's bundled 8×8 digits, convolved (cross-correlated, zero
padding 1) with four hand-set 3×3 kernels by
:func:`mlcheatsheet.deep_learning.convolution.conv2d`: a Sobel kernel for
vertical edges, its transpose for horizontal edges, a diagonal-edge kernel and a
box blur. Each map is large where the image looks like its kernel: the vertical
edges light up on the left and right sides of the strokes (with opposite signs),
the horizontal edges at their tops and bottoms. Last, a 2×2 max pooling of the
vertical-edge map keeps its strongest responses at half the resolution.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from mlcheatsheet.deep_learning.convolution import conv2d, max_pool2d

digits = load_digits()
image = digits.images[0] / 16.0  # a zero
kernels = {
    "vertical edges (Sobel x)": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
    "horizontal edges (Sobel y)": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
    "diagonal edges": np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]]),
    "box blur": np.full((3, 3), 1 / 9),
}
K = np.stack(list(kernels.values()))[:, None]           # (4 filters, 1 channel, 3, 3)
maps = conv2d(image[None, None], K, padding=1)[0]        # (4, 8, 8)
pooled = max_pool2d(maps[None, :1], size=2)[0, 0]        # (4, 4)
assert maps.shape == (4, 8, 8) and pooled.shape == (4, 4)

fig, axes = plt.subplots(3, 2, figsize=(7.5, 10.5), layout="constrained")
axes[0, 0].imshow(image, cmap="gray_r", vmin=0, vmax=1)
axes[0, 0].set_title(f"input: a digit {digits.target[0]} (8×8)")
for ax, (name, fmap) in zip(axes.flat[1:5], zip(kernels, maps)):
    limit = np.abs(fmap).max()
    im = ax.imshow(fmap, cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(name)
    fig.colorbar(im, ax=ax, shrink=0.8)
limit = np.abs(pooled).max()
im = axes[2, 1].imshow(pooled, cmap="RdBu_r", vmin=-limit, vmax=limit)
axes[2, 1].set_title("vertical edges, 2×2 max-pooled (4×4)")
fig.colorbar(im, ax=axes[2, 1], shrink=0.8)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()

# %%
# The kernels themselves: red weights add the pixel under them, blue ones
# subtract it. A kernel's response is largest where the image under it has the
# same pattern.
fig, axes = plt.subplots(2, 2, figsize=(6, 6), layout="constrained")
for ax, (name, k) in zip(axes.flat, kernels.items()):
    limit = np.abs(k).max()
    ax.imshow(k, cmap="RdBu_r", vmin=-limit, vmax=limit)
    for (r, c), v in np.ndenumerate(k):
        ax.text(c, r, f"{v:.2g}", ha="center", va="center", fontsize=12)
    ax.set_title(name)
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()
