"""The status use case: one call that the CLI, the report and the web all make.

:func:`region_status` returns the :class:`~planwatch.analyze.status.StatusTable` for a region and
period: indicator verdicts, key-project groups (and towns / departments) against 序时进度, the
双过半 count at mid-year, and the year-end outlook. The outlook uses earlier years' figures of
the same region from the other plans in the store (same period's share of the annual total).
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

# (`x as x`: re-exported for the CLI and the web, which import no analyze module themselves)
from planwatch.analyze.numbers import fmt as fmt
from planwatch.analyze.outlook import uses_history
from planwatch.analyze.projects import progress_as_dict as progress_as_dict
from planwatch.analyze.status import Rules, StatusTable, status_table
from planwatch.analyze.status import lagging_only as lagging_only
from planwatch.analyze.status import row_as_dict as row_as_dict
from planwatch.analyze.status import table_as_dict as table_as_dict
from planwatch.analyze.verdicts import quantize
from planwatch.analyze.verdicts import time_progress as exact_time_progress
from planwatch.model import Observation, Period
from planwatch.services.plans import Selection, catalog, select
from planwatch.store import Database, queries


def time_progress(period: Period) -> Decimal:
    """序时进度 of ``period`` in %, as shown (one decimal: 上半年 50.0, 1—7月 58.3)."""
    return quantize(exact_time_progress(period), 1)


_env_rules: dict[tuple[tuple[str, str], ...], Rules] = {}


def rules_of(settings: Any | None) -> Rules:
    """The judgement bands of ``settings`` (from the environment when None: read once per set of
    PLANWATCH_ variables, since building Settings costs more than a town's whole status)."""
    if settings is not None:
        return Rules.of(settings)
    key = tuple(sorted((k.upper(), v) for k, v in os.environ.items() if k.upper().startswith("PLANWATCH_")))
    found = _env_rules.get(key)
    if found is None:
        from planwatch.settings import Settings

        found = Rules.of(Settings.from_env())
        if len(_env_rules) >= 16:
            _env_rules.clear()
        _env_rules[key] = found
    return found


def region_status(db: Database, *, region: str | None = None, period: str | None = None,
                  settings: Any | None = None) -> StatusTable:
    """The status of one region: its targets and the figures of the periods the rules read, by
    indexed queries on the cached plan frame (``select(for_status=True)``), and its earlier years'
    figures the outlook reads (:func:`history_for`)."""
    selection = select(db, region=region, period=period, own_region_only=True, for_status=True)
    return status_for(selection, db=db, settings=settings)


def history_for(db: Database, selection: Selection) -> list[Observation]:
    """Observations of the selected region in the store's plans of earlier years — of the periods
    the outlook reads only (``analyze.outlook.uses_history``: full years, and periods ending in
    the same month), found by one index-only DISTINCT and read by one indexed query per plan."""
    out: list[Observation] = []
    code = selection.region.code
    with db.connect() as conn:
        earlier = [ref for ref in catalog(db, conn).plans if ref.year < selection.period.year]
        stored = queries.region_periods(conn, [ref.id for ref in earlier], code)
        for ref in earlier:
            wanted = [p for p in stored[ref.id] if uses_history(selection.period, Period.parse(p))]
            if wanted:
                out.extend(queries.read_region_observations(conn, ref.id, code, wanted))
    return out


def status_for(selection: Selection, *, db: Database | None = None, settings: Any | None = None) -> StatusTable:
    """The status of ``selection``; pass ``db`` to project the year end from earlier years."""
    history = history_for(db, selection) if db is not None else []
    return status_table(selection.plan, selection.region, selection.period, rules=rules_of(settings), history=history)
