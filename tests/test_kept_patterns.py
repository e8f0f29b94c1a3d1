"""Compiled patterns kept between runs (catalog.patterns): read back compiled, matching as the
source does; a file that cannot be read costs only the compiling."""

from __future__ import annotations

import pickle
from pathlib import Path

import regex

from catalog.patterns import KEPT_FILE, KeptPatterns

SOURCE = r"(?<![\p{L}])hòa giải thành\s+(\d+)\s+vụ"
TEXT = "Tổ hòa giải đã hòa giải thành 24 vụ, không thành 03 vụ."


def test_a_kept_pattern_is_read_back_compiled_and_matches_as_its_source(tmp_path, monkeypatch):
    path = tmp_path / "kept.pickle"
    first = KeptPatterns(path)
    first.compiled(SOURCE, regex.I)
    assert first.keep() and path.exists()

    def no_compiling(*args, **kwargs):
        raise AssertionError("a kept pattern was compiled again")

    later = KeptPatterns(path)
    monkeypatch.setattr(regex, "compile", no_compiling)
    pattern = later.compiled(SOURCE, regex.I)
    assert pattern.search(TEXT).group(1) == "24"
    assert pattern.search(TEXT.upper()).group(1) == "24"  # its flags came back with it


def _kept_once(tmp_path) -> Path:
    """A file an earlier run wrote, holding SOURCE."""
    path = tmp_path / "kept.pickle"
    first = KeptPatterns(path)
    first.compiled(SOURCE)
    assert first.keep()
    return path


def test_a_changed_pattern_is_compiled_anew_and_the_unused_one_drops_out(tmp_path):
    path = _kept_once(tmp_path)
    later = KeptPatterns(path)
    changed = SOURCE.replace("hòa giải thành", "không thành")
    assert later.compiled(changed).search(TEXT).group(1) == "03"
    assert later.keep()
    assert set(KeptPatterns(path).kept) == {(changed, 0)}


def test_nothing_is_written_when_the_file_holds_what_was_used(tmp_path):
    later = KeptPatterns(_kept_once(tmp_path))
    later.compiled(SOURCE)
    assert not later.keep()


def test_a_file_that_cannot_be_read_is_ignored(tmp_path):
    path = tmp_path / "kept.pickle"
    path.write_bytes(pickle.dumps({(SOURCE, 0): regex.compile(SOURCE)})[:40])  # cut short
    kept = KeptPatterns(path)
    assert kept.kept == {}
    assert kept.compiled(SOURCE).search(TEXT).group(1) == "24"


def test_an_unwritable_folder_keeps_nothing_and_loses_nothing(tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("")
    kept = KeptPatterns(blocker / "kept.pickle")
    assert kept.compiled(SOURCE).search(TEXT)
    assert not kept.keep()


def test_the_file_is_named_by_the_python_and_regex_versions_that_wrote_it():
    assert KEPT_FILE.parent.name == "__pycache__"
    assert regex.__version__ in KEPT_FILE.name
