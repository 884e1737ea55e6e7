"""The observation fields are declared once (model.observation.FIELDS) and every door follows the
declaration: the dataclass, the plan-file model and JSON Schema, the API model, the store's
columns, the CSV and the Excel form columns. Adding a field to FIELDS shows up in all of them."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

from planwatch.model import Observation, limits
from planwatch.model.observation import COLLECTED, FIELDS

NAMES = [f.name for f in FIELDS]


def test_the_dataclass_has_exactly_the_declared_fields() -> None:
    own = {f.name for f in dataclasses.fields(Observation)} - {"indicator", "region", "period", "source"}
    assert own == set(NAMES)
    for spec in FIELDS:
        assert spec.label and (spec.type is not str or spec.max_length), spec


def test_plan_file_model_and_json_schema_follow_the_declaration() -> None:
    from planwatch.ingest.plan_schema import ObservationIn, json_schema

    assert [n for n in ObservationIn.model_fields if n in NAMES] == NAMES
    properties = json_schema()["$defs"]["ObservationIn"]["properties"]
    for spec in FIELDS:
        text = json.dumps(properties[spec.name], ensure_ascii=False)
        if spec.type is str:
            assert f'"maxLength": {spec.max_length}' in text
        if spec.type is Decimal:
            assert "10^15" in text


def test_api_model_follows_the_declaration() -> None:
    from planwatch.web.schemas import ObservationOut

    assert [n for n in ObservationOut.model_fields if n in NAMES] == NAMES


def test_store_columns_hold_what_the_declaration_allows() -> None:
    from planwatch.store.tables import observations

    for spec in FIELDS:
        column = observations.columns[spec.name]
        length = getattr(column.type, "length", None)
        if spec.type is Decimal:       # the longest number text allowed fits
            assert length is not None and length >= len(f"-{'9' * 15}.{'9' * limits.MAX_PLACES}")
        elif spec.type is str and length is not None:
            assert spec.max_length is not None and spec.max_length <= length, spec


def test_csv_and_form_columns_follow_the_declaration() -> None:
    from planwatch.ingest import exchange, forms

    core = [f.name for f in COLLECTED if f.csv == "core"]
    extra = [f.name for f in COLLECTED if f.csv == "extra"]
    assert list(exchange.COLUMNS) == ["indicator", "region", "period", *core, "source"]
    assert list(exchange.EXTRA_COLUMNS) == extra
    assert [key for _, key, _ in forms.COLUMNS if key in NAMES and key != "unit"] == [f.name for f in FIELDS if f.form]


def test_a_new_declaration_is_enough_for_every_builder(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What "one edit" means: each door builds its part from an ObservationField alone (here a
    new one, 排名), and the value rules read FIELDS when they run."""
    from pydantic import ValidationError, create_model

    from planwatch.ingest import plan_schema
    from planwatch.model import observation
    from planwatch.model.observation import ObservationField
    from planwatch.store.tables import _observation_column
    from planwatch.web import schemas

    extra = ObservationField("rank", Decimal, "排名", "在全市的排名", rule="signed", csv="extra", form="排名")
    entry = create_model("Entry", rank=plan_schema._observation_field(extra))
    assert entry.model_validate({"rank": "3"}).rank == Decimal(3)
    try:
        entry.model_validate({"rank": "1e400"})
        raise AssertionError("1e400 accepted")
    except ValidationError as exc:
        assert "超出允许范围" in str(exc)
    shown = create_model("Shown", rank=schemas._out_field(extra))
    assert shown.model_validate({"rank": "3"}).rank == "3"
    assert str(_observation_column(extra).type) == "VARCHAR(40)"
    monkeypatch.setattr(observation, "FIELDS", (*FIELDS, extra))
    assert observation.field_problems({"rank": Decimal("1e20")})[0].field == "rank"
