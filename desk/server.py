"""The desk's web layer (Starlette): it parses requests, calls the session and the jobs, and answers
with the page, JSON or a file. Nothing is decided here that the library decides elsewhere.

Every request that changes the grid carries the version it was made on (see `session`); bad ids and
malformed requests get a 4xx answer with a sentence that says what is wrong, never a traceback.
Requests must come from the page itself: a Host header other than the desk's own address is refused
(a web site cannot reach the desk through a DNS name of its own), and so is a change sent without
JSON or from another origin (a web site cannot post to it from a visitor's browser).
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..reports.formatting import date_span, day_title
from ..reports.templating import template_environment
from . import board, wire
from .jobs import CompareResult, Jobs, ReplanResult, SolveResult, accepted_schedule
from .session import Desk, DeskError, NotFound, Refused

Body = TypeVar("Body", bound=BaseModel)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class OnVersion(Strict):
    version: int = Field(ge=1)


class MoveRequest(OnVersion):
    talk: str
    occurrence: int = Field(ge=1)
    slot: str
    room: str


class SaveRequest(OnVersion):
    path: str = ""


class CompareRequest(OnVersion):
    alternatives: int = 3
    scenarios: list[str] = []


class TakeRequest(OnVersion):
    job: int
    column: int = 0


class ApplyRequest(OnVersion):
    job: int
    accepted: list[int]


def create_app(desk: Desk, jobs: Jobs, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> Starlette:
    """The desk's web application for one served instance."""

    async def page(request: Request) -> Response:
        return HTMLResponse(render_page(desk, jobs))

    async def get_state(request: Request) -> Response:
        return _state(desk, jobs)

    async def get_job(request: Request) -> Response:
        """What the desk's job is doing, and the grid's version: a tab polls this while a search runs."""
        return JSONResponse({"version": desk.current.number, "job": wire.job_state(jobs.current)})

    async def move(request: Request) -> Response:
        body = await _body(request, MoveRequest)
        _, moved = desk.move(body.version, body.talk, body.occurrence, body.slot, body.room)
        return _state(desk, jobs, moved=moved)

    async def undo(request: Request) -> Response:
        desk.undo((await _body(request, OnVersion)).version)
        return _state(desk, jobs)

    async def redo(request: Request) -> Response:
        desk.redo((await _body(request, OnVersion)).version)
        return _state(desk, jobs)

    async def save(request: Request) -> Response:
        body = await _body(request, SaveRequest)
        path, saved = desk.save(body.version, Path(body.path) if body.path.strip() else None)
        broken = len(saved.verdict.violations)
        note = f"; {broken} broken rule{'s' if broken != 1 else ''} still to fix" if broken else ""
        return _state(desk, jobs, message=f"Saved version {saved.number} as {path}{note}.")

    async def solve(request: Request) -> Response:
        await _body(request, OnVersion)
        jobs.solve()
        return _state(desk, jobs)

    async def replan(request: Request) -> Response:
        jobs.replan((await _body(request, OnVersion)).version)
        return _state(desk, jobs)

    async def compare(request: Request) -> Response:
        body = await _body(request, CompareRequest)
        jobs.compare(body.version, body.alternatives, body.scenarios)
        return _state(desk, jobs)

    async def stop(request: Request) -> Response:
        await _body(request, OnVersion)
        jobs.stop()
        return _state(desk, jobs)

    async def take(request: Request) -> Response:
        """Take a solve's grid, or a comparison's column, as the grid on the desk (undo gives it back)."""
        body = await _body(request, TakeRequest)
        job = jobs.taken(body.job)
        result = job.result
        if isinstance(result, SolveResult) and result.schedule is not None:
            label = f"took the solver's grid (cost {result.cost})"
            desk.replace(body.version, result.schedule, label)
        elif isinstance(result, CompareResult):
            if not 0 <= body.column < len(result.columns):
                raise NotFound(f"The comparison has no column {body.column + 1}.")
            column = result.columns[body.column]
            desk.replace(body.version, column.schedule, f"took '{column.name}' from the comparison")
        else:
            raise Refused(f"Job {job.number} ({job.kind}) has no grid to take.")
        return _state(desk, jobs)

    async def apply(request: Request) -> Response:
        """Make the accepted moves of a re-plan, on the version it was made for."""
        body = await _body(request, ApplyRequest)
        result = jobs.taken(body.job).result
        if not isinstance(result, ReplanResult):
            raise Refused(f"Job {body.job} is not a re-plan.")
        if result.based_on != body.version:
            raise DeskError(f"This re-plan was made for version {result.based_on}, not {body.version}.")
        with desk.lock:
            current = desk.require(body.version)
            schedule = accepted_schedule(current.schedule, result.moves, body.accepted)
            count = len(set(body.accepted))
            desk.replace(body.version, schedule, f"re-planned: {count} of {len(result.moves)} moves accepted")
        return _state(desk, jobs)

    async def comparison(request: Request) -> Response:
        job = jobs.current
        if job is None or not isinstance(job.result, CompareResult):
            return HTMLResponse("<p>No comparison yet: ask for one on the desk.</p>", status_code=404)
        return HTMLResponse(job.result.page)

    async def download(request: Request) -> Response:
        name = request.path_params["name"]
        current = desk.current
        version = request.query_params.get("version", "")
        if version != str(current.number):
            raise DeskError(
                f"This link is for version {version or '?'}; the grid is now version {current.number}. "
                "Download again from the desk.",
                version=current.number,
            )
        if current.verdict.violations:
            raise Refused("A grid that breaks a hard rule is not published; fix the rules shown on the cards first.")
        from ..reports.publish import published_files  # here: the workbook's library loads in half a second

        _, files = published_files(desk.instance, current.schedule, handouts=name == "published.zip")
        if name == "published.zip":
            return Response(
                _zipped(files),
                media_type="application/zip",
                headers={"Content-Disposition": f'attachment; filename="{desk.instance_path.stem}-published.zip"'},
            )
        if name not in files:
            raise NotFound(f"No published file is called '{name}'; try {', '.join(sorted(files)[:5])}.")
        data = files[name]
        return Response(
            data, media_type=_media_type(name), headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )

    routes = [
        Route("/", page),
        Route("/api/state", get_state),
        Route("/api/job", get_job),
        Route("/api/move", move, methods=["POST"]),
        Route("/api/undo", undo, methods=["POST"]),
        Route("/api/redo", redo, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]),
        Route("/api/solve", solve, methods=["POST"]),
        Route("/api/replan", replan, methods=["POST"]),
        Route("/api/compare", compare, methods=["POST"]),
        Route("/api/stop", stop, methods=["POST"]),
        Route("/api/take", take, methods=["POST"]),
        Route("/api/apply", apply, methods=["POST"]),
        Route("/compare", comparison),
        Route("/download/{name:path}", download),
        # Links followed: a strict editable install (the README's way to develop) links each file into place.
        Mount("/static", StaticFiles(packages=[("amj_scheduler.desk", "static")], follow_symlink=True), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))],
        exception_handlers={DeskError: _refusal, 404: _not_found, 405: _not_allowed},
    )


