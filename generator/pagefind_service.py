"""A synchronous client for Pagefind's indexing service (`pagefind --service`), the protocol its
Python and Node APIs speak: base64-encoded JSON messages, each followed by a comma.

The `pagefind` package's own client sleeps 0.1 s before reading each answer, so adding a record
costs 0.1 s: 40 s for the few hundred agreements of five documents, hours at national scale. This
client writes a request and reads its answer at once."""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterable
from types import TracebackType
from typing import IO, Any

from pagefind.service import get_executable


class ServiceError(Exception):
    """The service refused a request or stopped."""


class Service:
    """One running `pagefind --service` with one index, used as a context manager."""

    def __init__(self, config: dict[str, Any]) -> None:
        executable = get_executable()
        if executable is None:
            raise ServiceError("het programma pagefind is niet gevonden")
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)
        self._process = subprocess.Popen(
            [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log
        )
        self._buffer = b""
        self._last = 0
        self._index: int = self.send({"type": "NewIndex", "config": config})["index_id"]

    def __enter__(self) -> Service:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        """End of input tells the service to stop; it may still be writing files after answering
        WriteFiles, so wait for it rather than end it."""
        assert self._process.stdin is not None
        try:
            self._process.stdin.close()
            self._process.wait(timeout=120)
        except (BrokenPipeError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            self._log.close()

    def send(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request to the index and wait for its answer."""
        self._write(payload)
        return self._answer(self._last)

    def send_many(self, payloads: Iterable[dict[str, Any]], ahead: int = 256) -> None:
        """Send requests without waiting for each answer: up to `ahead` are in flight, so the
        service works while this side writes. The service answers in order; a refusal stops."""
        waiting: deque[int] = deque()
        for payload in payloads:
            self._write(payload)
            waiting.append(self._last)
            if len(waiting) >= ahead:
                self._answer(waiting.popleft())
        while waiting:
            self._answer(waiting.popleft())

    def _write(self, payload: dict[str, Any]) -> None:
        self._last += 1
        if payload["type"] != "NewIndex":
            payload = {**payload, "index_id": self._index}
        message = json.dumps({"message_id": self._last, "payload": payload}, ensure_ascii=False).encode()
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
        except BrokenPipeError as error:
            raise ServiceError(self._stopped()) from error

    def _answer(self, message_id: int) -> dict[str, Any]:
        """The answer to `message_id`. Requests are sent when an answer is awaited, not one by one:
        a national index sends 134,000 records."""
        assert self._process.stdin is not None
        try:
            self._process.stdin.flush()
        except BrokenPipeError as error:
            raise ServiceError(self._stopped()) from error
        while True:
            answer = self._read()
            if answer is not None and answer.get("message_id") in (message_id, None):
                break
        result: dict[str, Any] = answer["payload"]
        if result.get("type") == "Error":
            raise ServiceError(str(result.get("message")))
        return result

    def _read(self) -> dict[str, Any] | None:
        """One answer. GetFiles answers with the whole index in one message (over 100 MB for the
        whole country): look for the end in each new chunk only and join once, or reading it
        takes time that grows with the square of its size."""
        assert self._process.stdout is not None
        parts = [self._buffer]
        while b"," not in parts[-1]:
            chunk = self._process.stdout.read1(1 << 20)
            if not chunk:
                raise ServiceError(self._stopped())
            parts.append(chunk)
        message, self._buffer = b"".join(parts).split(b",", 1)
        answer: dict[str, Any] | None = json.loads(base64.b64decode(message))
        return answer

    def _stopped(self) -> str:
        self._log.seek(0)
        return f"de dienst is gestopt: {self._log.read().decode(errors='replace').strip()}"
