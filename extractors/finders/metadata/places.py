"""The province a document is of: the header names it (`UBND TỈNH AN GIANG`), or the place of
its date line is one (`Bà Rịa-Vũng Tàu, ngày ...`), or a district the header names is the
only one of its name in the country, or else the province the text names most. The level
words are the catalog's (header.toml [places]); provinces and districts are provinces.txt and
districts.csv.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.metadata.patterns import patterns, spelled, spelled_all
from model import Document
from normalizers.text import fold, normalize_text

PLACE_SEPARATORS = compiled(r"[\s\-–]+")


@cache
def provinces() -> list[str]:
    """The provinces' names, longest first."""
    return sorted(catalog.text_lines("provinces.txt"), key=len, reverse=True)


@dataclass(frozen=True)
class _Patterns:
    province_named: regex.Pattern  # `UBND TỈNH AN GIANG` → `AN GIANG`
    district_named: regex.Pattern  # `HUYỆN ỦY U MINH THƯỢNG` → `U MINH THƯỢNG`
    local: regex.Pattern  # a district or commune level word
    mentions: dict[str, regex.Pattern]  # province -> how the text names it
    abbreviations: dict[str, regex.Pattern]  # province -> its abbreviation after the city word
    city: regex.Pattern
    mention_start: regex.Pattern  # where any of `mentions` may start (the words before a name)
    abbreviation_start: regex.Pattern  # likewise for `abbreviations`


@cache
def _patterns() -> _Patterns:
    places = catalog.table("header.toml", "places")
    not_local = [w.split() for w in places["not_local"]]
    local = "|".join(
        spelled(level)
        + "".join(rf"(?!\s+{spelled(' '.join(w[1:]))})" for w in not_local if w[0] == level)
        for level in places["local_levels"]
    )
    mentions = spelled_all(places["province_mentions"])
    city = spelled_all(places["city"])
    abbreviated_city = spelled_all(places["abbreviated_city"])
    return _Patterns(
        province_named=compiled(
            rf"(?i)(?<!\p{{L}})(?:{spelled_all(places['province_levels'])})\s*(\p{{L}}.*)$"
        ),
        district_named=compiled(
            rf"(?i)(?<!\p{{L}})(?:{spelled_all(places['district_levels'])})\s*"
            r"(\p{L}[\p{L}\s\-–'’]*)"  # (`M'Đrắk`)
        ),
        local=compiled(rf"(?i)(?<!\p{{L}})(?:{local})(?!\p{{L}})"),
        mentions={
            name: compiled(rf"(?i)\b(?:{mentions})\s*{_spelled_name(name)}\b")
            for name in provinces()
        },
        abbreviations={
            name: compiled(rf"(?i)\b(?:{abbreviated_city})\s*{regex.escape(short)}\b")
            for short, name in places["abbreviations"].items()
        },
        city=compiled(rf"(?i)^\s*(?:{city})\s*"),
        mention_start=compiled(rf"(?i)\b(?:{mentions})"),
        abbreviation_start=compiled(rf"(?i)\b(?:{abbreviated_city})"),
    )


def _spelled_name(name: str) -> str:
    return r"[\s\-–]+".join(regex.escape(part) for part in PLACE_SEPARATORS.split(name))


def place_key(text: str) -> str:
    """A place name folded for matching: no marks, hyphens as spaces, one space
    ("BÀ RỊA-VŨNG TÀU" and "Bà Rịa - Vũng Tàu" match)."""
    return PLACE_SEPARATORS.sub(" ", fold(text)).strip(" .…,")


def _province_at_start(text: str) -> str | None:
    """The province whose name opens text ("ĐỒNG THÁP", "ĐỒNG THÁP SỞ NỘI VỤ"), longest first."""
    key = place_key(text)
    for name in provinces():
        k = place_key(name)
        if key == k or key.startswith(k + " "):
            return name
    return None


