"""How much of the reference report's thematic part the draft reproduces.

A *numeric clause* is a piece of the reference report's sections （一）–（五） of part 一 (from
"（一）" up to the 困难挑战 paragraph), cut at ，；。 and containing a digit. It counts as
reproduced when its normalised text (no spaces, full-width punctuation) occurs in the draft's
normalised text. Run as a script to print the share and the clauses still missing:

    .venv/bin/python -m tests.report.clause_coverage [--db URL]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

_CUT = re.compile(r"[，；。：]")


def normalise(text: str) -> str:
    """No whitespace; half-width , ; : as their full-width forms (the reference mixes them)."""
    text = re.sub(r"\s+", "", text)
    return text.replace(",", "，").replace(";", "；").replace(":", "：")


def thematic_part(reference: str) -> str:
    """Sections （一）–（五） of part 一: from the first "（一）" line to the line before the
    paragraph that sums up (“…取得上述成绩…”) or before "二、"."""
    lines = reference.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("（一）"))
    out = []
    for line in lines[start:]:
        if line.strip().startswith("二、") or "取得上述成绩" in line:
            break
        out.append(line)
    return "\n".join(out)


def numeric_clauses(reference: str) -> list[str]:
    """The normalised numeric clauses of the thematic part, in order (headings left out)."""
    clauses = []
    for line in thematic_part(reference).splitlines():
        text = normalise(line)
        if re.match(r"^（[一二三四五六七八九十]+）", text):
            continue
        text = re.sub(r"^\d+\.[^。]*?。", "", text)        # the run-in heading "1.农业经济积极向好。"
        clauses.extend(c for c in _CUT.split(text) if re.search(r"\d", c))
    return clauses


@dataclass(frozen=True)
class Coverage:
    clauses: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def share(self) -> float:
        return 1 - len(self.missing) / len(self.clauses)


def coverage(reference: str, draft: str) -> Coverage:
    text = normalise(draft)
    clauses = numeric_clauses(reference)
    return Coverage(tuple(clauses), tuple(c for c in clauses if c not in text))


def main(argv: list[str]) -> int:
    import tempfile

    from planwatch.services.examples import example_path
    from planwatch.services.plans import load_plan
    from planwatch.services.report import report_document
    from planwatch.store import open_database
    from tests.conftest import REFERENCE_REPORT

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(argv[1] if len(argv) > 1 and argv[0] == "--db" else f"sqlite:///{tmp}/example.sqlite")
        if not (len(argv) > 1 and argv[0] == "--db"):
            load_plan(db, example_path())
        document, _ = report_document(db, region="吴江区", period="2025H1", charts=False)
        db.dispose()
    result = coverage(Path(REFERENCE_REPORT).read_text(encoding="utf-8"), "\n".join(document.paragraphs()))
    print(f"reproduced {len(result.clauses) - len(result.missing)}/{len(result.clauses)} numeric clauses "
          f"({result.share:.1%})")
    for clause in result.missing:
        print("  missing:", clause)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
