"""The resource lists: every record against its schema, the counts against the 2017 cheatsheet's
(as catalogued by hand from its chapters 24-27), the typo fixes, and the papers' citations."""

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from mlcheatsheet.resources import lists

ROOT = Path(__file__).resolve().parents[2]

# Counted in the 2017 cheatsheet (29 Nov 2017), not by the code under test.
DATASETS = {"Agriculture": 2, "Art": 1, "Biology": 43, "Climate/Weather": 17, "Complex Networks": 20,
            "Computer Networks": 12, "Data Challenges": 14, "Earth Science": 8, "Economics": 17,
            "Education": 2, "Energy": 15, "Finance": 10, "GIS": 23, "Government": 3,
            "Healthcare": 11, "Image Processing": 22, "Machine Learning": 19, "Museums": 7,
            "Music": 2, "Natural Language": 27, "Neuroscience": 14, "Physics": 5,
            "Psychology/Cognition": 1, "Public Domains": 25, "Search Engines": 11,
            "Social Networks": 24, "Social Sciences": 41, "Software": 1, "Sports": 9,
            "Time Series": 5, "Transportation": 23}
LANGUAGES = {"APL": 1, "C": 6, "C++": 42, "Common Lisp": 3, "Clojure": 17, "Elixir": 2, "Erlang": 1,
             "Go": 18, "Haskell": 6, "Java": 54, "Javascript": 53, "Julia": 51, "Lua": 42,
             "Matlab": 19, ".NET": 15, "Objective C": 8, "OCaml": 4, "PHP": 3, "Python": 147,
             "Ruby": 24, "Rust": 5, "R": 89, "SAS": 14, "Scala": 28, "Swift": 7}
LIBRARY_GROUPS = {"General-Purpose Machine Learning": 401, "Data Analysis / Data Visualization": 116,
                  "Natural Language Processing": 90, "Computer Vision": 20, "Demos and Scripts": 10,
                  "Misc": 7, "Misc Stuff / Presentations": 4, "Speech Recognition": 3,
                  "Neural networks": 3, "High Performance Machine Learning": 2,
                  "Sequence Analysis": 1, "Gesture Detection": 1, "Deep Learning": 1}
PAPERS = {"Understanding": 7, "Optimization / Training Techniques": 6,
          "Unsupervised / Generative Models": 7, "Image Segmentation / Object Detection": 7,
          "Image / Video": 12, "Natural Language Processing": 18, "Speech / Other": 6,
          "Reinforcement Learning": 9, "New papers": 11, "Classic Papers": 15}
READING = {"blogs": 44, "books": 60, "courses": 10, "podcasts": 9, "linear_algebra_tutorials": 7}
BLOGS = {"Data Science": 32, "Machine learning": 7, "Math": 5}
BOOKS = {"Machine learning": 29, "Deep learning": 8, "Probability & Statistics": 18, "Linear Algebra": 5}


@pytest.mark.parametrize("name", lists.LISTS)
def test_every_record_matches_its_schema(name):
    records = lists.load(name)
    assert records
    for record in records:
        assert lists.check_record(record, name) is record


@pytest.mark.parametrize("name, field, expected", [
    ("datasets", "category", DATASETS), ("libraries", "language", LANGUAGES),
    ("libraries", "group", LIBRARY_GROUPS), ("papers", "section", PAPERS), ("reading", "list", READING)])
def test_counts_per_category_equal_the_2017_cheatsheets(name, field, expected):
    counts = lists.count_by(lists.load(name), field)
    assert counts == expected
    if field in ("category", "language", "section"):  # in the order the cheatsheet gives them
        assert list(counts) == list(expected)


def test_the_totals_and_the_reading_sub_groups():
    assert [len(lists.load(n)) for n in ("datasets", "libraries", "papers")] == [434, 659, 98]
    reading = lists.load("reading")
    assert lists.count_by([r for r in reading if r["list"] == "blogs"], "group") == BLOGS
    assert lists.count_by([r for r in reading if r["list"] == "books"], "group") == BOOKS


