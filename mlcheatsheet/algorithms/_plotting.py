"""Plotting shared by the algorithms' gallery scripts: class scatter and decision regions.

Private (no page of its own): the figures of every classical algorithm draw the
same two things, the training points of each class and the regions a fitted
model assigns to each class, with the same colours and markers.
"""

import numpy as np

MARKERS = "o^sDv"


def class_colors(n_classes):
    """Two classes: blue and red; more: the first colours of the default cycle."""
    return ["C0", "C3"] if n_classes == 2 else [f"C{k}" for k in range(n_classes)]


def scatter_classes(ax, X, y, names=None, n_classes=None):
    """The points of each class, with its own colour and marker (labels 0, 1, ...)."""
    n_classes = int(np.max(y)) + 1 if n_classes is None else n_classes
    for k, color in enumerate(class_colors(n_classes)):
        ax.scatter(*np.asarray(X)[np.asarray(y) == k].T, marker=MARKERS[k], c=color,
                   edgecolors="k", linewidths=0.5,
                   label=f"class {k}" if names is None else names[k])


def plot_regions(ax, predict, X, y, xlim, ylim, resolution=250, names=None):
    """Fill the plane by the class ``predict(points)`` gives each grid point; points on top."""
    n_classes = int(np.max(y)) + 1
    g1, g2 = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    regions = predict(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    ax.contourf(g1, g2, regions, levels=np.arange(n_classes + 1) - 0.5,
                colors=class_colors(n_classes), alpha=0.3)
    scatter_classes(ax, X, y, names, n_classes)
