"""Dependencies routes share: the settings and the Database opened once at start-up, and a
per-request view that resolves the plan, region and period once and computes the status table
at most once, however many parts of a page ask for them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cached_property
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from planwatch.services.database import Database
from planwatch.settings import Settings

_open_lock = threading.Lock()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Database:
    """The app's Database: opened in the lifespan, or on first use when the app runs without one
    (e.g. a test client used without its context manager)."""
    state = request.app.state
    if state.database is None:
        with _open_lock:
            if state.database is None:
                from planwatch.services.database import open_database

                state.database = open_database(state.settings.database_url)
                state.owns_database = True
    return state.database


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

RegionQuery = Annotated[str | None, Query(description="地区名称或代码，如 吴江区 或 320509；默认计划所属地区", max_length=100)]
PeriodQuery = Annotated[str | None, Query(description="统计期，如 2025H1、2025年上半年、2025年1—7月；默认最近有数据的统计期",
                                          max_length=40)]


class ResultCache:
    """Computed views shared between requests while what they read is unchanged: keyed by the
    request's region and period and the versions of the rows the view reads
    (:func:`planwatch.services.plans.data_key`: the plans' own content and the region's rows; every
    write raises the versions of what it touched), so a write to one town leaves every other town's
    views valid. At most ``size`` entries (setting ``cache_entries``), least recently used evicted
    first; the results are immutable. ``stats()`` counts hits, misses and evictions."""

    def __init__(self, size: int = 256) -> None:
        self.size = max(1, size)
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self.hits = self.misses = self.evictions = 0

    def entry(self, key: tuple[Any, ...] | None) -> dict[str, Any]:
        """The shared results for ``key`` (a fresh dict the first time; nothing shared for None)."""
        if key is None:
            return {}
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)      # most recently used last
                self.hits += 1
                return found
            self.misses += 1
            found = self._entries[key] = {}
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
                self.evictions += 1
            return found

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"entries": len(self._entries), "size": self.size, "hits": self.hits, "misses": self.misses,
                    "evictions": self.evictions}


class View:
    """What one request is about: the selection (plan, region, period) and the derived results,
    each computed at most once per request, and reused across requests while the rows they read
    are unchanged (one entry for the region's own views, one for its children's roll-up, one for
    the views that read every region)."""

    def __init__(self, db: Database, settings: Settings, region: str | None, period: str | None,
                 cache: ResultCache | None = None) -> None:
        self.db = db
        self.settings = settings
        self.region_arg = region or settings.default_region or None
        # The default period applies to the default region only: another region opens on its own latest period.
        self.period_arg = period or (settings.default_period if not region else "") or None
        self._cache = cache
        self._entries: dict[str, dict[str, Any]] = {}

    def _entry(self, scope: str) -> dict[str, Any]:
        """The shared results of this request's region and period for ``scope``: "region" (its own
        rows), "children" (and its children's), "all" (every region)."""
        found = self._entries.get(scope)
        if found is None:
            from planwatch.services.plans import any_data_key, data_key

            key: tuple[Any, ...] | None = None
            if self._cache is not None:
                versions = any_data_key(self.db) if scope == "all" else data_key(
                    self.db, self.region_arg, children=scope == "children")
                key = None if versions is None else (scope, self.region_arg, self.period_arg, versions)
            found = self._entries[scope] = self._cache.entry(key) if self._cache is not None else {}
        return found

    def _memo(self, name: str, compute: Any, scope: str = "region") -> Any:
        shared = self._entry(scope)
        if name not in shared:
            shared[name] = compute()
        return shared[name]

    @cached_property
    def selection(self) -> Any:
        """The plan with the selected region's own observations only (all the status engine and
        the region's pages need)."""
        from planwatch.services.plans import select

        return self._memo("selection", lambda: select(self.db, region=self.region_arg, period=self.period_arg,
                                                      own_region_only=True))

    @cached_property
    def full_selection(self) -> Any:
        """The same selection with every region's observations (for comparisons and listings)."""
        from planwatch.services.plans import select

        return self._memo("full_selection", lambda: select(self.db, region=self.region_arg, period=self.period_arg),
                          "all")

    @cached_property
    def status(self) -> Any:
        """The region's status, by the status queries (only the periods the rules read)."""
        from planwatch.services.status import region_status

        return self._memo("status", lambda: region_status(self.db, region=self.region_arg, period=self.period_arg,
                                                           settings=self.settings))

    @cached_property
    def rollup(self) -> Any:
        """The sums of the region's direct children (下级合计) beside its own figures."""
        from planwatch.services.rollup import region_rollup

        return self._memo("rollup", lambda: region_rollup(self.db, region=self.region_arg, period=self.period_arg),
                          "children")

    @cached_property
    def rollup_dict(self) -> dict[str, Any]:
        from planwatch.services.rollup import rollup_as_dict

        return self._memo("rollup_dict", lambda: rollup_as_dict(self.rollup), "children")

    @cached_property
    def status_dict(self) -> dict[str, Any]:
        from planwatch.services.status import table_as_dict

        return self._memo("status_dict", lambda: table_as_dict(self.status))

    @cached_property
    def documents(self) -> Any:
        from planwatch.services.browse import DocumentCache

        return DocumentCache(self.db)

    @cached_property
    def periods(self) -> list[Any]:
        from planwatch.services.browse import periods_with_figures

        return self._memo("periods", lambda: periods_with_figures(self.selection.plan, self.selection.region.code))

    @cached_property
    def region_choices(self) -> list[Any]:
        """The selection's region, its ancestors that have plans, and its sub-regions."""
        tree = self.selection.regions
        region = self.selection.region
        plan_region = tree.get(self.selection.plan.region)
        out = []
        if plan_region is not None:
            out.append(plan_region)
            out.extend(tree.descendants(plan_region.code))
        if region not in out:
            out.insert(0, region)
        return out


def get_view(request: Request, db: DbDep, settings: SettingsDep,
             region: RegionQuery = None, period: PeriodQuery = None) -> View:
    cached = getattr(request.state, "planwatch_view", None)
    if cached is None:
        cached = View(db, settings, region, period, getattr(request.app.state, "results", None))
        request.state.planwatch_view = cached
    return cached


ViewDep = Annotated[View, Depends(get_view)]