def test_golden_records_and_the_typo_fixes():
    papers = {p["title"]: p for p in lists.load("papers")}
    batchnorm = papers["Batch normalization: Accelerating deep network training by reducing "
                       "internal covariate shift"]
    assert batchnorm["authors"] == "S. Ioffe and C. Szegedy" and batchnorm["year"] == "2015"
    deeplab = papers["Semantic image segmentation with deep convolutional nets and fully connected CRFs"]
    assert deeplab["year"] == "" and deeplab["authors"] == "L. Chen et al"  # the list gives no year
    assert papers["Long short-term memory"]["authors"] == "S. Hochreiter and J. Schmidhuber"
    text = "".join((ROOT / "mlcheatsheet/resources/data" / f"{n}.csv").read_text() for n in lists.LISTS)
    for typo in ("Loffe", "UnitProt", "Disrtibuted", "josephmisti'"):
        assert typo not in text
    names = {r["name"] for r in lists.load("datasets")}
    assert "Universal Protein Resource (UniProt)" in names and "Google's Quick Draw Sketch Dataset" in names


def test_urls_are_only_those_the_cheatsheet_printed():
    """The list's links were lost; only the raw addresses it printed in full are carried."""
    libs = [r for r in lists.load("libraries") if r["url"]]
    assert len(libs) == 16
    reading = [r for r in lists.load("reading") if r["url"]]
    assert {r["group"] for r in reading} == {"Data Science", "Math"} and len(reading) == 37
    assert all(r["url"] == "" for r in lists.load("reading") if r["list"] != "blogs")


def test_every_paper_resolves_in_the_bibliography_and_keys_are_unique():
    entries = parse_file(str(ROOT / "docs" / "refs.bib")).entries
    keys = [p["key"] for p in lists.load("papers")]
    assert len(set(keys)) == len(keys) == 98
    for paper in lists.load("papers"):
        entry = entries[paper["key"]]
        norm = lambda t: re.sub(r"[^a-z0-9]", "", t.lower())  # noqa: E731
        assert norm(entry.fields["title"]) == norm(paper["title"])
        # a paper already in refs.bib keeps its entry's year (Adam: arXiv 2014, ICLR 2015)
        assert abs(int(entry.fields["year"]) - int(paper["year"] or 2015)) <= 1


def test_every_citation_on_the_resource_pages_resolves():
    entries = parse_file(str(ROOT / "docs" / "refs.bib")).entries
    cited = set()
    for page in (ROOT / "docs" / "resources").glob("*.md"):
        cited |= set(re.findall(r"\{(?:foot)?cite(?::\w+)?\}`([^`]+)`", page.read_text()))
    assert cited <= set(entries)


def test_html_table_escapes_and_links():
    table = lists.html_table([{"name": "<b>", "url": "https://example.org/"}], ["name", "url"])
    assert "&lt;b&gt;" in table and '<a href="https://example.org/">' in table


@pytest.mark.parametrize("record, problem", [
    ({"category": "Art", "name": "x"}, "must have the fields"),
    ({"category": "Art", "name": " x", "description": ""}, "stripped"),
    ({"category": "", "name": "x", "description": ""}, "must not be empty"),
])
def test_check_record_rejects_bad_records(record, problem):
    with pytest.raises(ValueError, match=problem):
        lists.check_record(record, "datasets")


def test_check_record_rejects_malformed_fields():
    paper = dict(lists.load("papers")[0])
    with pytest.raises(ValueError, match="'year'"):
        lists.check_record({**paper, "year": "15"}, "papers")
    lib = dict(lists.load("libraries")[0])
    with pytest.raises(ValueError, match="'url'"):
        lists.check_record({**lib, "url": "www.example.org"}, "libraries")
    with pytest.raises(ValueError, match="'tags'"):
        lists.check_record({**lib, "tags": "cool"}, "libraries")


def test_bad_arguments():
    with pytest.raises(ValueError, match="name"):
        lists.load("movies")
    with pytest.raises(TypeError, match="records"):
        lists.count_by("abc", "g")
    with pytest.raises(TypeError, match="field"):
        lists.count_by([], 3)
    with pytest.raises(TypeError, match="columns"):
        lists.html_table([], "name")


def test_fields_that_no_record_has_are_refused_by_name():
    records = [{"name": "a", "url": ""}, {"name": "b"}]
    with pytest.raises(ValueError, match=r"field must name fields of every record; records\[0\] has no 'group'"):
        lists.count_by(records, "group")
    with pytest.raises(ValueError, match=r"columns .*records\[1\] has no 'url'"):
        lists.html_table(records, ["name", "url"])
    with pytest.raises(TypeError, match="columns"):
        lists.html_table(records, {"name"})
