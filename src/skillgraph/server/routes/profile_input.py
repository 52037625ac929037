"""Reading the profile an HR route's request carries, and the 415 or 422 answer when it is unusable or a parameter is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ...errors import DataError, UnknownIdentifier
from ...gaps.model import GapModel
from ...gaps.profiles import MatchReport, Profile, profile_from_text

__all__ = ["answer", "invalid_parameter"]

_SOURCE = Path("<request body>")


class _Refused(Exception):
    def __init__(self, response: JSONResponse) -> None:
        self.response = response


def _model(request: Request) -> GapModel:
    """The gap model of the release in service (cached by the store holder)."""
    return request.app.state.holder.model()  # type: ignore[no-any-return]


async def _profile(request: Request, model: GapModel, threshold: float) -> tuple[Profile, MatchReport]:
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    charset = next(
        (p.split("=", 1)[1].strip().strip('"') for p in content_type.split(";")[1:] if p.strip().lower().startswith("charset=")),
        None,
    )
    if media in {"text/csv", "application/csv", "text/plain"}:
        fmt: str | None = "csv"
    elif media == "application/json" or media.endswith("+json"):
        fmt = "json"
    elif media == "":
        fmt = None
    else:
        raise _Refused(
            JSONResponse(
                {"error": "unsupported_media_type", "message": f"send the profile as application/json or text/csv, not {media}"},
                status_code=415,
            )
        )
    data: bytes | str = body
    if charset:
        try:
            data = body.decode(charset)
        except (LookupError, UnicodeDecodeError) as exc:
            raise _Refused(JSONResponse({"error": "invalid_profile", "message": f"cannot decode the body as {charset}: {exc}"}, 422)) from exc
    try:
        return await run_in_threadpool(profile_from_text, model, data, fmt, _SOURCE, threshold)
    except DataError as exc:
        raise _Refused(_invalid_profile(exc)) from exc


def _invalid_profile(exc: DataError) -> JSONResponse:
    problems = [{"line": p.line, "record": p.record, "field": p.field, "message": p.message} for p in exc.problems]
    return JSONResponse({"error": "invalid_profile", "message": str(exc), "problems": problems}, status_code=422)


_PARAMETER = {"job family": "family", "phase": "phase", "person": "person"}


def invalid_parameter(parameter: str, message: str) -> JSONResponse:
    """The 422 answer to a bad query parameter."""
    return JSONResponse({"error": "invalid_parameter", "parameter": parameter, "message": message}, status_code=422)


async def answer(request: Request, threshold: float, compute: Any) -> Any:
    """``compute(model, profile, report)`` on the request's profile, or the answer refusing the request."""
    try:
        model = _model(request)
        profile, report = await _profile(request, model, threshold)
        return await run_in_threadpool(compute, model, profile, report)
    except _Refused as refused:
        return refused.response
    except UnknownIdentifier as exc:
        return invalid_parameter(_PARAMETER.get(exc.kind, exc.kind), str(exc))
