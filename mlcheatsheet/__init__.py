"""mlcheatsheet: the tested code behind every snippet of the ML Cheatsheet site.

Each topic is one module in the subpackage of its section, named as on the site
(``mlcheatsheet.basics.linear_regression`` is the page ``basics/linear_regression``),
imported explicitly: ``from mlcheatsheet.optimization import optimizers``. The
package imports nothing on its own, so that a page loads only what it uses.
"""

__version__ = "0.1.0"
