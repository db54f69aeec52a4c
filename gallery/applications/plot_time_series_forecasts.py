r"""
AR(2) forecasts from four origins
=================================

:func:`mlcheatsheet.applications.time_series.ar_forecast` with the AR(2) model
that :func:`mlcheatsheet.applications.time_series.ar_fit` fits by least squares to
the first 300 values of a simulated AR(2) series (:math:`\phi_1 = 1.5`,
:math:`\phi_2 = -0.75`, mean 10, noise of standard deviation 1). From four origins
in the test part, the forecast 24 steps ahead (dashed) against what the series
did next (grey); each title gives the forecast's root-mean-square error and the
naive forecast's (the last value, repeated). Each forecast follows the next swing
for a few steps, then flattens towards the mean.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.applications import time_series as ts

x = ts.simulate_ar([1.5, -0.75], 400, c=2.5, rng=0)
train = x[:300]
p, _ = ts.select_order(train, 10)
params, _ = ts.ar_fit(train, p)
horizon = 24
fig, axes = plt.subplots(2, 2, figsize=(8, 5.6), layout="constrained", sharey=True)
for ax, origin in zip(axes.flat, (300, 322, 344, 366)):
    future = x[origin:origin + horizon]
    forecast = ts.ar_forecast(x[:origin], params, horizon)
    rmse = np.sqrt(np.mean((forecast - future) ** 2))
    naive = np.sqrt(np.mean((x[origin - 1] - future) ** 2))
    t = np.arange(origin, origin + horizon)
    ax.plot(np.arange(origin - 30, origin), x[origin - 30:origin], color="C0")
    ax.plot(t, future, color="0.5")
    ax.plot(t, forecast, "--", color="C1")
    ax.axhline(params[0] / (1 - params[1:].sum()), color="0.7", lw=0.8)
    ax.set(title=f"from t = {origin}: RMSE {rmse:.2f} (naive {naive:.2f})",
           xlabel="time step t", ylabel="$x_t$")
plt.show()
