"""Places of the unit register: provinces, districts, communes, each with a stable key.

    dong-thap                        the province (tỉnh Đồng Tháp)
    dong-thap.h-cao-lanh             a district: its type's prefix and name (huyện Cao Lãnh;
                                     thành phố Cao Lãnh is dong-thap.tp-cao-lanh)
    dong-thap.h-cao-lanh.x-my-hiep   a commune of a known district
    dong-thap.x-my-hiep              a commune whose district no report or data/units.csv named

Provinces and districts come from the catalog; communes are made when a report names one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import catalog
from catalog.patterns import compiled
from normalizers.names import slug
from normalizers.text import fold

LEVELS = ("province", "district", "commune")


_DASHES_SPACES = compiled(r"[\s\-–]+")


def name_key(text: str) -> str:
    """A place name folded for matching ("Bà Rịa-Vũng Tàu" and "BÀ RỊA - VŨNG TÀU" match)."""
    return _DASHES_SPACES.sub(" ", fold(text)).strip(" .…,")


@dataclass(frozen=True)
class Place:
    key: str
    level: str  # province | district | commune
    name: str  # "Đồng Tháp", "Cao Lãnh", "Mỹ Hiệp"
    type: str | None  # "Huyện", "Xã", ...; None for a province
    province: str
    parent: Place | None = field(default=None, compare=False)

    def phrase(self) -> str:
        """The place as written after a body's name: "tỉnh Đồng Tháp", "huyện Cao Lãnh"."""
        seed = catalog.unit_seed()
        if self.level == "province" or self.type is None:  # a province has no type
            word = "thành phố" if self.name in seed.cities else "tỉnh"
        else:
            word = seed.types[self.type]["word"]
        return f"{word} {self.name}"

    def party(self) -> str:
        """Its Party committee: "Tỉnh ủy Đồng Tháp", "Huyện ủy Cao Lãnh", "Đảng ủy xã Mỹ Hiệp"."""
        seed = catalog.unit_seed()
        if self.level == "province" or self.type is None:  # a province has no type
            word = "Thành ủy" if self.name in seed.cities else "Tỉnh ủy"
        else:
            word = seed.types[self.type]["party"]
        return f"{word} {self.name}"


class Gazetteer:
    """The provinces and districts of the catalog, and the communes met since."""

    def __init__(self) -> None:
        seed = catalog.unit_seed()
        self.provinces = {
            name_key(p): Place(slug(p), "province", p, None, p) for p in seed.provinces
        }
        self.districts: dict[tuple[str, str], list[Place]] = {}
        for type_, name, province in seed.districts:
            prov = self.province(province)
            if prov is not None:
                self._add_district(prov, type_, name)
        self.communes: dict[str, Place] = {}

    def _add_district(self, prov: Place, type_: str, name: str) -> Place:
        prefix = catalog.unit_seed().types[type_]["prefix"]
        place = Place(f"{prov.key}.{prefix}-{slug(name)}", "district", name, type_, prov.name, prov)
        self.districts.setdefault((prov.key, name_key(name)), []).append(place)
        return place

    def province(self, name: str | None) -> Place | None:
        return self.provinces.get(name_key(name)) if name else None

    def all_districts(self) -> list[Place]:
        return [p for places in self.districts.values() for p in places]

    def lineage(self, prov: Place) -> list[Place]:
        """A province and those it continues (Huế: Thừa Thiên Huế), where its districts may be."""
        successors = catalog.unit_seed().successors
        before = [self.province(p) for p, (s, _) in successors.items() if s == prov.name]
        return [prov] + [p for p in before if p is not None]

    def district(self, prov: Place | None, name: str, type_: str | None = None) -> Place | None:
        """A district by name (and type, when written) in a province, or unique in the country."""
        key = name_key(name)
        if prov is not None:
            found = [d for p in self.lineage(prov) for d in self.districts.get((p.key, key), [])]
        else:
            found = [d for (_, k), places in self.districts.items() if k == key for d in places]
        typed = [d for d in found if d.type == type_] if type_ else found
        if len(typed) > 1 or prov is None:
            # across the country a name must match with its tones (`Phú Mỹ` is no `Phù Mỹ`)
            wanted = " ".join(name.lower().split())
            typed = [d for d in typed if " ".join(d.name.lower().split()) == wanted] or (
                typed if prov is not None else []
            )
        return typed[0] if len(typed) == 1 else None

    def new_district(self, prov: Place, name: str, type_: str) -> Place:
        return self._add_district(prov, type_, name)

    def commune(self, within: Place, name: str, type_: str) -> Place:
        """The commune of that name in a district (or a province, its district unknown)."""
        prefix = catalog.unit_seed().types[type_]["prefix"]
        key = f"{within.key}.{prefix}-{slug(name)}"
        if key not in self.communes:
            self.communes[key] = Place(key, "commune", name, type_, within.province, within)
        return self.communes[key]


@lru_cache(maxsize=1)
def city_keys() -> frozenset[str]:
    return frozenset(name_key(c) for c in catalog.unit_seed().cities)
