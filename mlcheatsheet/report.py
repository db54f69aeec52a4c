"""Small helpers for showing results on the site's pages."""

import numbers

from ._validation import validate

__all__ = ["markdown_table"]


# --------------------------------------------------------------------------
# Input specs (see mlcheatsheet/_validation.py)
# --------------------------------------------------------------------------


def _describe(value):
    text = repr(value)
    if len(text) > 60:
        text = text[:40] + "..." + text[-10:]
    return f"{type(value).__name__} {text}"


def _items(value, name, what):
    """``list(value)``, or a TypeError naming ``name`` if it is a string or not iterable."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be {what}, not one string; got {_describe(value)}")
    try:
        return list(value)
    except TypeError:
        raise TypeError(f"{name} must be {what}; got {_describe(value)}") from None


def _titles(value, name):
    """Spec: column titles, a list (or tuple, or array) of at least one string."""
    titles = _items(value, name, "a list of column titles (strings)")
    if not titles:
        raise ValueError(f"{name} must name at least one column; got {_describe(value)}")
    for i, title in enumerate(titles):
        if not isinstance(title, str):
            raise TypeError(f"{name}[{i}] must be a string (a column title); got {_describe(title)}")
    return titles


def _table_rows(value, name):
    """Spec: an iterable of rows, each a list (or tuple, or array) of cells, as lists.

    Real numbers that are not integers become floats, to be formatted with ``floatfmt``.
    """
    rows = _items(value, name, "an iterable of rows (lists of cells)")
    for i, row in enumerate(rows):
        rows[i] = _items(row, f"{name}[{i}]", "a row: a list or tuple of cells")
        for j, cell in enumerate(rows[i]):
            if isinstance(cell, numbers.Real) and not isinstance(cell, numbers.Integral):
                try:
                    rows[i][j] = float(cell)
                except OverflowError:
                    raise ValueError(f"{name}[{i}][{j}] is a number too large for float64; "
                                     f"got {_describe(cell)}") from None
    return rows


_FLOAT_TYPES = "eEfFgGn%"


def _float_format(value, name):
    """Spec: a format specification for floats that ends in a presentation type (``".4g"``).

    A specification without a type, such as ``"4"`` (a width, where ``".4"`` was
    probably meant), would print every digit of the float; it is refused.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a format specification string such as '.4g'; "
                        f"got {_describe(value)}")
    try:
        format(1.0, value)
        valid = bool(value) and value[-1] in _FLOAT_TYPES
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"{name} must be a format specification for floats ending in a "
                         f"presentation type ({', '.join(_FLOAT_TYPES)}), such as '.4g' or "
                         f"'.2f'; got {_describe(value)}")
    return value


_titles.kind = _table_rows.kind = "array"
_float_format.kind = "options"


def _one_cell_per_header(args):
    """Relation: every row has one cell per header."""
    n = len(args["headers"])
    for i, row in enumerate(args["rows"]):
        if len(row) != n:
            raise ValueError(f"rows[{i}] must have {n} cells, one per header; "
                             f"got {len(row)}: {row!r}")


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------


def _cell(value, floatfmt):
    """A float formatted with ``floatfmt``, anything else (integers too) with ``str``; a ``|``
    escaped, so that it cannot end the cell (``max |1 - a|`` would split it in two)."""
    text = format(value, floatfmt) if isinstance(value, float) else str(value)
    return text.replace("|", "\\|")


@validate(_one_cell_per_header, headers=_titles, rows=_table_rows, floatfmt=_float_format)
def markdown_table(headers, rows, floatfmt=".4g"):
    """Format rows as a Markdown (pipe) table.

    Parameters
    ----------
    headers : sequence of str
        Column titles (at least one).
    rows : iterable of sequences
        One sequence per row, as long as ``headers``. Real numbers are formatted
        with ``floatfmt`` (integers are printed as they are); anything else with ``str``.
        A ``|`` in a title or a cell is escaped (``\\|``), so it shows as text.
    floatfmt : str, default=".4g"
        A format specification for floats, ending in a presentation type
        (``e``, ``f``, ``g``, ``n`` or ``%``, or their capitals).

    Returns
    -------
    str

    Raises
    ------
    TypeError, ValueError
        If ``headers`` is not a list of strings, a row is not a sequence or does
        not have one cell per header, or ``floatfmt`` is not a float format.

    Examples
    --------
    >>> print(markdown_table(["name", "value"], [["pi", 3.14159], ["n", 3]], floatfmt=".2f"))
    | name | value |
    |---|---|
    | pi | 3.14 |
    | n | 3 |
    >>> markdown_table(["name", "value"], [["pi"]])
    Traceback (most recent call last):
    ...
    ValueError: rows[0] must have 2 cells, one per header; got 1: ['pi']
    """
    lines = ["| " + " | ".join(_cell(title, floatfmt) for title in headers) + " |",
             "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(value, floatfmt) for value in row) + " |")
    return "\n".join(lines)
