"""Property-based API test: schemathesis generates requests from /openapi.json for each operation;
no answer may be a server error, and every answer must match the documented status codes and
schemas. Requests carry an admin's API token (server mode needs a user for every route). Kept quick (few examples per operation).

(schemathesis' own pytest plugin does not work with this pytest version, so each operation is
driven through its Hypothesis strategy.)"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from planwatch.settings import Settings
from planwatch.web.app import create_app

# The operations, read from the app's own OpenAPI document (no database needed for that).
OPERATIONS = [(method.upper(), path)
              for path, item in create_app(Settings(database_url="sqlite:///:memory:")).openapi()["paths"].items()
              for method in item]


@pytest.fixture(scope="module")
def api_schema(app):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_never_fails_with_a_server_error(api_schema, admin_token: str, method: str,  # type: ignore[no-untyped-def]
                                                    path: str) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    operation = api_schema[path][method]
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

    examples = 4 if "/reports/" in path else 12   # each report is drafted from scratch: keep it short

    @given(case=operation.as_strategy())
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:  # type: ignore[no-untyped-def]
        case.call_and_validate(checks=checks, headers={"Authorization": f"Bearer {admin_token}"})

    run()
