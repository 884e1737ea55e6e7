"""The status use case: one call that the CLI, the report and the web all make.

:func:`region_status` returns the :class:`~planwatch.analyze.status.StatusTable` for a region and
period: indicator verdicts, key-project groups (and towns / departments) against 序时进度, the
双过半 count at mid-year, and the year-end outlook. The outlook uses earlier years' figures of
the same region from the other plans in the store (same period's share of the annual total).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# (`x as x`: re-exported for the CLI and the web, which import no analyze module themselves)
from planwatch.analyze.numbers import fmt as fmt
from planwatch.analyze.projects import progress_as_dict as progress_as_dict
from planwatch.analyze.status import Rules, StatusTable, status_table
from planwatch.analyze.status import lagging_only as lagging_only
from planwatch.analyze.status import row_as_dict as row_as_dict
from planwatch.analyze.status import table_as_dict as table_as_dict
from planwatch.analyze.verdicts import quantize
from planwatch.analyze.verdicts import time_progress as exact_time_progress
from planwatch.model import Observation, Period
from planwatch.services.plans import Selection, select
from planwatch.store import Database, list_plans, read_observations


def time_progress(period: Period) -> Decimal:
    """序时进度 of ``period`` in %, as shown (one decimal: 上半年 50.0, 1—7月 58.3)."""
    return quantize(exact_time_progress(period), 1)


def rules_of(settings: Any | None) -> Rules:
    """The judgement bands of ``settings`` (from the environment when None)."""
    if settings is None:
        from planwatch.settings import Settings

        settings = Settings.from_env()
    return Rules.of(settings)


def region_status(db: Database, *, region: str | None = None, period: str | None = None,
                  settings: Any | None = None) -> StatusTable:
    selection = select(db, region=region, period=period, own_region_only=True)
    return status_for(selection, db=db, settings=settings)


def history_for(db: Database, selection: Selection) -> list[Observation]:
    """Observations of the selected region in the store's plans of earlier years."""
    out: list[Observation] = []
    with db.connect() as conn:
        for ref in list_plans(conn):
            if ref.year < selection.period.year:
                out.extend(read_observations(conn, ref.id, region=selection.region.code))
    return out


def status_for(selection: Selection, *, db: Database | None = None, settings: Any | None = None) -> StatusTable:
    """The status of ``selection``; pass ``db`` to project the year end from earlier years."""
    history = history_for(db, selection) if db is not None else []
    return status_table(selection.plan, selection.region, selection.period, rules=rules_of(settings), history=history)
