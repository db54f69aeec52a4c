"""The notation page: every lost symbol is back, every link goes to a page that exists, and
the pages a symbol links to really use it."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "math" / "notation.md"
TEXT = PAGE.read_text(encoding="utf-8")
LABELS = {m: p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts
          for m in re.findall(r"^\(([\w-]+)\)=$", p.read_text(encoding="utf-8"), re.MULTILINE)}
ROWS = [line for line in TEXT.splitlines()
        if line.startswith("| $") and line.count("|") == 6]

# LaTeX the 2017 cheatsheet's PDF export lost, as the page writes it
LOST = [r"\circ", r"\Delta", r"\sum", r"\prod", r"\nabla", r"\mu", r"\rho", r"\{\,\}",
        r"\epsilon", r"\sigma^2", r"\tilde x", r"\bar x"]

# symbol -> what the pages it links to must contain for the link to be honest
USES = {r"\Delta": r"\Delta", r"\prod": r"\prod", r"\nabla": r"\nabla", r"\odot": r"\odot",
        r"\lVert": r"\lVert", r"\lim": r"\lim", r"\int": r"\int", r"\mathbb{E}": r"\mathbb{E}",
        r"\cap": r"\cap", r"\mathbb{R}": r"\mathbb{R}", r"\mu": r"\mu", r"\rho": r"\rho",
        r"\epsilon": r"\epsilon", r"\partial": r"\partial", r"\arg\max": r"\arg"}

SECTIONS = ["Algebra", "Calculus", "Linear algebra", "Probability", "Set theory", "Statistics"]


def test_the_six_tables_are_there():
    headings = [h for h in re.findall(r"^## (.+)$", TEXT, re.MULTILINE) if h != "At a glance"]
    assert headings[:6] == SECTIONS
    assert len(ROWS) >= 35


@pytest.mark.parametrize("symbol", LOST)
def test_every_lost_symbol_is_restored(symbol):
    assert any(row.split("|")[1].strip().startswith("$" + symbol) or symbol in row.split("|")[1]
               for row in ROWS), f"no row for {symbol}"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.split("|")[1].strip())
def test_each_symbol_links_to_pages_that_exist_and_use_it(row):
    symbol, used_on = row.split("|")[1].strip(), row.split("|")[5]
    targets = re.findall(r"\{ref\}`([\w-]+)`", used_on)
    assert targets, f"{symbol} links to no page"
    for label in targets:
        assert label in LABELS, f"{symbol} links to ({label})=, which no page defines"
        for macro, needle in USES.items():
            if symbol.startswith("$" + macro):
                page = LABELS[label].read_text(encoding="utf-8")
                assert needle in page, f"{LABELS[label].name} does not use {needle}"
