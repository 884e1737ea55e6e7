"""``planwatch extract`` over many files with ``--jobs``: the same output as one file at a time, in the
order of the files, written as each file is read (streamed, not collected first)."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SENTENCES = ("全区地区生产总值{n}.1亿元，增长5.{n}%。", "规上工业增加值增长6.{n}%，占年度计划的5{n}%。",
             "新开工重点项目{n}个，完成投资{n}.5亿元。", "社会消费品零售总额下降2.{n}%；城镇新增就业{n}20人。")


def _write_folder(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = folder / f"{i // 10:02d}" / f"r{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SENTENCES[i % 4].format(n=i % 10) + "\n" + SENTENCES[(i + 1) % 4].format(n=(i + 3) % 10),
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_a_folder_of_many_files_on_two_jobs_gives_each_files_output_in_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = _write_folder(tmp_path / "报告", 60)
    expected = []
    for path in paths:                                  # one by one, each on its own
        alone = cli("extract", str(path), "--jobs", "1")
        assert alone.exit_code == 0, alone.stderr
        expected += [json.dumps({"file": str(path), **json.loads(line)}, ensure_ascii=False)
                     for line in alone.stdout.splitlines()]
    folded = cli("extract", str(tmp_path / "报告"), "--jobs", "2")
    assert folded.exit_code == 0, folded.stderr
    assert folded.stdout.splitlines() == expected
    assert len(expected) >= 120 and "60/60" in folded.stderr      # a progress bar on stderr
    as_csv = cli("extract", str(tmp_path / "报告"), "--jobs", "2", "--format", "csv")
    files = [line.split(",", 1)[0] for line in as_csv.stdout.splitlines()[1:]]
    assert list(dict.fromkeys(files)) == [str(p) for p in paths]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_output_of_the_first_files_is_written_before_a_later_file_can_be_read(tmp_path: Path) -> None:
    """The last file is a named pipe nobody writes yet: the facts of the files before it must already be
    on stdout (the command streams); then the pipe gets its text and the command ends normally."""
    paths = _write_folder(tmp_path, 8)
    pipe = tmp_path / "zz_last.txt"
    os.mkfifo(pipe)
    exe = Path(sys.executable).parent / "planwatch"
    proc = subprocess.Popen([str(exe), "extract", *map(str, paths), str(pipe), "--jobs", "2"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        seen = b""
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            while str(paths[-1]).encode() not in seen:
                assert sel.select(timeout=60), f"no streamed output within 60 s: {seen!r}"
                chunk = os.read(proc.stdout.fileno(), 65536)
                assert chunk, proc.stderr.read() if proc.stderr else ""
                seen += chunk
        assert proc.poll() is None                      # still waiting for the pipe
        with open(pipe, "w", encoding="utf-8") as w:
            w.write("固定资产投资增长9.7%。")
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()
    rows = [json.loads(line) for line in (seen + rest).decode().splitlines()]
    assert [Path(r["file"]).name for r in rows][-1] == "zz_last.txt" and rows[-1]["growth"]["number"] == 9.7
    assert list(dict.fromkeys(r["file"] for r in rows)) == [*map(str, paths), str(pipe)]


def test_a_file_that_cannot_be_read_stops_the_stream_after_the_files_before_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = _write_folder(tmp_path / "报告", 12)
    paths[6].write_bytes(bytes(range(256)) * 4)                 # not text in any encoding
    result = cli("extract", str(tmp_path / "报告"), "--jobs", "2")
    assert result.exit_code == 2 and paths[6].name in result.stderr and "Traceback" not in result.stderr
    files = list(dict.fromkeys(json.loads(line)["file"] for line in result.stdout.splitlines()))
    assert files == [str(p) for p in paths[:6]]
