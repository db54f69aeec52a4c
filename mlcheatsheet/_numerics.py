"""Exact rescaling by powers of two, for the modules that must not overflow.

Dividing a float by a power of two changes only its exponent, so it is exact
(unless the result would be subnormal). Statistics and products computed on
``x / 2**e`` and scaled back are the textbook ones to the bit for ordinary
input, and cannot overflow or underflow on the way for extreme input
(``normalize_features``, batch normalization, the logistic costs).
"""

import numpy as np

__all__ = ["binary_exponent"]


def binary_exponent(values, axis=None):
    """The exponent ``e`` with ``max |values| = m * 2**e`` and ``0.5 <= m < 1``.

    Along ``axis`` if given; 0 where every value is 0. ``values / 2**e`` lies in
    ``(-1, 1)``.

    Examples
    --------
    >>> int(binary_exponent([3.0, -0.5]))   # 3 = 0.75 * 2**2
    2
    >>> binary_exponent([[1e300, 1.0], [0.0, 4.0]], axis=0).tolist()
    [997, 3]
    >>> int(binary_exponent([0.0]))
    0
    """
    _, exponent = np.frexp(np.max(np.abs(np.asarray(values, dtype=float)), axis=axis,
                                  initial=0.0))
    return exponent
