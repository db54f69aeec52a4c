"""Values that are not real numbers, shared by the tests that check they are refused.

``NOT_REAL_NUMBERS`` holds scalars, ``NOT_REAL_ARRAYS`` array-likes; the sweep over
every public callable (``test_bad_input_sweep.py``) uses a larger catalogue.
"""

import decimal
import fractions

import numpy as np

NOT_REAL_NUMBERS = {
    "an int too large for float64": 10**400,
    "a huge Fraction": fractions.Fraction(10**400, 3),
    "a Decimal": decimal.Decimal("1.5"),
    "a complex number": 1 + 5j,
    "a string of digits": "1",
    "a datetime64": np.datetime64("2020-01-01"),
}

NOT_REAL_ARRAYS = {
    "complex": [1 + 5j],
    "digit strings": ["1", "2"],
    "datetime64": np.array(["2020-01-01"], dtype="datetime64[D]"),
    "object array": np.array([object()], dtype=object),
    "booleans": [True, False],
    "an int too large for float64": [10**400],
    "a huge Fraction": [fractions.Fraction(10**400, 3)],
    "Decimal": [decimal.Decimal("1.5")],
}
