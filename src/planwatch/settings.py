"""Settings in one place: environment variables with the prefix PLANWATCH_, or explicit values.

Nothing is read at import time: the CLI builds Settings in each command, the web app receives
them in ``create_app(settings)``, tests pass their own.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_path() -> Path:
    """The per-user SQLite file: $XDG_DATA_HOME/planwatch/planwatch.sqlite (~/.local/share/…)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "planwatch" / "planwatch.sqlite"


def database_url_from(value: str | None) -> str:
    """Accept a SQLAlchemy URL or a plain file path; ``postgres://`` is normalised to psycopg 3."""
    if not value:
        return f"sqlite:///{default_database_path()}"
    if value.startswith("postgres://"):
        return "postgresql+psycopg://" + value.removeprefix("postgres://")
    if value.startswith("postgresql://"):
        return "postgresql+psycopg://" + value.removeprefix("postgresql://")
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    return value


class Settings(BaseSettings):
    """planwatch settings; each can be set as PLANWATCH_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="PLANWATCH_", extra="ignore")

    database_url: str = Field(default="", description="数据库 URL（sqlite:///… 或 postgresql+psycopg://…）；空则用默认 SQLite 文件")
    about_band: float = Field(default=0.2, description="增速“左右”目标的容差（百分点）：越大越好的 5.5%左右 自 5.3% 起算达标")
    about_band_level: float = Field(default=0.5, description="百分比水平“左右”目标的容差（百分点），如 城镇化率70%左右")
    about_band_relative: float = Field(default=1.0, description="其他水平“左右”目标的容差（目标值的百分之几），如 100万吨左右 ±1%")
    on_schedule_band: float = Field(default=0.0, description="完成率与序时进度之差（按一位小数）在此百分点内算“达序时”")
    in_step_band: float = Field(default=0.5, description="“基本同步”目标：两个增速相差在此百分点内算同步")
    default_region: str = Field(default="", description="网页默认打开的地区（名称或代码）；空则为第一个计划的地区")
    default_period: str = Field(default="", description="网页默认打开的统计期（如 2025H1）；空则为该地区有数据的最近一期")
    cache_entries: int = Field(default=256, ge=1, description="网页缓存的计算结果（地区 × 统计期的页面数据）最多保留多少份，超出时淘汰最久未用的；每份约 1 MB 以内")
    secret_key: str = Field(default="", description="会话签名密钥；服务器部署必须设置")
    host: str = Field(default="127.0.0.1", description="web 服务地址")
    port: int = Field(default=8000, description="web 服务端口")
    anonymous_read: bool = Field(default=False, description="允许未登录的访客查看只读页面和只读数据接口（GET）；默认关闭，须明确开启。数据核对、抽取、填报和修改记录始终需要登录")
    local_mode: bool = Field(default=False, description="本机单用户模式：仅当服务绑定 127.0.0.1 时，无需登录即以本地管理员身份使用（planwatch demo 使用）")

    def model_post_init(self, __context: object) -> None:
        self.database_url = database_url_from(self.database_url)

    @classmethod
    def from_env(cls, *, database: str | None = None) -> Settings:
        settings = cls()
        if database:
            settings.database_url = database_url_from(database)
        return settings
