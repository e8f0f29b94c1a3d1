"""The unit register: one row per unit, with a stable id, kind, level, parent, province, the
names it goes by, and the unit that continues it after a merger.

Built on every refresh from the catalog (every province and district gets the kinds of body
each of them has: UBND, Tỉnh ủy / Huyện ủy, Ban Dân vận, Thanh tra, Văn phòng), the user's
own rows (data/units.csv: new units, or corrections of a unit by its id) and the units met
in reports that resolve to nothing known (recorded with origin 'new').

A unit id is its place's key and its kind's slug: `dong-thap:ubnd`,
`dong-thap.h-cao-lanh:van-phong`, `an-giang:so-noi-vu`; so the same unit gets the same id
in every warehouse, and a user's correction keeps applying.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import catalog
from normalizers.names import slug
from warehouse.units.places import Gazetteer, Place, name_key

USER_COLUMNS = ("unit_id", "name", "kind", "level", "parent_id", "province", "names")
OPTIONAL_COLUMNS = ("successor_id", "ended", "chased")


@dataclass
class Unit:
    unit_id: str
    name: str
    kind: str | None
    level: str | None
    parent_id: str | None
    province: str | None
    names: list[str] = field(default_factory=list)  # other names it goes by
    successor_id: str | None = None
    ended: dt.date | None = None
    origin: str = "catalog"  # catalog | user | new
    chased: bool = False
    note: str | None = None


def unit_id(place: Place | None, kind: dict, dept: str | None = None) -> str:
    kind_slug = kind["slug"].replace("{dept}", slug(dept or ""))
    return f"{place.key if place else '?'}:{kind_slug}"


def unit_name(place: Place | None, kind: dict, dept: str | None = None) -> str | None:
    if place is None or place.level not in kind["names"]:
        return None
    template = kind["names"][place.level]
    name = template.format(place=place.phrase(), party=place.party(), dept=dept or "")
    return " ".join(name.split())


def parent_of(place: Place, kind: dict, dept: str | None = None) -> str | None:
    """The parent's id by the kind's rule: the same place's body ("same:ubnd") or the body of
    the place above ("up:ubnd"); None above a province or when the place above is unknown."""
    how, parent_kind = kind["parent"].split(":")
    target = place if how == "same" else place.parent
    if target is None or (how == "up" and place.level == "province"):
        return None
    return f"{target.key}:{catalog_kind(parent_kind)['slug']}"


def catalog_kind(kind_id: str) -> dict:
    return next(k for k in catalog.unit_seed().kinds if k["id"] == kind_id)


class Register:
    """Units by id, and the names they go by, folded, for matching issuers."""

    def __init__(self) -> None:
        self.places = Gazetteer()
        self.units: dict[str, Unit] = {}
        self.warnings: list[str] = []
        self._pending: list[tuple[str, dict[str, str]]] = []  # corrections of units not yet met
        self._seed()

    def add(self, unit: Unit) -> Unit:
        self.units[unit.unit_id] = unit
        return unit

    def make(self, place: Place, kind: dict, dept: str | None = None, origin: str = "new") -> Unit:
        """The unit of a kind at a place (made and recorded when the register has none)."""
        uid = unit_id(place, kind, dept)
        if uid in self.units:
            return self.units[uid]
        seed = catalog.unit_seed()
        unit = Unit(
            uid,
            unit_name(place, kind, dept) or f"{kind['label']} {place.phrase()}",
            kind["id"],
            place.level,
            parent_of(place, kind, dept),
            place.province,
            chased=bool(kind.get("chased")),
            origin=origin,
        )
        if place.level == "district":
            unit.ended = seed.districts_ended
        if place.level == "province" and place.name in seed.successors:
            successor, unit.ended = seed.successors[place.name]
            unit.successor_id = unit_id(self.places.province(successor), kind, dept)
        return self.add(unit)

    def _seed(self) -> None:
        places = list(self.places.provinces.values()) + self.places.all_districts()
        for kind in catalog.unit_seed().kinds:
            for place in places:
                if place.level in kind["seed"]:
                    self.make(place, kind, origin="catalog")

    def alias_index(self) -> dict[str, list[str]]:
        """Folded name -> unit ids going by it (a name may be shared across provinces)."""
        index: dict[str, list[str]] = {}
        for u in self.units.values():
            for name in {u.name, *u.names}:
                index.setdefault(name_key(name), []).append(u.unit_id)
        return index

    # ------------------------------------------------------------------ user rows

    def apply_user_csv(self, path: Path | None) -> None:
        """Add or correct units from the user's CSV; a bad row is skipped with a warning."""
        if path is None or not path.is_file():
            return
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            self.warnings.append(
                f"{path}: không đọc được danh mục đơn vị ({exc}); hãy lưu lại thành CSV UTF-8"
            )
            return
        for line_no, row in enumerate(rows, start=2):
            where = f"{path} dòng {line_no}"
            problem = self._apply_user_row(
                {k: (v or "").strip() for k, v in row.items() if k}, where
            )
            if problem:
                self.warnings.append(f"{where}: {problem}")

    def apply_pending(self) -> None:
        """Corrections of units the reports made (origin 'new'), once they are resolved."""
        pending, self._pending = self._pending, []
        for where, row in pending:
            if row["unit_id"] not in self.units:
                self.warnings.append(
                    f"{where}: không có đơn vị {row['unit_id']} trong danh mục hay trong các báo"
                    " cáo; hãy kiểm tra mã đơn vị (xem v_units) hoặc thêm tên (name)"
                )
                continue
            self._apply_user_row(row, where)

    def _apply_user_row(self, row: dict[str, str], where: str) -> str | None:
        uid = row.get("unit_id", "")
        if not uid:
            return "thiếu mã đơn vị (unit_id); hãy điền mã hoặc xóa dòng"
        try:
            ended = dt.date.fromisoformat(row["ended"]) if row.get("ended") else None
        except ValueError:
            return f"ngày kết thúc '{row['ended']}' không đúng dạng YYYY-MM-DD; hãy sửa lại"
        if row.get("level") and row["level"] not in ("province", "district", "commune"):
            return f"cấp '{row['level']}' không hợp lệ; hãy ghi province, district hoặc commune"
        unit = self.units.get(uid)
        if unit is None:
            if not row.get("name"):
                self._pending.append((where, row))  # a unit only reports make
                return None
            unit = self.add(Unit(uid, row["name"], None, None, None, None, origin="user"))
        elif unit.origin != "user":
            unit.origin, unit.note = (
                "user",
                f"sửa theo danh mục của người dùng (trước: {unit.origin})",
            )
        for col in ("name", "kind", "level", "parent_id", "province", "successor_id"):
            if row.get(col):
                setattr(unit, col, row[col])
        unit.ended = ended or unit.ended
        known_kind = next((k for k in catalog.unit_seed().kinds if k["id"] == unit.kind), None)
        if known_kind is not None and not row.get("chased"):
            unit.chased = bool(known_kind.get("chased"))
        if row.get("chased"):
            unit.chased = row["chased"].lower() in ("1", "true", "có", "x", "yes")
        unit.names += [n.strip() for n in row.get("names", "").split(";") if n.strip()]
        return None

    def successions(self) -> list[tuple[str, str, dt.date | None]]:
        """(unit, a unit continuing it, the unit's end) for every step of every chain."""
        out = []
        for u in self.units.values():
            seen, nxt = {u.unit_id}, u.successor_id
            while nxt and nxt not in seen:
                out.append((u.unit_id, nxt, u.ended))
                seen.add(nxt)
                nxt = self.units[nxt].successor_id if nxt in self.units else None
        return out
