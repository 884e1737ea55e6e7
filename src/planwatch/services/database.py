"""The database the use cases run on, for the two shells: the CLI and the web open it here and hand
it to a service, so that they import no store module themselves."""

from __future__ import annotations

from planwatch.store import Database as Database
from planwatch.store import open_database as open_database
