"""mlcheatsheet: the tested code behind every snippet of the ML Cheatsheet site.

Each topic is one module (``mlcheatsheet.linear_regression``,
``mlcheatsheet.gradient_descent``, ...), imported explicitly; this package
imports nothing on its own so that pages load only what they use.
"""

__version__ = "0.1.0"
