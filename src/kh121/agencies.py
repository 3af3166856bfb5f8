"""Who is who, and who took over from whom: the agency index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kh121.models import Agency
from kh121.text import search


@dataclass(frozen=True)
class AgencyIndex:
    agencies: tuple[Agency, ...]
    by_code: dict[str, Agency] = field(default_factory=dict)
    _members: dict[str, frozenset[str]] = field(default_factory=dict)
    _cache: dict[tuple[str, dt.date], frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, agencies: Iterable[Agency]) -> AgencyIndex:
        items = tuple(agencies)
        by_code: dict[str, Agency] = {}
        for a in items:
            by_code.setdefault(a.code, a)
        members = {}
        for g in items:
            if g.is_group:
                found = set(g.members)
                found.update(a.code for a in items if a.kind in g.member_kinds)
                members[g.code] = frozenset(found)
        return cls(items, by_code, members)

    def get(self, code: str) -> Agency | None:
        return self.by_code.get(code)

    def name(self, code: str, short: bool = True) -> str:
        a = self.by_code.get(code)
        if a is None:
            return code
        return a.short if short else a.name

    def chain(self, code: str) -> list[str]:
        """The code and every successor after it, in order (stops at a cycle)."""
        out = [code]
        seen = {code}
        a = self.by_code.get(code)
        while a is not None and a.merged_into is not None:
            nxt = a.merged_into.successor
            if nxt in seen:
                break
            out.append(nxt)
            seen.add(nxt)
            a = self.by_code.get(nxt)
        return out

    def resolve(self, code: str, on: dt.date) -> str:
        """The agency responsible on a day for what `code` was given."""
        current = code
        seen = {code}
        a = self.by_code.get(current)
        while a is not None and a.merged_into is not None and on >= a.merged_into.from_date:
            current = a.merged_into.successor
            if current in seen:
                break
            seen.add(current)
            a = self.by_code.get(current)
        return current

    def members(self, group: str) -> frozenset[str]:
        return self._members.get(group, frozenset())

    def alive_members(self, group: str, on: dt.date) -> frozenset[str]:
        """The group's members that exist on a day (founded, not yet merged away): those
        that report for it and are counted as its members."""
        return frozenset(
            m for m in self.members(group) if (a := self.get(m)) is not None and a.exists_on(on)
        )

    def covers(self, given: str, agency: str, on: dt.date) -> bool:
        """Whether a task given to `given` (an agency or a group) falls to `agency` on a day."""
        return agency in self.covered(given, on)

    def covered(self, given: str, on: dt.date) -> frozenset[str]:
        """Every agency a task given to `given` falls to on a day: `given` after its mergers,
        a group's members as they were, and, after a level was abolished, its successor's."""
        now = self.resolve(given, on)
        out = {now} | self._responsible_members(given, on)
        if now != given:
            out |= self._responsible_members(now, on)
        return frozenset(out)

    def _responsible_members(self, group: str, on: dt.date) -> frozenset[str]:
        # Asked for every line of every report: resolve a group's members once per day.
        key = (group, on)
        found = self._cache.get(key)
        if found is None:
            found = frozenset(self.resolve(m, on) for m in self.members(group))
            self._cache[key] = found
        return found

    def matching(self, query: str, on: dt.date | None = None) -> list[str]:
        """The agencies (not groups) a code or a name means; on a day, only those that
        existed that day when any did (an old and a new 'Sở Y tế' are one on a date)."""
        codes = [c for c in self.search(query) if not self.by_code[c].is_group]
        if on is None:
            return codes
        alive = [c for c in codes if self.by_code[c].exists_on(on)]
        return alive or codes

    def search(self, query: str) -> list[str]:
        """Codes matching a code, or any part of a name or alias; marks and spaces ignored."""
        return search(query, ((a.code, (a.name, a.short, *a.aliases)) for a in self.agencies))
