"""Collecting figures: ``form``, ``import``, ``export-csv``, ``period``, ``history``, ``user``, ``token``,
``export`` and ``restore``.

The CLI is run by someone with direct access to the database, so it acts as the local administrator
unless ``--as USER`` names a user, whose role and department then apply (and are recorded).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from planwatch.cli._app import DbOption, PeriodOption, RegionOption, app, console, open_db
from planwatch.cli._progress import ProgressOption, progress_bar

AsOption = Annotated[str | None, typer.Option("--as", help="以该用户的身份和权限操作（默认：本机管理员）。")]

period_app = typer.Typer(help="统计期流程：填报中 → 已提交 → 已审核 → 已锁定。", no_args_is_help=True)
user_app = typer.Typer(help="用户管理：添加、列出、停用。", no_args_is_help=True)
token_app = typer.Typer(help="API 令牌（供脚本调用 /api/v1）。", no_args_is_help=True)
app.add_typer(period_app, name="period")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


@app.command()
def form(
    department: Annotated[str, typer.Option("--department", "-d", help="填报部门，如 统计局。")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx 文件。")],
    region: RegionOption = None,
    period: Annotated[str, typer.Option("--period", "-p", help="统计期，如 2025H1。")] = "",
    db: DbOption = None,
) -> None:
    """生成一个部门的 Excel 填报表（本部门指标、单位、目标、上期和上年同期值，待填单元格）。

    示例：planwatch form --region 吴江区 --period 2025H1 --department 统计局 -o 统计局.xlsx
    """
    from planwatch.errors import InputError
    from planwatch.services.collect import make_form

    if not period:
        raise InputError("请用 --period 指定统计期，如 2025H1")
    if output.suffix.lower() != ".xlsx":
        raise InputError(f"输出文件应以 .xlsx 结尾：{output}")
    spec = make_form(open_db(db), output, region=region, period=period, department=department)
    console().print(f"已生成 {output}：{spec.region_name}{spec.period_label} {spec.department} 共 {len(spec.rows)} 项指标。")


@app.command("import")
def import_(
    files: Annotated[list[Path], typer.Argument(help="填报表（.xlsx）或 CSV 文件，可多个。", show_default=False)],
    accept_warnings: Annotated[bool, typer.Option("--accept-warnings", help="确认接受警告并写入。")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只校验，不写入。")] = False,
    as_user: AsOption = None,
    db: DbOption = None,
    progress: ProgressOption = None,
) -> None:
    """导入填报表或 CSV：全部校验通过才写入（一个事务），每处问题列出文件、工作表和单元格。

    示例：planwatch import 统计局.xlsx 商务局.xlsx --as 张三
    """
    from planwatch.services.collect import import_files
    from planwatch.services.users import resolve_actor

    database = open_db(db)
    actor = resolve_actor(database, as_user)
    with progress_bar("写入数据", progress) as report:
        result = import_files(database, files, actor=actor, accept_warnings=accept_warnings, dry_run=dry_run,
                              progress=report)
    out = console()
    for warning in result.warnings:
        out.print(f"[yellow]已确认的警告：[/]{warning}")
    if not result.written:
        out.print(f"校验通过：{len(result.observations)} 条数据（--dry-run：未写入）。")
        return
    out.print(f"导入完成（{actor.name}）：新增 {result.inserted} 条，更新 {result.updated} 条，未变 {result.unchanged} 条。")
    for m in result.materials:
        if m.inserted or m.updated or m.withdrawn:
            out.print(f"部门材料：新提交 {len(m.inserted)} 段，修改 {len(m.updated)} 段，撤回 {len(m.withdrawn)} 段"
                      "（待审核，审核通过后写入报告）。")


@app.command("export-csv")
def export_csv(
    region: RegionOption = None,
    period: PeriodOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（默认打印）。")] = None,
    headers: Annotated[str, typer.Option("--headers", help="表头语言：zh（中文，默认）或 en（indicator,region,…）；导入两种都认。")] = "zh",
    encoding: Annotated[str, typer.Option("--encoding", help="编码：utf-8-sig（带 BOM，Excel 直接打开，默认）、utf-8、gb18030。")] = "utf-8-sig",
    db: DbOption = None,
) -> None:
    """以长表 CSV 导出观测值（指标、地区、统计期、本期数值、单位、同比增长、备注、来源、数据性质、定性情况）。"""
    import sys

    from planwatch.errors import InputError
    from planwatch.services.collect import export_csv as export

    if headers not in ("zh", "en"):
        raise InputError(f"不支持的表头语言“{headers}”（可用：zh、en）")
    if encoding not in ("utf-8-sig", "utf-8", "gb18030"):
        raise InputError(f"不支持的编码“{encoding}”（可用：utf-8-sig、utf-8、gb18030）")
    text = export(open_db(db), region=region, period=period, headers=headers)
    data = text.encode(encoding)
    if output is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:      # a text stream (captured output): the same characters, BOM included
            sys.stdout.write(("\ufeff" if encoding == "utf-8-sig" else "") + text)
        else:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
    else:
        output.write_bytes(data)
        console().print(f"已导出到 {output}")


# ---------------------------------------------------------------------------- workflow
def _transition(action: str, region: str | None, period: str, reason: str | None, as_user: str | None,
                db: str | None) -> None:
    from planwatch.services.users import resolve_actor
    from planwatch.services.workflow import transition

    database = open_db(db)
    state = transition(database, action, region=region, period=period, actor=resolve_actor(database, as_user),
                       reason=reason)
    console().print(f"{state.region_name}{state.period.label}：{state.state.value}")


PeriodRequired = Annotated[str, typer.Option("--period", "-p", help="统计期，如 2025H1。")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="理由（重新开放时必填）。")]


@period_app.command("show")
def period_show(period: PeriodRequired, region: RegionOption = None, db: DbOption = None) -> None:
    """显示统计期当前状态。"""
    from planwatch.services.workflow import get_state

    state = get_state(open_db(db), region=region, period=period)
    extra = f"（{state.updated_by}，{state.updated_at:%Y-%m-%d %H:%M}）" if state.updated_at else ""
    console().print(f"{state.region_name}{state.period.label}：{state.state.value}{extra}")


@period_app.command("submit")
def period_submit(period: PeriodRequired, region: RegionOption = None, reason: ReasonOption = None,
                  as_user: AsOption = None, db: DbOption = None) -> None:
    """提交：填报中 → 已提交。"""
    _transition("submit", region, period, reason, as_user, db)


@period_app.command("review")
def period_review(period: PeriodRequired, region: RegionOption = None, reason: ReasonOption = None,
                  as_user: AsOption = None, db: DbOption = None) -> None:
    """审核通过：已提交 → 已审核（审核员、管理员）。"""
    _transition("review", region, period, reason, as_user, db)


@period_app.command("lock")
def period_lock(period: PeriodRequired, region: RegionOption = None, reason: ReasonOption = None,
                as_user: AsOption = None, db: DbOption = None) -> None:
    """锁定：已审核 → 已锁定，之后数据不能修改。"""
    _transition("lock", region, period, reason, as_user, db)


@period_app.command("reopen")
def period_reopen(period: PeriodRequired, reason: Annotated[str, typer.Option("--reason", help="重新开放的理由。")],
                  region: RegionOption = None, as_user: AsOption = None, db: DbOption = None) -> None:
    """重新开放（退回填报中）；已锁定的只有管理员可以重新开放，必须说明理由。"""
    _transition("reopen", region, period, reason, as_user, db)


# ---------------------------------------------------------------------------- history
@app.command()
def history(
    target: Annotated[str | None, typer.Argument(
        help="指标代码或名称（其数据、定义和目标），或项目、任务代码、用户名；省略则显示全部。", show_default=False)] = None,
    user: Annotated[str | None, typer.Option("--user", "-u", help="只看此用户所做的修改。")] = None,
    region: RegionOption = None,
    period: PeriodOption = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help=(
        "只看一类对象：observations（数据）、indicators、targets、projects、tasks、period_states（流程）、"
        "dataset_states（部门数据流程）、materials（部门材料）、users、api_tokens 等。"))] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="最多显示最近的多少条。", min=1)] = 500,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：table 或 json。")] = "table",
    db: DbOption = None,
) -> None:
    """显示修改记录：谁、何时、改了什么（旧值 → 新值）、来源——数据、指标、目标、项目、任务、统计期流程、部门数据流程、部门材料、用户和令牌。

    示例：planwatch history 地区生产总值 --period 2025H1；planwatch history --user 统计小李；planwatch history --kind users
    """
    from planwatch.errors import InputError
    from planwatch.services.history import audit_trail

    if fmt not in ("table", "json"):
        raise InputError(f"不支持的格式“{fmt}”（可用：table、json）")
    entries = audit_trail(open_db(db), target=target, user=user, region=region, period=period, kind=kind,
                          limit=limit)
    if fmt == "json":
        typer.echo(json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=2, default=str))
        return
    from rich.table import Table

    out = console()
    grid = Table(title=f"{target or '全部'}修改记录", header_style="bold")
    for column in ("时间", "用户", "操作", "对象", "地区", "统计期", "变化", "来源或理由"):
        grid.add_column(column)
    for e in entries:
        grid.add_row(f"{e.at:%Y-%m-%d %H:%M:%S}", e.user or "", e.action_label, f"{e.kind_label} {e.object}",
                     e.region or "", e.period or "", _summary(e), e.source or e.reason or "")
    out.print(grid)
    if not entries:
        out.print("（没有符合条件的修改记录）")


_FIGURE_FIELDS = ("value", "growth", "status", "note", "unit", "estimate")


def _summary(entry: Any) -> str:
    """What changed, in one cell: old → new of the fields that differ (a few at most)."""
    changed = entry.changed_fields()
    if entry.kind == "observations":
        changed = [c for c in changed if c[0] in _FIGURE_FIELDS]
    elif entry.action == "insert":
        name = (entry.new or {}).get("name") or (entry.new or {}).get("title")
        return f"新增{f'“{name}”' if name else ''}"
    shown = "；".join(f"{k}: {_show(a)} → {_show(b)}" for k, a, b in changed[:4])
    return shown + (f"；等 {len(changed)} 项" if len(changed) > 4 else "")


def _show(value: Any) -> str:
    return "—" if value is None else str(value)


# ---------------------------------------------------------------------------- users and tokens
def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("密码", hide_input=True, confirmation_prompt="再输入一次")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="用户名。", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="角色：admin、reviewer、reporter、viewer。")],
    department: Annotated[str | None, typer.Option("--department", "-d", help="填报员所属部门。")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码（一行）。")] = False,
    db: DbOption = None,
) -> None:
    """添加用户（密码从提示输入或 --password-stdin 读取，只保存 argon2 散列）。"""
    from planwatch.services.users import add_user

    database = open_db(db)
    user = add_user(database, name, role, _read_password(password_stdin), department=department)
    console().print(f"已添加用户 {user.describe()}")


@user_app.command("list")
def user_list(db: DbOption = None) -> None:
    """列出用户。"""
    from rich.table import Table

    from planwatch.services.users import list_users

    grid = Table(header_style="bold")
    for column in ("用户", "角色", "部门", "状态"):
        grid.add_column(column)
    for user in list_users(open_db(db)):
        grid.add_row(user.name, user.role.label, user.department or "", "启用" if user.active else "已停用")
    console().print(grid)


@user_app.command("disable")
def user_disable(name: Annotated[str, typer.Argument(help="用户名。", show_default=False)], db: DbOption = None) -> None:
    """停用用户（同时作废其 API 令牌）。"""
    from planwatch.services.users import set_active

    set_active(open_db(db), name, False)
    console().print(f"已停用用户 {name}")


@user_app.command("enable")
def user_enable(name: Annotated[str, typer.Argument(help="用户名。", show_default=False)], db: DbOption = None) -> None:
    """重新启用用户。"""
    from planwatch.services.users import set_active

    set_active(open_db(db), name, True)
    console().print(f"已启用用户 {name}")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="用户名。", show_default=False)],
    label: Annotated[str | None, typer.Option("--label", help="令牌用途说明。")] = None,
    db: DbOption = None,
) -> None:
    """为用户创建 API 令牌；令牌只显示这一次，请妥善保存（用法：Authorization: Bearer 令牌）。"""
    from planwatch.services.users import create_token

    token = create_token(open_db(db), name, label=label)
    typer.echo(token)


# ---------------------------------------------------------------------------- backup
@app.command("export")
def export_db(
    file: Annotated[Path, typer.Argument(help="备份文件（.zip）。", show_default=False)],
    db: DbOption = None,
) -> None:
    """把整个数据库导出为一个可移植的备份文件（zip：每表一个 JSON 与清单）。"""
    from planwatch.services.backup import export_database

    info = export_database(open_db(db), file)
    console().print(f"已导出 {info.total} 行到 {info.path}（结构版本 {info.revision}）")


@app.command("restore")
def restore_db(
    file: Annotated[Path, typer.Argument(help="备份文件（.zip）。", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="目标数据库非空时覆盖其全部数据。")] = False,
    db: DbOption = None,
) -> None:
    """从备份文件恢复整个数据库（一个事务；目标非空时需 --force）。"""
    from planwatch.services.backup import restore_database

    info = restore_database(open_db(db), file, force=force)
    console().print(f"已恢复 {info.total} 行（结构版本 {info.revision}）")
