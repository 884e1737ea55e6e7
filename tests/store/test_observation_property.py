"""Property: any observation written is read back identically (numbers keep their written precision)."""

from __future__ import annotations

import shutil
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.model import Observation, Period, PriceBasis, Source, SourceKind
from planwatch.store import open_database, plan_id_for, read_observations, save_observations

decimals = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False,
                       allow_infinity=False)
observations = st.builds(
    Observation,
    indicator=st.sampled_from(["gdp", "fai", "retail_sales"]),
    region=st.just("320509"),
    period=st.sampled_from([Period.parse(p) for p in ("2025H1", "2025M01-07", "2025Q3", "2025")]),
    value=st.none() | decimals,
    unit=st.sampled_from(["亿元", "万元"]),
    growth=st.none() | decimals,
    growth_basis=st.none() | st.sampled_from(list(PriceBasis)),
    share=st.none() | decimals,
    status=st.none() | st.text(min_size=1, max_size=30),
    estimate=st.booleans(),
    source=st.builds(Source, kind=st.just(SourceKind.USER), user=st.text(min_size=1, max_size=10)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(observation=observations)
def test_written_observation_reads_back_identically(tmp_path_factory, example_db_file, observation: Observation) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("prop") / "db.sqlite"
    shutil.copyfile(example_db_file, path)
    db = open_database(f"sqlite:///{path}")
    with db.transaction() as conn:
        plan_id = plan_id_for(conn, "320509", 2025)
        assert plan_id is not None
        save_observations(conn, plan_id, [observation])
    with db.connect() as conn:
        (back,) = read_observations(conn, plan_id, indicator=observation.indicator, period=observation.period.code)
    assert back == observation
    db.dispose()