def province_of(left: list[str], head_text: str, doc: Document) -> str | None:
    """The province of a document, from its header's left column, its date line and text."""
    p = _patterns()
    # 1. the header names it: "TỈNH ỦY ĐỒNG THÁP", "UBND TỈNH AN GIANG", "UBND TP. CẦN THƠ";
    # a long name may wrap: "ỦY BAN NHÂN DÂN TỈNH" / "BÀ RỊA - VŨNG TÀU"
    for line in [*left, " ".join(left)]:
        for m in p.province_named.finditer(line):
            name = _province_at_start(m.group(1))
            if name:
                return name
    # 2. the place in the date line is a province ("Bà Rịa-Vũng Tàu, ngày ...", "TP. Hồ Chí Minh,
    # ngày ...");
    # a district's or commune's place is its own name (xã Phú Thọ is no province): the text decides
    # first
    place = _place_province(head_text)
    if place and not any(p.local.search(ln) for ln in left):
        return place
    # 3. a district the header names whose name is unique in the country ("HUYỆN ỦY U MINH THƯỢNG")
    # 4. the province most named in the text ("tỉnh Đồng Tháp", "TP. Hồ Chí Minh")
    # 5. a district the text names whose name is unique (a commune's report: "huyện Giao Thủy")
    return (
        _province_of_district(left)
        or _province_of_district_by_kind(left)
        or _most_named(doc.text)
        or place
        or _province_of_district(doc.text.splitlines())
    )


def _most_named(text: str) -> str | None:
    p = _patterns()
    counts: Counter[str] = Counter()
    for by_name, start in ((p.mentions, p.mention_start), (p.abbreviations, p.abbreviation_start)):
        starts = [m.start() for m in start.finditer(text, overlapped=True)]
        for name, pattern in by_name.items():
            n = _count_matches(pattern, text, starts)
            if n:
                counts[name] += n
    return counts.most_common(1)[0][0] if counts else None


def _count_matches(pattern: regex.Pattern, text: str, starts: list[int]) -> int:
    """len(pattern.findall(text)) for a pattern whose every match starts at one of `starts`:
    one pass over the text for the words a name follows, not one per province."""
    n, end = 0, 0
    for at in starts:
        if at < end:
            continue
        m = pattern.match(text, at)
        if m:
            n, end = n + 1, max(m.end(), at + 1)
    return n


@cache
def _unique_districts(marked: bool = False, joined: bool = False) -> dict[str, str]:
    """District name key -> province, for names that only one district in the country bears;
    `marked`: keyed with their tones (`Phù Ninh` of Phú Thọ is not `Phú Ninh` of Quảng Nam,
    which fold alike); `joined`: keyed without spaces (`Krông A Na` is written `Krông Ana`)."""
    key = _marked_key if marked else _joined_key if joined else place_key
    rows = catalog.csv_rows("districts.csv")
    by_name: dict[str, set[str]] = {}
    for r in rows:
        by_name.setdefault(key(r["district"]), set()).add(r["province"])
    provinces_by_key = {key(n) for n in provinces()}
    return {
        k: next(iter(v)) for k, v in by_name.items() if len(v) == 1 and k not in provinces_by_key
    }


def _marked_key(text: str) -> str:
    return PLACE_SEPARATORS.sub(" ", normalize_text(text).lower()).strip(" .…,")


def _joined_key(text: str) -> str:
    return place_key(text).replace(" ", "")


def _province_of_district(left: list[str]) -> str | None:
    for key, joiner, districts in (
        (_marked_key, " ", _unique_districts(True)),
        (place_key, " ", _unique_districts()),
        (place_key, "", _unique_districts(joined=True)),
    ):
        for line in left:
            for m in _patterns().district_named.finditer(line):
                words = key(m.group(1)).split()
                for n in range(min(4, len(words)), 0, -1):  # the longest name they open with
                    province = districts.get(joiner.join(words[:n]))
                    if province:
                        return province
    return None


def _province_of_district_by_kind(left: list[str]) -> str | None:
    """A district the header names by its kind and a name a province bears too, whose kind
    and name only one district has (`UBND HUYỆN ĐIỆN BIÊN`: the rural district of Điện Biên)."""
    for line in left:
        for m in _patterns().district_named.finditer(line):
            kind, name = place_key(line[m.start() : m.start(1)]), place_key(m.group(1))
            found = _districts_named_like_provinces().get((kind, " ".join(name.split())), set())
            if len(found) == 1:
                return next(iter(found))
    return None


@cache
def _districts_named_like_provinces() -> dict[tuple[str, str], set[str]]:
    """(kind key, name key) -> provinces, of the districts that bear a province's name."""
    province_keys = {place_key(n) for n in provinces()}
    out: dict[tuple[str, str], set[str]] = {}
    for r in catalog.csv_rows("districts.csv"):
        name = " ".join(place_key(r["district"]).split())
        if place_key(r["district"]) in province_keys:
            out.setdefault((place_key(r["type"]), name), set()).add(r["province"])
    return out


def _place_province(head_text: str) -> str | None:
    m = patterns().place_date.search(head_text)
    if not m:
        return None
    place = _patterns().city.sub("", m.group("place")).strip(" .…")
    names_by_key = {place_key(n): n for n in provinces()}
    return names_by_key.get(place_key(place))
