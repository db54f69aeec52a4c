"""Small real data sets shipped inside the package (no network needed).

Both files are the data behind the 2017 ML Cheatsheet's worked examples; their
provenance is in ``mlcheatsheet/data/README.md`` and in each loader's docstring.
"""

import hashlib
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ._validation import validate

__all__ = ["Dataset", "load_advertising", "load_student_exams"]


def _feature_name(value, name):
    """Spec: a feature name, a string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, the name of a feature; got "
                        f"{type(value).__name__} {value!r}")
    return value


_feature_name.kind = "options"


def _known_feature(args):
    """Relation: ``name`` is one of the data set's features (a KeyError, as for a dict)."""
    features = args["self"].feature_names
    if args["name"] not in features:
        raise KeyError(f"no feature named {args['name']!r}; the features are {features}")


@dataclass(frozen=True)
class Dataset:
    """A loaded data set.

    Attributes
    ----------
    data : ndarray of shape (n_samples, n_features)
        The feature columns, as float64.
    target : ndarray of shape (n_samples,)
        The target column.
    feature_names : tuple of str
    target_name : str
    """

    data: np.ndarray
    target: np.ndarray
    feature_names: tuple
    target_name: str

    @validate(_known_feature, name=_feature_name)
    def column(self, name):
        """Return one feature column by name.

        Examples
        --------
        >>> load_advertising().column("Radio")[:2].tolist()
        [37.8, 39.3]
        >>> load_advertising().column("radio")
        Traceback (most recent call last):
        ...
        KeyError: "no feature named 'radio'; the features are ('TV', 'Radio', 'Newspaper')"
        """
        return self.data[:, self.feature_names.index(name)]


def _load(filename, md5, target_dtype):
    raw = resources.files("mlcheatsheet").joinpath("data", filename).read_bytes()
    digest = hashlib.md5(raw).hexdigest()
    if digest != md5:
        raise RuntimeError(f"{filename} is corrupted: md5 {digest}, expected {md5}")
    header, *rows = raw.decode("ascii").strip().splitlines()
    names = header.split(",")
    table = np.array([[float(v) for v in row.split(",")] for row in rows])
    return Dataset(
        data=table[:, :-1], target=table[:, -1].astype(target_dtype),
        feature_names=tuple(names[:-1]), target_name=names[-1],
    )


def load_advertising():
    """Load the Advertising data set (200 markets, ISLR).

    Advertising budgets, in thousands of dollars, for TV, Radio and Newspaper in
    200 markets, and the product's Sales there in thousands of units. From *An
    Introduction to Statistical Learning* by James, Witten, Hastie and Tibshirani;
    the data set the cheatsheet's linear-regression chapter trains on.

    Returns
    -------
    Dataset
        ``data`` of shape (200, 3) with ``feature_names`` ``("TV", "Radio",
        "Newspaper")``; ``target`` Sales, shape (200,).

    Examples
    --------
    >>> ads = load_advertising()
    >>> ads.data.shape, ads.feature_names, ads.target_name
    ((200, 3), ('TV', 'Radio', 'Newspaper'), 'Sales')
    >>> ads.data[0].tolist(), float(ads.target[0])
    ([230.1, 37.8, 69.2], 22.1)
    """
    return _load("advertising.csv", "b07cc23b338c7a39b49f4200651b2995", float)


def load_student_exams():
    """Load the student-exam data set (100 students).

    Hours studied and hours slept before an exam, and whether the student passed
    (1) or failed (0). Published with a public logistic-regression tutorial as
    ``data_classification.csv``; the data set the cheatsheet's logistic-regression
    chapter trains on.

    Returns
    -------
    Dataset
        ``data`` of shape (100, 2) with ``feature_names`` ``("Studied",
        "Slept")``; integer ``target`` Passed, shape (100,).

    Examples
    --------
    >>> exams = load_student_exams()
    >>> exams.data.shape, exams.feature_names, int(exams.target.sum())
    ((100, 2), ('Studied', 'Slept'), 55)
    """
    return _load("student_exams.csv", "1afad752edb8668146f5f240098ed126", int)
