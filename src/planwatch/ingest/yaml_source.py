"""Read YAML keeping what people need in error messages: the line of every value, and numbers
exactly as written (``2836.10`` stays "2836.10", not the float 2836.1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planwatch.errors import InputError, Location, Problem
from planwatch.ingest import safe_yaml

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed data plus the 1-based line of every path in it."""

    file: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: PathKey) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def location(self, path: PathKey) -> Location:
        return Location(file=self.file, line=self.line(path), field=format_path(path) or None)


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _convert(node: yaml.Node, path: PathKey, doc: YamlDocument, problems: list[Problem]) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                problems.append(Problem(f"键“{key}”重复出现",
                                        Location(doc.file, key_node.start_mark.line + 1, format_path(path) or None)))
                continue
            out[key] = _convert(value_node, (*path, key), doc, problems)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    if node.tag in _NUMBER_TAGS:
        return node.value.replace("_", "")
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in ("true", "yes", "on", "y")
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value


def read_yaml(path: Path, *, display: str | None = None) -> YamlDocument:
    """Parse one YAML file; syntax errors become an InputError naming the file and line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}：不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise InputError(f"无法读取 {name}：{exc.strerror or exc}") from None
    try:
        node = safe_yaml.compose(text)      # bounded: size, depth, aliases (see ingest/safe_yaml.py)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{name} 第 {mark.line + 1} 行" if mark is not None else name
        if isinstance(exc, safe_yaml.YamlLimitError):
            raise InputError(f"{where}：{exc.problem}") from None
        raise InputError(f"{where}：YAML 格式错误（{exc.problem}）") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}：YAML 格式错误（{exc}）") from None
    doc = YamlDocument(name, None)
    problems: list[Problem] = []
    doc.data = {} if node is None else _convert(node, (), doc, problems)
    if problems:
        raise InputError(f"{name} 有 {len(problems)} 处错误", problems=problems)
    return doc
