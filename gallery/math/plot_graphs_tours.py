r"""
Greedy and optimal tours
========================

Nine random points in the unit square, toured by
:func:`mlcheatsheet.math.graphs.nearest_neighbour_tour` (left: always go to the
closest unvisited point) and by :func:`~mlcheatsheet.math.graphs.optimal_tour`
(right: the shortest of all 8! = 40 320 tours from the first point). The greedy
tour is forced into long edges at the end, once the nearby points are used up.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.math import graphs

rng = np.random.default_rng(3)
points = rng.random((9, 2))
tours = {"nearest-neighbour tour": graphs.nearest_neighbour_tour(points),
         "optimal tour": graphs.optimal_tour(points)}
lengths = {name: graphs.tour_length(points, tour) for name, tour in tours.items()}
for name, length in lengths.items():
    print(f"{name}: length {length:.3f}")
print(f"ratio greedy / optimal: {lengths['nearest-neighbour tour'] / lengths['optimal tour']:.3f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained")
for ax, (name, tour) in zip(axes, tours.items()):
    closed = points[tour + tour[:1]]
    ax.plot(closed[:, 0], closed[:, 1], "-", lw=1.5)
    ax.plot(points[:, 0], points[:, 1], "o", ms=7)
    ax.plot(*points[tour[0]], "s", ms=10, label="start")
    ax.set(title=f"{name}, length {lengths[name]:.3f}", aspect="equal", xlim=(-0.05, 1.05),
           ylim=(-0.05, 1.05), xlabel="x", ylabel="y")
    ax.legend(loc="upper right")
plt.show()
