"""A document's issuer resolved to a unit of the register.

In order: a name the register knows (a unit's name, or one the user gave in data/units.csv)
within the document's province; else the issuer taken apart (kind, department, places) and
placed: by the places it names, else the place its parent line names ("UBND HUYỆN CAO LÃNH"
over "VĂN PHÒNG HĐND VÀ UBND"), else the place of the date line ("Cao Lãnh, ngày ..."), else
its province. A unit the register does not hold yet is made and recorded as new.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from normalizers.names import slug
from warehouse.units.parse import Parsed, PlaceRef, parse_issuer, parse_places
from warehouse.units.places import Place, city_keys, name_key
from warehouse.units.register import Register, Unit, unit_id


@dataclass
class Header:
    """What a document says about who issued it (columns of `documents`)."""

    doc_id: int
    issuer: str | None
    issuer_parent: str | None
    place: str | None
    province: str | None
    rel_path: str


class Resolver:
    def __init__(self, register: Register) -> None:
        self.register = register
        self.places = register.places
        self.aliases = register.alias_index()

    def resolve(self, h: Header) -> tuple[str | None, str]:
        """(unit id, how: 'name' | 'register' | 'new'); (None, 'none') without an issuer."""
        if not h.issuer:
            return None, "none"
        prov = self.places.province(h.province)
        # a document of a province the register does not know is no unit of another province
        known = self._by_name(h.issuer, prov) if prov is not None or not h.province else None
        if known:
            return known, "name"
        parsed = parse_issuer(h.issuer)
        parent = parse_issuer(h.issuer_parent) if h.issuer_parent else None
        prov = self._named_province(parsed.places + (parent.places if parent else [])) or prov
        if prov is None and h.province:
            return self._new_unit(h, parsed)  # a province the register does not know
        place, hint = self._locate(parsed, parent, h.place, prov)
        if parsed.kind is not None and place is not None:
            uid = unit_id(place, parsed.kind, parsed.dept)
            how = "register" if uid in self.register.units else "new"
            unit = self.register.make(place, parsed.kind, parsed.dept)
        else:
            anchor = place or prov
            uid = f"{anchor.key if anchor else '?'}:{slug(h.issuer)}"
            how = "register" if uid in self.register.units else "new"
            unit = self.register.units.get(uid) or self.register.add(
                Unit(
                    uid,
                    h.issuer,
                    parsed.kind["id"] if parsed.kind else None,
                    place.level if place else _level(hint),
                    None,
                    anchor.province if anchor else None,
                    origin="new",
                )
            )
        if how == "new" and unit.note is None:
            unit.note = f"đơn vị mới, lần đầu gặp trong {h.rel_path}"
        return unit.unit_id, how

    def _new_unit(self, h: Header, parsed: Parsed) -> tuple[str, str]:
        uid = f"?{slug(h.province or '')}:{slug(h.issuer or '')}"
        if uid in self.register.units:
            return uid, "register"
        unit = self.register.add(
            Unit(
                uid,
                h.issuer or "",
                parsed.kind["id"] if parsed.kind else None,
                parsed.places[0].level if parsed.places else None,
                None,
                h.province,
                origin="new",
            )
        )
        unit.note = f"đơn vị mới, lần đầu gặp trong {h.rel_path}"
        return uid, "new"

    def _by_name(self, issuer: str, prov: Place | None) -> str | None:
        ids = self.aliases.get(name_key(issuer), [])
        same_tones = [i for i in ids if _same_words(self.register.units[i], issuer)]
        ids = same_tones or ids  # `Phú Mỹ` is no `Phù Mỹ` when the register has the tones
        if prov is not None:
            provinces = {p.name for p in self.places.lineage(prov)}
            ids = [i for i in ids if self.register.units[i].province in provinces]
        return ids[0] if len(set(ids)) == 1 else None

    def _named_province(self, refs: list[PlaceRef]) -> Place | None:
        for ref in refs:
            if ref.name and ref.level in ("province", "city"):
                prov = self.places.province(ref.name)
                if prov is not None and (ref.level == "province" or _is_city(ref.name)):
                    return prov
        return None

    def _locate(
        self, parsed: Parsed, parent: Parsed | None, place_line: str | None, prov: Place | None
    ) -> tuple[Place | None, str | None]:
        """The issuer's place, and the level its words hint at when they name none."""
        own = parsed.places
        around = own[1:] + (parent.places if parent else [])
        if own and own[0].name:
            return self._place(own[0], around, prov, place_line), own[0].level
        hint = own[0].level if own else None
        if hint == "city":
            hint = "province" if prov is not None and _is_city(prov.name) else "district"
        if parent and parent.places and parent.places[0].name:
            above = self._place(parent.places[0], parent.places[1:], prov, place_line)
            if above is not None and hint in (None, above.level):
                return above, hint
        levels = parsed.kind["levels"] if parsed.kind else ["province", "district", "commune"]
        if place_line:
            line = _place_line(place_line)
            district = self.places.district(prov, line) if prov else None
            if district is not None and hint in (None, "district") and "district" in levels:
                return district, hint
            named = self.places.province(line)
            if named is not None and hint in (None, "province") and "province" in levels:
                return named, hint
        if prov is not None and (hint == "province" or (hint is None and levels[0] == "province")):
            return prov, hint
        return None, hint or levels[0]

    def _place(
        self, ref: PlaceRef, around: list[PlaceRef], prov: Place | None, place_line: str | None
    ) -> Place | None:
        if not ref.name:
            return None  # the callers pass named places only
        if ref.level == "province" or (ref.level == "city" and _is_city(ref.name)):
            return self.places.province(ref.name)
        if ref.level in ("city", "district"):
            type_ = ref.type or "Thành phố"
            found = self.places.district(prov, ref.name, type_)
            if found is None and prov is not None:
                found = self.places.new_district(prov, ref.name, type_)
            return found
        within = next(
            (
                self._place(r, [], prov, None)
                for r in around
                if r.name and r.level in ("district", "city") and not _is_city(r.name)
            ),
            None,
        )
        if within is None and place_line and prov is not None:
            line = _place_line(place_line)
            if name_key(line) != name_key(ref.name or ""):
                within = self.places.district(prov, line)
        within = within or prov
        return self.places.commune(within, ref.name, ref.type) if within and ref.type else None


def _same_words(unit, issuer: str) -> bool:
    wanted = " ".join(issuer.lower().split())
    return any(" ".join(n.lower().split()) == wanted for n in [unit.name, *(unit.names or [])])


def _is_city(name: str | None) -> bool:
    return bool(name and name_key(name) in city_keys())


def _place_line(text: str) -> str:
    """The place of the date line without its level word ("TP. Cao Lãnh" -> "Cao Lãnh")."""
    refs = parse_places(text)
    if refs and refs[0].name:
        return refs[0].name
    return regex.sub(r"(?i)^\s*(?:thành\s+phố|tp\s*\.?)\s*", "", text).strip()


def _level(hint: str | None) -> str | None:
    return None if hint == "city" else hint
