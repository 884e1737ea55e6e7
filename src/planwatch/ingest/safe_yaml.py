"""YAML composed with bounds: a 1 kB anchor bomb (aliases of aliases, each doubling the document)
or a deeply nested file must be refused before anything walks it.

PyYAML's SafeLoader already refuses arbitrary tags; :func:`compose` adds three budgets, checked
while composing (before the node graph is converted): the text's size, the nesting depth, and the
size of the document once every alias is expanded (counted with memoisation, so the count itself
is cheap). Ordinary anchors and merge keys (``<<: *defaults``) stay well within them.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_EXPANDED_NODES = 1_000_000


class YamlLimitError(yaml.MarkedYAMLError):
    """A budget was exceeded; ``problem`` says which, in Chinese, and ``problem_mark`` where."""


class _Bounds:
    """The depth and alias budgets, checked by the (Python) composer for every node."""

    _depth = 0
    _aliases = 0

    def compose_node(self: Any, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YamlLimitError(problem=f"别名（*引用）超过 {MAX_ALIASES} 个，不予读取",
                                     problem_mark=self.peek_event().start_mark)
            return yaml.composer.Composer.compose_node(self, parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlLimitError(problem=f"嵌套超过 {MAX_DEPTH} 层，不予读取",
                                     problem_mark=self.peek_event().start_mark)
            return yaml.composer.Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    pass


if yaml.__with_libyaml__:
    _CParser: Any = yaml.cyaml.CParser  # type: ignore[attr-defined]   # (not in the stubs' exports)

    class _FastBoundedLoader(_Bounds, yaml.composer.Composer, _CParser, yaml.constructor.SafeConstructor,
                             yaml.resolver.Resolver):
        """libyaml scans and parses (C, several times faster on a province's plan files); the
        composer stays PyYAML's Python one, so that every node still passes the budgets above."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _Loader: Any = _FastBoundedLoader
else:   # pragma: no cover - PyYAML built without libyaml
    _Loader = _BoundedLoader


def expanded_size(node: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """The number of nodes the document has with every alias expanded (stops counting past ``limit``)."""
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        known = sizes.get(id(n))
        if known is not None:
            return known
        total = 1
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                total += size(key) + size(value)
                if total > limit:
                    break
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                total += size(item)
                if total > limit:
                    break
        sizes[id(n)] = total
        return total

    return size(node)


def _compose_with(loader_class: Any, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def compose(text: str) -> yaml.Node | None:
    """The node graph of ``text`` (a single document), or YamlLimitError / yaml.YAMLError."""
    if len(text) > MAX_YAML_BYTES:
        raise YamlLimitError(problem=f"文件超过 {MAX_YAML_BYTES // (1024 * 1024)} MB，不予读取")
    try:
        node = _compose_with(_Loader, text)
    except yaml.YAMLError:
        # A refusal reads the same whichever parser found it: PyYAML's own words and budgets (libyaml
        # would stop a deep file with its own English message before the composer's budget).
        if _Loader is _BoundedLoader:
            raise
        node = _compose_with(_BoundedLoader, text)
    if node is not None and expanded_size(node) > MAX_EXPANDED_NODES:
        raise YamlLimitError(problem=f"展开别名后超过 {MAX_EXPANDED_NODES} 个节点（疑似“别名炸弹”），不予读取",
                             problem_mark=node.start_mark)
    return node
