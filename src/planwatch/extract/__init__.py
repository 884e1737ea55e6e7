"""Facts and targets out of Chinese report text, each number tied to its characters.

``read_text`` turns a .txt/.docx/.pdf/.html file into the text that spans refer to;
``extract_facts`` follows ../shared/extraction/GUIDELINE.md; ``extract_targets`` reads target
statements (主要预期目标) into :class:`planwatch.model.Target` records.
"""

from planwatch.extract import _native

_native.enable(__path__)   # the compiled stages when built from these very sources (scripts/build-native)

from planwatch.extract.facts import extract_facts  # noqa: E402
from planwatch.extract.targets import extract_targets  # noqa: E402
from planwatch.extract.text import read_text, text_of_bytes  # noqa: E402

__all__ = ["extract_facts", "extract_targets", "read_text", "text_of_bytes"]
