"""The optional compiled build of the extractor's hot stages (mypyc, ``scripts/build-native``).

``scripts/setup`` compiles ``MODULES`` with mypyc (it ships with mypy, in the dev lock) into
``native_dir()`` beside the virtual environment, with a ``STAMP``: a digest of the sources the build was
checked against (``planwatch.extract``, ``planwatch.model``) and of the Python version. ``enable`` puts
the compiled modules first on ``planwatch.extract``'s package path only when that stamp equals the digest
of the sources now on disk, so an edited source is never shadowed by a stale build: the pure-Python
modules run until the build is redone. ``PLANWATCH_PURE=1`` keeps the pure-Python modules. Both give
the same output (``tests/extract/test_native.py``); the build only makes them faster."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

#: the stages run per sentence and per number, and the patterns and word lists they read (planwatch.extract.<name>)
MODULES = ("_lexicon", "context", "document", "mentions", "names", "numbers", "roles", "sentences", "statuses", "tables")

#: whether the compiled modules are in use in this process (set by ``enable``)
ACTIVE = False


def native_dir() -> Path:
    """Where the compiled build goes: one per environment (and so per interpreter)."""
    return Path(sys.prefix) / "planwatch-native"


def source_stamp() -> str:
    """A digest of every source the compiled modules are checked against, and of the Python version."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(sys.version.encode())
    for package in ("extract", "model"):
        for path in sorted((root / package).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def usable(base: Path) -> bool:
    """Whether the build in ``base`` is of exactly the sources on disk (its ``STAMP``) and not refused by
    ``PLANWATCH_PURE``."""
    if os.environ.get("PLANWATCH_PURE", "") not in ("", "0"):
        return False
    try:
        stamp = (base / "STAMP").read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return stamp == source_stamp()


def enable(package_path: list[str]) -> bool:
    """Put the compiled modules first on ``package_path`` (``planwatch.extract.__path__``) when they were
    built from exactly the sources on disk; otherwise leave the pure-Python modules."""
    global ACTIVE
    base = native_dir()
    if not usable(base):
        return False
    package_path.insert(0, str(base / "planwatch" / "extract"))
    if str(base) not in sys.path:
        sys.path.append(str(base))      # the build's shared runtime library is a top-level module
    ACTIVE = True
    return True
