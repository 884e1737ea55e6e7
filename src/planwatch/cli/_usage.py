"""Usage mistakes on the command line, shown the way click shows them but in Chinese, with exit 2.

The pinned typer bundles its own copy of click (``typer._click``): its exceptions do not derive
from the ``click`` package's, so the boundary recognises both. The messages click builds are in
English and carry no translation catalogue; the common ones are put into Chinese here, anything
else is shown as click wrote it.
"""

from __future__ import annotations

import re
import sys
from typing import Any


def _exception_modules() -> list[Any]:
    modules = []
    try:
        from typer._click import exceptions as bundled

        modules.append(bundled)
    except ImportError:  # a typer that uses the click package itself
        pass
    try:
        from click import exceptions as standalone

        modules.append(standalone)
    except ImportError:
        pass
    return modules


def click_exception_kind(exc: BaseException) -> str | None:
    """"usage" for a usage mistake (exit 2), "click" for another click exception, else None."""
    for module in _exception_modules():
        if isinstance(exc, module.UsageError):
            return "usage"
        if isinstance(exc, module.ClickException):
            return "click"
    return None


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^No such command '(.+)'\.$"), "没有命令“{0}”"),
    (re.compile(r"^No such option: (.+)$"), "没有选项 {0}"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "选项 {0} 需要一个值"),
    (re.compile(r"^Option '(.+)' requires (\d+) arguments\.$"), "选项 {0} 需要 {1} 个值"),
    (re.compile(r"^Option '(.+)' does not take a value\.$"), "选项 {0} 不接受值"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$"), "多余的参数：{0}"),
    (re.compile(r"^Missing command\.$"), "缺少子命令"),
    (re.compile(r"^'(.+)' is not a valid integer( range)?\.$"), "“{0}”不是有效的整数"),
    (re.compile(r"^'(.+)' is not a valid float( range)?\.$"), "“{0}”不是有效的数字"),
    (re.compile(r"^'(.+)' is not one of (.+)\.$"), "“{0}”不在可选值 {1} 之中"),
]

_KINDS = {"option": "选项", "argument": "参数", "parameter": "参数"}


def _translate(message: str) -> str:
    for pattern, template in _PATTERNS:
        found = pattern.match(message.strip())
        if found:
            return template.format(*found.groups())
    return message


def _hint(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    if hint is None and getattr(exc, "param", None) is not None:
        hint = exc.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(str(h) for h in hint)
    return str(hint).replace("'", "") if hint else ""


def chinese_message(exc: Any) -> str:
    """The message of a click usage exception in Chinese (by its kind and fields)."""
    name = type(exc).__name__
    if name == "MissingParameter":
        kind = _KINDS.get(str(getattr(exc, "param_type", None) or "parameter"), "参数")
        if getattr(exc, "param", None) is not None and not getattr(exc, "param_type", None):
            kind = _KINDS.get(getattr(exc.param, "param_type_name", "parameter"), "参数")
        hint = _hint(exc)
        return f"缺少{kind} {hint}".rstrip()
    if name == "NoSuchOption":
        text = f"没有选项 {exc.option_name}"
        if getattr(exc, "possibilities", None):
            text += f"（是否想用：{'、'.join(sorted(exc.possibilities))}）"
        return text
    if name == "BadParameter":
        hint = _hint(exc)
        detail = _translate(exc.message)
        return f"{hint} 的值无效：{detail}" if hint else f"取值无效：{detail}"
    return _translate(getattr(exc, "message", str(exc)))


def show_click_exception(exc: Any, *, usage: bool) -> int:
    """Print ``exc`` as click would (usage line, help hint, the error) in Chinese; return the exit code."""
    err = sys.stderr
    if type(exc).__name__ == "NoArgsIsHelpError":
        print(exc.ctx.get_help(), file=err)
        return 2
    ctx = getattr(exc, "ctx", None)
    if usage and ctx is not None:
        print(ctx.get_usage().replace("Usage: ", "用法：", 1), file=err)
        if ctx.command.get_help_option(ctx) is not None:
            print(f"运行“{ctx.command_path} {ctx.help_option_names[0]}”查看帮助。", file=err)
    message = chinese_message(exc) if usage else getattr(exc, "format_message", lambda: str(exc))()
    print(f"错误：{message}", file=err)
    return 2 if usage else int(getattr(exc, "exit_code", 1) or 1)
