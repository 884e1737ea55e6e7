"""Region (行政区划): code, name, level and parent, forming the hierarchy towns roll up through."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum


class RegionLevel(str, Enum):
    """行政层级."""

    NATION = "国家"
    PROVINCE = "省"
    CITY = "市"
    COUNTY = "县区"
    TOWN = "乡镇街道"

    @property
    def depth(self) -> int:
        return list(RegionLevel).index(self)


@dataclass(frozen=True, slots=True)
class Region:
    """行政区划. ``code`` is the 6-digit administrative division code where known (吴江区 320509),
    else a stable code the plan chooses (towns: 9-digit or a short name code)."""

    code: str
    name: str
    level: RegionLevel
    parent: str | None = None


class RegionTree:
    """A region hierarchy: look-ups by code or name, ancestors and descendants."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self._by_code: dict[str, Region] = {}
        for region in regions:
            self._by_code[region.code] = region
        self._children: dict[str, list[Region]] = {}
        for region in self._by_code.values():
            if region.parent is not None:
                self._children.setdefault(region.parent, []).append(region)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Region]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def find(self, code_or_name: str) -> Region | None:
        """A region by its code or its name (吴江区 / 320509)."""
        if code_or_name in self._by_code:
            return self._by_code[code_or_name]
        for region in self._by_code.values():
            if region.name == code_or_name:
                return region
        return None

    def children(self, code: str) -> list[Region]:
        return list(self._children.get(code, []))

    def descendants(self, code: str) -> list[Region]:
        out: list[Region] = []
        stack = list(reversed(self.children(code)))
        while stack:
            region = stack.pop()
            out.append(region)
            stack.extend(reversed(self.children(region.code)))
        return out

    def ancestors(self, code: str) -> list[Region]:
        out: list[Region] = []
        seen: set[str] = set()
        region = self._by_code.get(code)
        while region is not None and region.parent is not None and region.parent not in seen:
            seen.add(region.parent)
            parent = self._by_code.get(region.parent)
            if parent is None:
                break
            out.append(parent)
            region = parent
        return out
