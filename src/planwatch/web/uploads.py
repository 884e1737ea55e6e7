"""Bounded uploads: a cap on each request body (checked while it streams in, before multipart
parsing spools it to disk) and on each uploaded file, answered with 413 in Chinese; and
:func:`in_worker`, which runs a blocking service call (an import, a check, a text extraction) in
the thread pool so that the event loop keeps answering other requests meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024        # one file (the same cap ingest/limits.py applies)
MAX_REQUEST_BYTES = 60 * 1024 * 1024     # one request: a few files and the form fields
CHUNK = 1024 * 1024

T = TypeVar("T")


class PayloadTooLarge(InputError):
    status = 413
    code = "too_large"


def _megabytes(n: int) -> int:
    return n // (1024 * 1024)


async def read_upload(file: UploadFile, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, read in chunks; PayloadTooLarge as soon as it passes ``limit``."""
    parts: list[bytes] = []
    size = 0
    while chunk := await file.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"文件“{file.filename or '上传文件'}”超过 {_megabytes(limit)} MB，不予接收")
        parts.append(chunk)
    return b"".join(parts)


async def in_worker(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` in a worker thread (the event loop is not blocked)."""
    return await run_in_threadpool(function, *args, **kwargs)


class BodyLimit:
    """ASGI middleware: refuse a request body larger than ``max_bytes`` with 413, whether it says its
    length (Content-Length) or streams it (chunked)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # an HTTPException: FastAPI lets it through its body parsing (anything else would
                    # become a 400 in English); the app's handler answers 413 with this message
                    raise StarletteHTTPException(413, self._message())
            return message

        await self.app(scope, counting, send)

    def _message(self) -> str:
        return f"请求内容超过 {_megabytes(self.max_bytes)} MB，不予接收"

    async def _refuse(self, send: Send) -> None:
        import json

        body = json.dumps({"error": {"message": self._message(), "code": "too_large", "problems": []}},
                          ensure_ascii=False).encode("utf-8")
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
