"""The house rules: the finders' phrases are catalog data; modules (400 lines) and functions
(60 lines) stay small everywhere, and no private name crosses a module; one list of units;
patterns built from the catalog's words behave like the words say."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import regex

import catalog
from extractors.finders.cues import any_cue, find_cue, group_may_match, load_catalog
from extractors.finders.metadata.patterns import spelled
from extractors.finders.prose import numbers_in, sentence_facts, split_sentences
from extractors.finders.prose.sentences import Sentence
from model import DocMeta
from normalizers.numbers import number_tokens, parse_number
from normalizers.text import alternation, fold

ROOT = Path(__file__).resolve().parent.parent
FINDERS = ROOT / "extractors" / "finders"
VIETNAMESE = regex.compile(
    r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]", regex.I
)
# Messages users read stay in Vietnamese where they are written.
USER_MESSAGES = {"bảng trang ", ": không xác định được chỉ tiêu"}


def _modules(*roots: Path) -> list[Path]:
    return sorted(p for root in roots for p in root.rglob("*.py"))


def _string_literals(tree: ast.AST) -> list[str]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_the_finders_code_holds_no_vietnamese_phrase_but_user_messages():
    found = [
        f"{path.relative_to(ROOT)}: {text!r}"
        for path in _modules(FINDERS)
        for text in _string_literals(ast.parse(path.read_text(encoding="utf-8")))
        if VIETNAMESE.search(text) and text not in USER_MESSAGES
    ]
    assert not found, "phrases belong in catalog/:\n" + "\n".join(found)


PACKAGES = [
    ROOT / name
    for name in ("catalog", "model", "normalizers", "extractors", "warehouse", "pipeline", "tools")
]


def test_modules_and_functions_stay_small():
    too_big = []
    for path in _modules(*PACKAGES):
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 400:
            too_big.append(f"{path.relative_to(ROOT)}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    too_big.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {length}")
    assert not too_big, "\n".join(too_big)


def test_no_private_name_is_imported_from_another_module():
    private = [
        f"{path.relative_to(ROOT)}: {node.module}.{alias.name}"
        for path in _modules(*PACKAGES)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not private, "\n".join(private)


def test_every_kind_of_unit_is_drawn_from_the_one_list_of_units():
    units = catalog.figure_units()
    named = [u for kind in units.kinds.values() for u in kind]
    named += list(units.same_count) + list(units.same_count.values())
    named += list(units.money) + list(units.abbreviations.values()) + [units.money_unit]
    named += list(units.header_synonyms) + list(units.header_synonyms.values())
    assert not [u for u in named if u not in units.units]


def test_every_catalog_file_is_named_in_the_loaders_docstring():
    files = {p.name for p in (ROOT / "catalog").iterdir() if p.suffix in (".toml", ".csv", ".txt")}
    documented = catalog.__doc__ or ""
    assert not [f for f in sorted(files) if f not in documented]


@pytest.mark.parametrize(
    "phrases,options,text,expected",
    [
        (["trên tổng số", "trên số"], {}, "trên  tổng\nsố", True),
        (["tăng thêm"], {"spaces": " "}, "tăng  thêm", False),
        (["phấn đấu"], {"folded": True, "spaces": " "}, "phan dau", True),
        (["(+)", "a.b"], {}, "a.b", True),
        (["(+)", "a.b"], {}, "axb", False),
    ],
)
def test_an_alternation_matches_its_phrases_as_written(phrases, options, text, expected):
    assert bool(regex.fullmatch(alternation(phrases, **options), text)) is expected


@pytest.mark.parametrize(
    "phrase,text",
    [
        ("Độc lập - Tự do - Hạnh phúc", "Độc  lập-Tự do -  Hạnh phúc"),
        ("tp.", "TP ."),
        ("tỉnh ủy", "TỈNH\nỦY"),
    ],
)
def test_a_header_phrase_allows_the_spacing_headers_use(phrase, text):
    assert regex.fullmatch(rf"(?i){spelled(phrase)}", text)


def test_a_group_that_finds_nothing_holds_no_cue_of_its_own():
    sentences = [
        "Tiếp nhận 245 lượt công dân, giải quyết 27/31 vụ việc khiếu nại, tố cáo.",
        "Hòa giải thành 1.735 vụ việc; tiếp tục theo dõi 12 hồ sơ TTHC đúng hạn.",
        "Chủ tịch UBND huyện tiếp định kỳ 12 kỳ, không có đoàn đông người.",
    ]
    for text in map(fold, sentences):
        for rule in load_catalog().rules:
            for group in (*rule.near, *rule.with_, rule.without):
                hits = [s for cue in group for s in find_cue(text, cue)]
                if not group_may_match(text, group):
                    assert not hits, (group, text)
                assert any_cue(text, group) is bool(hits)


def test_the_number_grammar_finds_the_figures_of_a_sentence():
    text = "Tiếp nhận 1.234 đơn (tăng 5,5%), Kế hoạch số 12/KH-UBND ngày 06/5/2022"
    raws = [m.group(0) for m in number_tokens(text)]
    assert raws[:2] == ["1.234", "5,5"]
    assert parse_number("1.234").value == 1234
    figures = [n.raw for n in numbers_in(text) if not n.skip]
    assert figures == ["1.234", "5,5"]


def test_a_sentence_passes_every_stage_into_facts():
    meta = DocMeta(doc_type="bao_cao", period="2023", doc_date="2023-12-15")
    text = "Tiếp 54 lượt/61 người; đã giải quyết 27/31 vụ việc khiếu nại, đạt tỷ lệ 87,1%."
    more = " Kết quả: Tiếp 40 lượt. Số đoàn: Không. TP. Vinh tiếp 5 lượt."
    assert [s for _, s in split_sentences(text + more)] == [
        text,
        "Kết quả:",
        "Tiếp 40 lượt.",
        "Số đoàn: Không.",
        "TP. Vinh tiếp 5 lượt.",
    ]
    facts = sentence_facts(Sentence(text, 0, 0, None, "text", 0), load_catalog(), meta, 2023)
    assert {(f.metric, f.value) for f in facts} == {
        ("reception.visits", 54.0),
        ("reception.persons", 61.0),
        ("petitions.complaints.resolved", 27.0),
        ("petitions.complaints", 31.0),
        ("petitions.complaints.resolution_rate", 87.1),
    }
