"""The one catalogue of words: every word in both languages, one way to read it, and no
English help kept for a help text the command line no longer has."""

from __future__ import annotations

from typing import Any

import typer

from kh121.cli import app
from kh121.messages import CATALOGUE, GLOSSARY, HELP_EN, label


def test_every_word_in_both_languages() -> None:
    for group, words in GLOSSARY.items():
        for key, pair in words.items():
            if group == "metavar" and pair == ("", ""):  # a flag: nothing to type after it
                continue
            assert len(pair) == 2 and all(w.strip() for w in pair), (group, key)
    for key, pair in CATALOGUE.items():
        assert len(pair) == 2 and all(w.strip() for w in pair), key


def test_label_reads_the_glossary_and_falls_back_to_the_key() -> None:
    assert label("state", "not_started", "vi") == "Chưa thực hiện"
    assert label("state", "not_started", "en") == "Not started"
    assert label("bin", "open_overdue", "vi") == "chưa hoàn thành, quá hạn"
    assert label("state", "made_up", "vi") == "made_up"  # never a crash on a new key
    assert label("unit", "end_year", "vi") == "đến năm"
    assert label("unit", "week_day", "en", default="week day") == "week day"


def _paragraphs(text: str | None) -> set[str]:
    """A help text as the formatter writes it: paragraph by paragraph, spaces folded."""
    return {" ".join(p.split()) for p in (text or "").split("\n\n")}


def _helps(command: Any) -> set[str]:
    """Every help text a person can see; click's own (said through the glossary's 'cli'
    words) and hidden options left out."""
    out = _paragraphs(command.help)
    for param in command.params:
        if not getattr(param, "hidden", False):
            out |= _paragraphs(getattr(param, "help", None))
    for sub in getattr(command, "commands", {}).values():
        out |= _helps(sub)
    return out - {""} - set(GLOSSARY["cli"])


def test_no_english_help_for_a_help_text_that_is_gone() -> None:
    helps = _helps(typer.main.get_command(app))
    stale = [vi for vi in HELP_EN if not _paragraphs(vi) <= helps]
    assert stale == []
    covered = set().union(*(_paragraphs(vi) for vi in HELP_EN))
    assert sorted(helps - covered) == []  # and none without its English


def test_a_state_key_is_said_in_words_in_both_languages() -> None:
    from kh121.messages import render_message

    args = {"task": "III.2", "lead": "Sở NN&MT", "lead_state": "done", "agency": "Sở Công Thương",
            "state": "not_started"}  # fmt: skip
    vi = render_message("W061", args, "vi")
    en = render_message("W061", args, "en")
    assert "'Đã hoàn thành'" in vi and "'Chưa thực hiện'" in vi
    assert "'Done'" in en and "'Not started'" in en and "not_started" not in en
