"""Build NAME.txt + NAME.gold.jsonl from NAME.src, where mentions are marked inline.

Markup: [[TEXT|role|unit|indicator]] (indicator may be A;B: one gold line each, same span) or [[TEXT|role|unit|indicator|number]] (number overrides the
parsed TEXT, e.g. -18.1 for 下降18.1%). role=status has no unit. A trailing ``|opt`` marks it optional.
Run: python tests/data/texts/mkgold.py tests/data/texts/*.src
"""

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

from planwatch.model.numerals import chinese_to_decimal

MARK = re.compile(r"\[\[(.+?)\]\]")


def build(src: Path) -> None:
    raw = src.read_text(encoding="utf-8")
    out, gold, pos = [], [], 0
    length = 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        length += m.start() - pos
        fields = m.group(1).split("|")
        optional = fields[-1] == "opt"
        if optional:
            fields = fields[:-1]
        text, role, unit, indicator = fields[:4]
        start = length
        out.append(text)
        length += len(text)
        row = {"start": start, "end": length, "text": text, "role": role}
        if role != "status":
            if len(fields) > 4:
                number = Decimal(fields[4])
            else:
                number = Decimal(text) if text[0].isdigit() else chinese_to_decimal(text)
            row["number"] = float(number)
            row["unit"] = unit
        for name in indicator.split(";"):
            one = dict(row, indicator=name)
            if optional:
                one["optional"] = True
            gold.append(one)
        pos = m.end()
    out.append(raw[pos:])
    src.with_suffix(".txt").write_text("".join(out), encoding="utf-8")
    with src.with_suffix(".gold.jsonl").open("w", encoding="utf-8") as fh:
        for row in gold:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        build(Path(arg))
