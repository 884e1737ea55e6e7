"""Dependencies routes share: the settings and the Database opened once at start-up, and a
per-request view that resolves the plan, region and period once and computes the status table
at most once, however many parts of a page ask for them."""

from __future__ import annotations

import threading
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
    """Computed views shared between requests until the data changes: keyed by the database's
    fingerprint (see :meth:`planwatch.store.Database.data_fingerprint`) and the request's region
    and period. A few entries only; the results are immutable."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._entries: dict[tuple[Any, ...], dict[str, Any]] = {}

    def entry(self, key: tuple[Any, ...] | None) -> dict[str, Any]:
        if key is None or key[0] is None:
            return {}
        with self._lock:
            found = self._entries.pop(key, None)
            if found is None:
                found = {}
                stale = [k for k in self._entries if k[0] != key[0]]
                for k in stale:
                    del self._entries[k]
                while len(self._entries) >= self.size:
                    del self._entries[next(iter(self._entries))]
            self._entries[key] = found   # most recently used last
            return found


class View:
    """What one request is about: the selection (plan, region, period) and the derived results,
    each computed at most once per request, and reused across requests while the data is unchanged."""

    def __init__(self, db: Database, settings: Settings, region: str | None, period: str | None,
                 cache: ResultCache | None = None) -> None:
        self.db = db
        self.settings = settings
        self.region_arg = region or settings.default_region or None
        # The default period applies to the default region only: another region opens on its own latest period.
        self.period_arg = period or (settings.default_period if not region else "") or None
        self._shared: dict[str, Any] = {}
        if cache is not None:
            self._shared = cache.entry((db.data_fingerprint(), self.region_arg, self.period_arg))

    def _memo(self, name: str, compute: Any) -> Any:
        if name not in self._shared:
            self._shared[name] = compute()
        return self._shared[name]

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

        return self._memo("full_selection", lambda: select(self.db, region=self.region_arg, period=self.period_arg))

    @cached_property
    def status(self) -> Any:
        from planwatch.services.status import status_for

        return self._memo("status", lambda: status_for(self.selection, db=self.db, settings=self.settings))

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
