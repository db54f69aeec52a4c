"""Small helpers for showing results on the site's pages."""

import numbers

__all__ = ["markdown_table"]


def markdown_table(headers, rows, floatfmt=".4g"):
    """Format rows as a Markdown (pipe) table.

    Parameters
    ----------
    headers : sequence of str
        Column titles.
    rows : iterable of sequences
        One sequence per row, as long as ``headers``. Real numbers are formatted
        with ``floatfmt`` (integers are printed as they are); anything else with ``str``.
    floatfmt : str, default=".4g"
        A format specification for floats.

    Returns
    -------
    str

    Examples
    --------
    >>> print(markdown_table(["name", "value"], [["pi", 3.14159], ["n", 3]], floatfmt=".2f"))
    | name | value |
    |---|---|
    | pi | 3.14 |
    | n | 3 |
    """
    headers = [str(h) for h in headers]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        row = list(row)
        if len(row) != len(headers):
            raise ValueError(
                f"every row must have {len(headers)} cells (one per header); got {len(row)}: {row!r}"
            )
        cells = []
        for cell in row:
            if isinstance(cell, numbers.Integral) and not isinstance(cell, bool):
                cells.append(str(cell))
            elif isinstance(cell, numbers.Real) and not isinstance(cell, bool):
                cells.append(format(float(cell), floatfmt))
            else:
                cells.append(str(cell))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
