import json

from planwatch.ingest.plan_schema import json_schema
from tests.conftest import ROOT


def test_committed_json_schema_matches_the_plan_file_models() -> None:
    committed = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate schemas/plan.schema.json (see docs/plan-files.md)"
