r"""The 2017 cheatsheet's resource lists, one record per entry.

The lists (chapters 24 to 27 of the 2017 cheatsheet, dated 29 November 2017, and the
tutorials at the end of its linear-algebra chapter) are stored as CSV files in
``mlcheatsheet/resources/data/``. Each list has a schema: the fields of its records, which
of them may be empty, and for a URL field that it is an ``http(s)`` address. The sizes of
the lists are sums over their groups,

.. math:: N = \sum_{g} n_g ,

and :func:`count_by` gives the :math:`n_g`.
"""

import csv
import html
import re
from importlib import resources

from .._validation import options, validate

__all__ = ["LISTS", "SCHEMAS", "load", "check_record", "count_by", "html_table"]

#: list name -> (fields, fields that may be empty)
SCHEMAS = {
    "datasets": (("category", "name", "description"), {"description"}),
    "libraries": (("language", "group", "name", "description", "tags", "url"),
                  {"description", "tags", "url"}),
    "papers": (("section", "title", "year", "authors", "key"), {"year"}),
    "reading": (("list", "group", "name", "url"), {"group", "url"}),
}
LISTS = tuple(SCHEMAS)
READING_LISTS = ("blogs", "books", "courses", "podcasts", "linear_algebra_tutorials")
TAGS = {"deep learning", "deprecated"}
_URL = re.compile(r"^https?://[^\s<>\"]+$")
_KEY = re.compile(r"^[a-z]+\d{4}[a-z0-9]+$")


def _records(value, name):
    """Spec: a list of dicts (records of one list)."""
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a list of records (dicts); got {type(value).__name__}")
    value = list(value)
    for i, record in enumerate(value):
        if not isinstance(record, dict):
            raise TypeError(f"{name}[{i}] must be a record (a dict); got {type(record).__name__}")
    return value


def _record(value, name):
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a record (a dict); got {type(value).__name__}")
    return value


def _field(value, name):
    if not isinstance(value, str) or not value:
        raise TypeError(f"{name} must be a field name (a non-empty string); got {value!r}")
    return value


@validate(name=options(*LISTS))
def load(name):
    """The records of one list, in the order the 2017 cheatsheet gives them.

    Parameters
    ----------
    name : {"datasets", "libraries", "papers", "reading"}

    Returns
    -------
    list of dict
        One dict per entry, with the list's fields (``SCHEMAS[name][0]``) as keys.

    Examples
    --------
    >>> papers = load("papers")
    >>> len(papers), papers[0]["title"]
    (98, 'Distilling the knowledge in a neural network')
    >>> load("datasets")[0]["category"]
    'Agriculture'
    """
    text = resources.files(__package__).joinpath("data", f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@validate(record=_record, name=options(*LISTS))
def check_record(record, name):
    """Check one record against its list's schema; return it, or raise ValueError saying why.

    Every field of the schema is present (and no other), a string without surrounding
    spaces; only the optional fields may be empty; a URL is an ``http(s)`` address; a
    paper's year is four digits and its key reads ``surnameYEARword``; a library's tags
    come from the list's two tags; a reading record names one of the five reading lists.

    Examples
    --------
    >>> check_record({"category": "Art", "name": "Quick Draw", "description": ""}, "datasets")["name"]
    'Quick Draw'
    >>> check_record({"category": "Art", "name": "", "description": ""}, "datasets")
    Traceback (most recent call last):
    ...
    ValueError: datasets record field 'name' must not be empty; got {'category': 'Art', 'name': '', 'description': ''}
    """
    fields, optional = SCHEMAS[name]
    if set(record) != set(fields):
        raise ValueError(f"{name} record must have the fields {list(fields)}; got {list(record)}")
    for field in fields:
        value = record[field]
        if not isinstance(value, str) or value != value.strip():
            raise ValueError(f"{name} record field {field!r} must be a stripped string; got {value!r}")
        if "\\" in value:
            raise ValueError(f"{name} record field {field!r} keeps a Markdown escape; got {value!r}")
        if not value and field not in optional:
            raise ValueError(f"{name} record field {field!r} must not be empty; got {record}")
    problems = [
        ("url", bool(record.get("url")) and not _URL.match(record.get("url", ""))),
        ("year", bool(record.get("year")) and not re.fullmatch(r"(19|20)\d\d", record["year"])),
        ("key", name == "papers" and not _KEY.match(record["key"])),
        ("tags", name == "libraries" and bool(record["tags"])
         and not set(record["tags"].split(";")) <= TAGS),
        ("list", name == "reading" and record["list"] not in READING_LISTS),
    ]
    for field, bad in problems:
        if bad:
            raise ValueError(f"{name} record field {field!r} is malformed: {record[field]!r}")
    return record


def _fields_of_every_record(*names):
    """Relation: the named field(s) are fields of every record."""
    def relation(args):
        for name in names:
            wanted = [args[name]] if isinstance(args[name], str) else args[name]
            for i, record in enumerate(args["records"]):
                missing = [f for f in wanted if f not in record]
                if missing:
                    raise ValueError(f"{name} must name fields of every record; records[{i}] "
                                     f"has no {missing[0]!r} (its fields: {list(record)})")
    return relation


@validate(_fields_of_every_record("field"), records=_records, field=_field)
def count_by(records, field):
    """How many records fall in each value of ``field``, in order of first appearance.

    Examples
    --------
    >>> count_by([{"g": "a"}, {"g": "b"}, {"g": "a"}], "g")
    {'a': 2, 'b': 1}
    """
    counts = {}
    for record in records:
        counts[record[field]] = counts.get(record[field], 0) + 1
    return counts


def _columns(value, name):
    if not isinstance(value, (list, tuple)) or not value \
            or not all(isinstance(c, str) and c for c in value):
        raise TypeError(f"{name} must be a non-empty list of field names; got {value!r}")
    return list(value)


@validate(_fields_of_every_record("columns"), records=_records, columns=_columns)
def html_table(records, columns):
    """An HTML table of ``records`` (one row each) with the given columns, text escaped.

    A ``url`` column becomes a link; the table carries the class ``resource-list`` that
    the page's filter box looks for.

    Examples
    --------
    >>> print(html_table([{"name": "A & B", "url": ""}], ["name", "url"]))
    <table class="resource-list"><thead><tr><th>name</th><th>url</th></tr></thead><tbody>
    <tr><td>A &amp; B</td><td></td></tr>
    </tbody></table>
    """
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    rows = []
    for record in records:
        cells = []
        for c in columns:
            text = html.escape(record[c])
            if c == "url" and text:
                text = f'<a href="{text}">{text}</a>'
            cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<table class="resource-list"><thead><tr>' + head + "</tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>")
