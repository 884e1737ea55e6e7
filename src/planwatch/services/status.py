"""The status use case: one call that the CLI, the report and the web all make."""

from __future__ import annotations

from planwatch.analyze.status import StatusTable, status_table
from planwatch.services.plans import Selection, select
from planwatch.store import Database


def region_status(db: Database, *, region: str | None = None, period: str | None = None) -> StatusTable:
    selection = select(db, region=region, period=period)
    return status_for(selection)


def status_for(selection: Selection) -> StatusTable:
    return status_table(selection.plan, selection.region, selection.period)
