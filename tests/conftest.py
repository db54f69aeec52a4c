"""pytest configuration: Sybil runs the doctests written in the pages (docs/**/*.md)."""

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must be reproducible); locally
# hypothesis keeps exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"


@pytest.fixture
def rng():
    """A fresh, seeded generator for every test that needs randomness."""
    return np.random.default_rng(20261122)


@pytest.fixture(scope="session")
def site():
    """The built site. `make test` builds it before the `site` tests run."""
    if not (SITE / "index.html").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SITE} has not been built: run `make html` before `pytest -m site`")
        pytest.skip("the site is not built; run `make html` first")
    return SITE

