"""Applications: time series (autoregressive models fitted by least squares, their order
chosen by AIC, one-step and multi-step forecasts against naive baselines)."""
