"""Every public domain type has its Chinese term in docs/glossary.md."""

import planwatch.model as model
from tests.conftest import ROOT


def test_every_public_model_name_is_in_the_glossary() -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    types = [name for name in model.__all__ if name[0].isupper() and not name.endswith("Error")]
    missing = [name for name in types if f"`{name}" not in glossary]
    assert not missing, f"add to docs/glossary.md: {missing}"
