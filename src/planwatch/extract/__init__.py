"""Facts and targets out of Chinese report text, each number tied to its characters.

``read_text`` turns a .txt/.docx/.pdf/.html file into the text that spans refer to;
``extract_facts`` follows ../shared/extraction/GUIDELINE.md; ``extract_targets`` reads target
statements (主要预期目标) into :class:`planwatch.model.Target` records.
"""

from planwatch.extract.facts import extract_facts
from planwatch.extract.targets import extract_targets
from planwatch.extract.text import read_text, text_of_bytes

__all__ = ["extract_facts", "extract_targets", "read_text", "text_of_bytes"]
