"""Byte-identical check for speed work on the extractor: ``save DIR`` writes the JSONL that
``python -m planwatch.extract.facts`` prints (and the ``extract_targets`` lines) for every ``.txt``
under ``tests/data/`` and ``../shared/extraction/dev`` into DIR; ``compare DIR`` recomputes them and
lists every file whose output differs (exit code 1 if any). The texts themselves are never printed.

Run: ``.venv/bin/python benchmarks/extract_snapshot.py save /tmp/extract_before`` before a change,
``.venv/bin/python benchmarks/extract_snapshot.py compare /tmp/extract_before`` after it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests" / "data", ROOT.parent / "shared" / "extraction" / "dev"]


def texts() -> list[Path]:
    return sorted(p for base in SETS for p in base.rglob("*.txt"))


def output(path: Path) -> str:
    from planwatch.extract import extract_facts, extract_targets

    text = path.read_text(encoding="utf-8")
    lines = [json.dumps(f.to_json(), ensure_ascii=False) for f in extract_facts(text)]
    lines.append("--- targets")
    lines += [json.dumps(t.to_json(), ensure_ascii=False) for t in extract_targets(text, region="R", year=2026)]
    return "\n".join(lines) + "\n"


def key(path: Path) -> str:
    return str(path.relative_to(ROOT.parent)).replace("/", "__") + ".jsonl"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print(__doc__)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    paths = texts()
    for path in paths:
        target = out / key(path)
        now = output(path)
        if argv[0] == "save":
            target.write_text(now, encoding="utf-8")
        elif not target.exists() or target.read_text(encoding="utf-8") != now:
            changed.append(path)
    if argv[0] == "save":
        print(f"saved {len(paths)} outputs to {out}")
        return 0
    for path in changed:
        print(f"DIFFERS: {path.relative_to(ROOT.parent)}")
    print(f"{len(paths) - len(changed)}/{len(paths)} identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
