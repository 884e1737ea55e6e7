"""Users, roles, passwords (argon2), API tokens (stored as SHA-256), and login rate limiting.

Roles: ``admin`` (everything, including reopening a locked period and managing users), ``reviewer``
(发改委: reads everything, writes any figure, reviews and locks periods), ``reporter`` (writes only
the indicators of its department, submits periods), ``viewer`` (reads only).

A password is never stored, logged or returned: only its argon2 hash is kept. A token is shown once
when created; only its SHA-256 is kept (tokens are 256-bit random, so a slow hash adds nothing).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from planwatch.errors import InputError, NotFound, PermissionDenied, PlanwatchError
from planwatch.store import Database
from planwatch.store import collect as q

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 8
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
TOKEN_PREFIX = "pwt_"


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    REPORTER = "reporter"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return {"admin": "管理员", "reviewer": "审核员（发改委）", "reporter": "部门填报员", "viewer": "只读"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Role:
        words = {"管理员": cls.ADMIN, "审核员": cls.REVIEWER, "填报员": cls.REPORTER, "只读": cls.VIEWER}
        if text in words:
            return words[text]
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InputError(f"未知角色“{text}”（可用：admin、reviewer、reporter、viewer）") from None


class TooManyAttempts(PlanwatchError):
    status = 429
    code = "too_many_attempts"


@dataclass(frozen=True)
class User:
    """Who is acting. ``id`` is None for the built-in local administrator."""

    name: str
    role: Role
    department: str | None = None
    id: int | None = None
    active: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def can_review(self) -> bool:
        return self.role in (Role.ADMIN, Role.REVIEWER)

    @property
    def can_write(self) -> bool:
        return self.role is not Role.VIEWER

    @property
    def write_department(self) -> str | None:
        """The only department whose indicators this user may write (None: any)."""
        return self.department if self.role is Role.REPORTER else None

    def describe(self) -> str:
        dept = f"（{self.department}）" if self.department else ""
        return f"{self.name} · {self.role.label}{dept}"


LOCAL_ADMIN = User(name="本机管理员", role=Role.ADMIN)


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def _user(row: q.UserRow) -> User:
    return User(row.name, Role(row.role), row.department, row.id, row.active)


def add_user(db: Database, name: str, role: str, password: str, *, department: str | None = None,
             actor: User = LOCAL_ADMIN) -> User:
    if not actor.is_admin:
        raise PermissionDenied("只有管理员可以添加用户")
    name = name.strip()
    if not name or len(name) > 100:
        raise InputError("用户名不能为空，且不超过 100 个字符")
    parsed = Role.parse(role)
    if parsed is Role.REPORTER and not department:
        raise InputError("部门填报员必须指定部门（--department）")
    if parsed is not Role.REPORTER and department:
        raise InputError("只有部门填报员（reporter）需要指定部门")
    check_password(password)
    hashed = _hasher().hash(password)
    with db.transaction() as conn:
        if q.find_user(conn, name) is not None:
            raise InputError(f"用户“{name}”已存在")
        user_id = q.insert_user(conn, name=name, role=parsed.value, department=department, password_hash=hashed)
        q.write_audit(conn, user=actor.name, action="insert", subject="users", object_key=name,
                      new={"name": name, "role": parsed.value, "department": department})
    return User(name, parsed, department, user_id)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码至少 {MIN_PASSWORD} 个字符")


def list_users(db: Database) -> list[User]:
    with db.connect() as conn:
        return [_user(r) for r in q.list_users(conn)]


def get_user(db: Database, name: str) -> User:
    with db.connect() as conn:
        row = q.find_user(conn, name)
    if row is None:
        raise NotFound(f"没有用户“{name}”")
    return _user(row)


def set_active(db: Database, name: str, active: bool, *, actor: User = LOCAL_ADMIN) -> User:
    if not actor.is_admin:
        raise PermissionDenied("只有管理员可以停用或启用用户")
    with db.transaction() as conn:
        row = q.find_user(conn, name)
        if row is None:
            raise NotFound(f"没有用户“{name}”")
        q.update_user(conn, row.id, active=active)
        if not active:
            q.revoke_tokens(conn, row.id)
            q.delete_user_sessions(conn, row.id)   # signed-in browsers are signed out now, not at expiry
        q.write_audit(conn, user=actor.name, action="update", subject="users", object_key=name,
                      old={"name": name, "active": row.active}, new={"name": name, "active": active})
    return User(row.name, Role(row.role), row.department, row.id, active)


def set_password(db: Database, name: str, password: str, *, actor: User = LOCAL_ADMIN) -> None:
    if not actor.is_admin and actor.name != name:
        raise PermissionDenied("只能修改自己的密码")
    check_password(password)
    hashed = _hasher().hash(password)
    with db.transaction() as conn:
        row = q.find_user(conn, name)
        if row is None:
            raise NotFound(f"没有用户“{name}”")
        q.update_user(conn, row.id, password_hash=hashed)
        q.delete_user_sessions(conn, row.id)
        q.write_audit(conn, user=actor.name, action="update", subject="users", object_key=name,
                      new={"name": name, "password": "（已更改）"})


def set_role(db: Database, name: str, role: str, *, department: str | None = None,
             actor: User = LOCAL_ADMIN) -> User:
    """A new role (and a reporter's department) for ``name``; audited. Sessions end so that the
    new rights apply at the next login."""
    if not actor.is_admin:
        raise PermissionDenied("只有管理员可以修改角色")
    parsed = Role.parse(role)
    department = (department or "").strip() or None
    if parsed is Role.REPORTER and not department:
        raise InputError("部门填报员必须指定部门")
    if parsed is not Role.REPORTER:
        department = None
    with db.transaction() as conn:
        row = q.find_user(conn, name)
        if row is None:
            raise NotFound(f"没有用户“{name}”")
        if row.name == actor.name and parsed is not Role.ADMIN:
            raise InputError("不能取消自己的管理员角色")
        q.update_user(conn, row.id, role=parsed.value, department=department)
        q.delete_user_sessions(conn, row.id)
        q.write_audit(conn, user=actor.name, action="update", subject="users", object_key=name,
                      old={"name": name, "role": row.role, "department": row.department},
                      new={"name": name, "role": parsed.value, "department": department})
    return User(row.name, parsed, department, row.id, row.active)


def revoke_tokens(db: Database, name: str, *, actor: User = LOCAL_ADMIN) -> int:
    """Revoke every API token of ``name``; audited. The number revoked."""
    if not actor.is_admin and actor.name != name:
        raise PermissionDenied("只能作废自己的令牌")
    with db.transaction() as conn:
        row = q.find_user(conn, name)
        if row is None:
            raise NotFound(f"没有用户“{name}”")
        count = q.revoke_tokens(conn, row.id)
        q.write_audit(conn, user=actor.name, action="update", subject="api_tokens", object_key=name,
                      new={"user": name, "revoked": count})
    return count


def token_counts(db: Database) -> dict[str, int]:
    """User name → number of API tokens in force."""
    with db.connect() as conn:
        by_id = q.active_token_counts(conn)
        return {r.name: by_id.get(r.id, 0) for r in q.list_users(conn)}


def authenticate(db: Database, name: str, password: str, *, client: str | None = None) -> User:
    """The active user with this name and password. Refuses (TooManyAttempts) after
    :data:`MAX_FAILURES` failures within :data:`FAILURE_WINDOW` for the name or the client address."""
    from argon2.exceptions import InvalidHashError, VerificationError

    keys = [f"user:{name}"] + ([f"ip:{client}"] if client else [])
    with db.connect() as conn:
        for key in keys:
            if q.recent_failures(conn, key, FAILURE_WINDOW) >= MAX_FAILURES:
                raise TooManyAttempts("登录失败次数过多，请 15 分钟后再试")
        row = q.find_user(conn, name)
    hasher = _hasher()
    ok = False
    if row is not None:
        try:
            ok = hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:  # spend the same time as for a real user
        try:
            hasher.verify(_DUMMY_HASH(), password)
        except (VerificationError, InvalidHashError):
            pass
    ok = ok and row is not None and row.active
    with db.transaction() as conn:
        for key in keys:
            q.record_login_attempt(conn, key, ok)
    if not ok or row is None:
        raise PermissionDenied("用户名或密码不正确，或账户已停用")
    return _user(row)


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # noqa: N802
    if not _dummy:
        _dummy.append(_hasher().hash(secrets.token_hex(16)))
    return _dummy[0]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(db: Database, name: str, *, label: str | None = None, actor: User = LOCAL_ADMIN) -> str:
    """A new API token for user ``name``; the clear token is returned once and never stored."""
    if not actor.is_admin and actor.name != name:
        raise PermissionDenied("只能为自己创建令牌")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as conn:
        row = q.find_user(conn, name)
        if row is None:
            raise NotFound(f"没有用户“{name}”")
        if not row.active:
            raise InputError(f"用户“{name}”已停用")
        q.insert_token(conn, user_id=row.id, token_hash=_token_hash(token), label=label)
        q.write_audit(conn, user=actor.name, action="insert", subject="api_tokens", object_key=name,
                      new={"user": name, "label": label})
    return token


def user_for_token(db: Database, token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    with db.connect() as conn:
        row = q.user_for_token_hash(conn, _token_hash(token))
    if row is None or not row.active:
        return None
    return _user(row)


SESSION_LIFETIME = timedelta(hours=8)


def start_session(db: Database, user: User, *, lifetime: timedelta = SESSION_LIFETIME) -> str:
    """A new web session for ``user``; the clear session id (for the cookie) is returned, only its
    SHA-256 is stored. It ends at :func:`end_session`, at expiry, or when the user is disabled."""
    if user.id is None:
        raise InputError("本机管理员不使用会话")
    session_id = secrets.token_urlsafe(32)
    with db.transaction() as conn:
        q.insert_session(conn, id_hash=_token_hash(session_id), user_id=user.id, lifetime=lifetime)
    return session_id


def user_for_session(db: Database, session_id: str) -> User | None:
    """The active user of a live session, or None (ended, expired, unknown, or the user disabled)."""
    with db.connect() as conn:
        row = q.user_for_session_hash(conn, _token_hash(session_id))
    return None if row is None or not row.active else _user(row)


def end_session(db: Database, session_id: str) -> None:
    with db.transaction() as conn:
        q.delete_session(conn, _token_hash(session_id))


def user_by_id(db: Database, user_id: int) -> User | None:
    with db.connect() as conn:
        row = q.user_by_id(conn, user_id)
    return None if row is None or not row.active else _user(row)


def resolve_actor(db: Database, name: str | None) -> User:
    """The user a CLI command acts as: ``--as NAME`` or the local administrator."""
    if not name:
        return LOCAL_ADMIN
    user = get_user(db, name)
    if not user.active:
        raise PermissionDenied(f"用户“{name}”已停用")
    return user
