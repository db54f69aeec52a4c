r"""
How the cross-validation splitters cut the data
===============================================

Twenty samples, drawn as columns; each row is one fold, blue where the sample
trains and orange where it tests. Plain k-fold tests consecutive blocks.
Stratified k-fold (the grey strip below shows each sample's class) puts the
same share of each class in every test fold. Grouped k-fold never splits a
group (shades of grey in the strip). Time-series folds train only on the past,
so the training set grows from fold to fold.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from mlcheatsheet.model_selection import cross_validation as cv

rng = np.random.default_rng(0)
n = 20
y = rng.permutation(np.repeat([0, 1], [14, 6]))              # unbalanced classes
groups = np.repeat(np.arange(6), [5, 4, 4, 3, 2, 2])
panels = [
    ("k-fold (k = 4)", cv.kfold(n, 4), None),
    ("stratified k-fold (k = 3)", cv.stratified_kfold(y, 3), ("class", y)),
    ("grouped k-fold (k = 3)", cv.group_kfold(groups, 3), ("group", groups)),
    ("time-series folds (4)", cv.time_series_folds(n, 4), None),
]
roles = ListedColormap(["#dddddd", "#1f77b4", "#ff7f0e"])   # unused, train, test

fig, axes = plt.subplots(2, 2, figsize=(9.5, 5.2), layout="constrained")
for ax, (title, folds, strip) in zip(axes.flat, panels):
    grid = np.zeros((len(folds), n))
    for i, (train, test) in enumerate(folds):
        grid[i, train], grid[i, test] = 1, 2
    if strip is not None:
        grid = np.vstack([grid, np.full(n, np.nan)])
    ax.imshow(grid, cmap=roles, vmin=0, vmax=2, aspect="auto")
    if strip is not None:
        ax.imshow(np.vstack([np.full((len(folds), n), np.nan), strip[1][None, :]]),
                  cmap="Greys", vmin=-1, vmax=strip[1].max() + 1, aspect="auto")
    labels = [str(i + 1) for i in range(len(folds))] + ([strip[0]] if strip else [])
    ax.set(title=title, xlabel="sample", ylabel="fold",
           yticks=range(len(labels)), yticklabels=labels)
fig.suptitle("blue: trains, orange: tests, light grey: not used by that fold")
plt.show()
