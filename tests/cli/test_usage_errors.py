"""Usage mistakes exit 2 with click's message in Chinese (issue 13, finding 4); internal errors
stay exit 1 with the hint to report. Every command of the tree is tried with an unknown option."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli


def _command_paths() -> list[tuple[str, ...]]:
    """Every command and group of ``planwatch``, walked from the Typer app's click command."""
    import typer.main

    from planwatch.cli import app

    root = typer.main.get_command(app)
    out: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        out.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*path, name))

    walk(root, ())
    return out


COMMANDS = _command_paths()


def test_the_walk_finds_the_whole_tree() -> None:
    flat = {" ".join(p) for p in COMMANDS}
    assert {"load", "status", "user add", "period reopen", "token create", "plan draft", "history"} <= flat
    assert len(COMMANDS) > 25


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "planwatch" for p in COMMANDS])
def test_every_command_refuses_an_unknown_option_with_exit_2(path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--no-such-option")
    assert result.exit_code == 2, result.stderr
    assert "没有选项 --no-such-option" in result.stderr
    assert "内部错误" not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("user", "add", "x", "--role", "viewer", "--password", "y"), "没有选项 --password（是否想用：--password-stdin）"),
    (("nosuch",), "没有命令“nosuch”"),
    (("user", "add"), "缺少参数 name"),
    (("period", "reopen", "--period", "2025H1"), "缺少选项 --reason"),
    (("status", "--period"), "选项 --period 需要一个值"),
    (("status", "one", "two"), "多余的参数：one two"),
])
def test_usage_mistakes_say_what_is_wrong_in_chinese(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result.stderr
    assert f"错误：{message}" in result.stderr
    assert "内部错误" not in result.stderr


def test_usage_line_and_help_hint_are_shown() -> None:
    result = run_cli("period", "reopen", "--period", "2025H1")
    assert "用法：planwatch period reopen [OPTIONS]" in result.stderr
    assert "运行“planwatch period reopen --help”查看帮助。" in result.stderr


def test_no_arguments_show_the_help_with_exit_2() -> None:
    result = run_cli("user")
    assert result.exit_code == 2
    assert "用户管理" in result.stderr


def test_an_internal_error_stays_exit_1_with_the_hint_to_report(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Any) -> None:
    import planwatch.services.users as users

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(users, "list_users", broken)
    monkeypatch.delenv("PLANWATCH_DEBUG", raising=False)
    result = run_cli("user", "list", "--db", str(tmp_path / "x.sqlite"))
    assert result.exit_code == 1
    assert "内部错误（请报告此问题）：RuntimeError: boom" in result.stderr