async def _body(request: Request, model: type[Body]) -> Body:
    """The request's JSON body as `model`, or a 400 that names the field at fault."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise DeskError("Send the request as JSON (Content-Type: application/json).")
    origin = request.headers.get("origin")
    if origin is not None and origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}":
        raise DeskError(f"Requests from {origin} are refused: only the desk's own page may change the grid.")
    try:
        data = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DeskError("The request body is not JSON.") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, problem['loc'])) or 'body'}: {problem['msg']}" for problem in error.errors()
        )
        raise DeskError(f"Malformed request: {problems}.") from None


def _state(desk: Desk, jobs: Jobs, **extra: object) -> JSONResponse:
    with desk.lock:
        return JSONResponse({**wire.state(desk, desk.current, jobs.current), **extra})


async def _refusal(request: Request, error: Exception) -> Response:
    assert isinstance(error, DeskError)
    return JSONResponse({"error": error.message, **error.details}, status_code=error.status)


async def _not_found(request: Request, error: Exception) -> Response:
    return JSONResponse({"error": f"Nothing is at {request.url.path} on the desk."}, status_code=404)


async def _not_allowed(request: Request, error: Exception) -> Response:
    return JSONResponse({"error": f"{request.method} is not how {request.url.path} is used."}, status_code=405)


def _zipped(files: dict[str, str | bytes]) -> bytes:
    """Every published file in one archive, in a fixed order with fixed dates: the same grid gives
    the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            data = files[name]
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def _media_type(name: str) -> str:
    suffix = Path(name).suffix
    return {
        ".csv": "text/csv; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml",
        ".json": "application/json",
        ".ics": "text/calendar; charset=utf-8",
    }.get(suffix, "application/octet-stream")


@cache
def _environment() -> jinja2.Environment:
    """The reports' environment, with the desk's templates beside theirs (the page shares their CSS)."""
    published = template_environment()
    environment = published.overlay(
        loader=jinja2.ChoiceLoader(
            [jinja2.PackageLoader("amj_scheduler.desk", "templates"), published.loader]  # type: ignore[list-item]
        )
    )
    environment.filters["fixed_text"] = board.fixed_text
    return environment


def render_page(desk: Desk, jobs: Jobs) -> str:
    instance = desk.instance
    with desk.lock:
        current = desk.current
        initial = wire.state(desk, current, jobs.current)
    schedule = current.schedule
    return (
        _environment()
        .get_template("desk.html.j2")
        .render(
            conference=instance.conference,
            dates=date_span(day.date for day in instance.days),
            instance=instance,
            instance_name=desk.instance_path.name,
            on_windows=instance.uses_windows,
            slot_days=[] if instance.uses_windows else board.slot_days(instance, schedule),
            window_days=board.window_days(instance, schedule) if instance.uses_windows else [],
            day_title=day_title,
            scenarios=[path.stem for path in desk.scenarios],
            facts=_facts(desk),
            initial=_script_json(initial),
        )
    )


def _facts(desk: Desk) -> str:
    """What the page needs to turn a drop into a place: the windows' grids, or the slots in order."""
    instance = desk.instance
    facts: dict[str, Any] = {
        "shape": "windows" if instance.uses_windows else "slots",
        "slots": [[slot.id, slot.day.isoformat()] for slot in instance.slots_in_order]
        if not instance.uses_windows
        else [],
        "windows": [
            {
                "id": window.id,
                "day": window.day.isoformat(),
                "start": int(window.start),
                "end": int(window.end),
                "step": window.step,
            }
            for window in instance.breakout_windows
        ],
        "rooms": {room.id: room.name for room in instance.rooms},
    }
    return _script_json(facts)


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '</script>' can end it early."""
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
