"""Pages of classroom drills: the trainer starts a class and follows it; trainees join, answer, see the
reveal. Forms are plain HTML posts (urlencoded), parsed here without extra dependencies."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..drill import BadAnswer, DrillError
from ..drill.results import dumps
from .classroom import ClassError, Classroom
from .service import MAX_BODY, ApiError

MAX_ITEMS_WEB = 30


async def _form(request: Request) -> dict[str, list[str]]:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise ApiError(413, "form too large")
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)


def _one(form: dict[str, list[str]], key: str, default: str = "") -> str:
    return (form.get(key) or [default])[0]


def _int(value: str, what: str, default: int | None = None, low: int = 1, high: int = 10**9) -> int | None:
    value = value.strip()
    if not value:
        return default
    try:
        n = int(value)
    except ValueError:
        raise ClassError(f"{what} must be a whole number, got {value!r}") from None
    if not low <= n <= high:
        raise ClassError(f"{what} must be between {low} and {high}")
    return n


def drill_router(classroom: Classroom, page: Any) -> APIRouter:
    r = APIRouter()

    def trainee_url(sid: str, token: str, n: int, reveal: bool = False) -> str:
        return f"/drill/s/{sid}/t/{token}/{n}" + ("/reveal" if reveal else "")

    @r.get("/drill", response_class=HTMLResponse)
    def drill_home(request: Request, lang: str = "en", code: str = "", error: str = "") -> HTMLResponse:
        from ..loader.scenario import scenario_files

        ids = [p.stem for p in scenario_files(classroom.scenarios)]
        return page(request, "drill_home.html", lang, scenario_ids=ids, code=code, error=error, max_items=MAX_ITEMS_WEB)

    @r.post("/drill/new")
    async def drill_new(request: Request) -> Response:
        form = await _form(request)
        lang = _one(form, "lang", "en")
        try:
            n = _int(_one(form, "n"), "the number of items", 5, 1, MAX_ITEMS_WEB)
            seed = _int(_one(form, "seed"), "the seed", None, 0, 10**9)
            chosen = [s for s in form.get("scenario", []) if s]
            session = await run_in_threadpool(
                classroom.create, n=n or 5, seed=seed, lang=lang, scenario_ids=chosen or None
            )
        except (ClassError, DrillError) as e:
            return drill_home(request, lang, error=f"{e}" + (f" ({e.hint})" if e.hint else ""))
        return RedirectResponse(f"/drill/class/{session.id}?lang={lang}", status_code=303)

    @r.get("/drill/class/{sid}", response_class=HTMLResponse)
    def class_view(request: Request, sid: str, lang: str | None = None) -> HTMLResponse:
        session = classroom.session(sid)
        join = str(request.url_for("drill_home").include_query_params(code=session.code, lang=session.lang))
        return page(
            request,
            "drill_class.html",
            lang or session.lang,
            session=session,
            progress=session.progress(),
            report=session.report(),
            join_url=join,
        )

    @r.get("/drill/class/{sid}/fragment", response_class=HTMLResponse)
    def class_fragment(request: Request, sid: str, lang: str | None = None) -> HTMLResponse:
        session = classroom.session(sid)
        return page(
            request, "drill_progress.html", lang or session.lang, progress=session.progress(), report=session.report()
        )

    @r.get("/drill/class/{sid}/progress")
    def class_progress(sid: str) -> JSONResponse:
        session = classroom.session(sid)
        return JSONResponse({**session.progress(), "report": session.report()["total"]})

    @r.get("/drill/class/{sid}/results.jsonl")
    def class_results(sid: str) -> Response:
        session = classroom.session(sid)
        body = "".join(dumps(rec) + "\n" for rec in session.records())
        return Response(
            body,
            media_type="application/x-ndjson",
            headers={"Content-Disposition": f'attachment; filename="drill-{sid}.jsonl"'},
        )

    @r.get("/drill/class/{sid}/report.json")
    def class_report(sid: str) -> JSONResponse:
        return JSONResponse(json.loads(json.dumps(classroom.session(sid).report(), default=str)))

    @r.post("/drill/join")
    async def drill_join(request: Request) -> Response:
        form = await _form(request)
        lang = _one(form, "lang", "en")
        code = _one(form, "code")
        try:
            session, trainee = classroom.join(code, _one(form, "name"))
        except ClassError as e:
            return drill_home(request, lang, code=code, error=str(e))
        return RedirectResponse(trainee_url(session.id, trainee.token, trainee.next_item), status_code=303)

    @r.get("/drill/s/{sid}/t/{token}/{n}", response_class=HTMLResponse)
    def item_page(request: Request, sid: str, token: str, n: int, error: str = "") -> Response:
        session = classroom.session(sid)
        trainee = session.trainee(token)
        if n in trainee.answers:
            return RedirectResponse(trainee_url(sid, token, n, reveal=True), status_code=303)
        if n > len(session.drill):
            return page(request, "drill_done.html", session.lang, session=session, trainee=trainee)
        view = classroom.show(session, trainee, n)
        return page(
            request,
            "drill_item.html",
            session.lang,
            session=session,
            trainee=trainee,
            view=view,
            n=n,
            error=error,
            marking_rule=session.drill.marking_rule,
            action=trainee_url(sid, token, n),
        )

    @r.post("/drill/s/{sid}/t/{token}/{n}")
    async def item_answer(request: Request, sid: str, token: str, n: int) -> Response:
        session = classroom.session(sid)
        trainee = session.trainee(token)
        form = await _form(request)
        try:
            await run_in_threadpool(
                classroom.answer,
                session,
                trainee,
                n,
                _one(form, "lane"),
                form.get("indicator", []),
                _one(form, "note"),
            )
        except BadAnswer as e:
            return item_page(request, sid, token, n, error=f"{e}" + (f" {e.hint}" if e.hint else ""))
        except ClassError as e:
            if n in trainee.answers:
                return RedirectResponse(trainee_url(sid, token, n, reveal=True), status_code=303)
            raise ApiError(e.status, str(e)) from None
        return RedirectResponse(trainee_url(sid, token, n, reveal=True), status_code=303)

    @r.get("/drill/s/{sid}/t/{token}/{n}/reveal", response_class=HTMLResponse)
    def reveal_page(request: Request, sid: str, token: str, n: int) -> Response:
        session = classroom.session(sid)
        trainee = session.trainee(token)
        marked = trainee.answers.get(n)
        if marked is None:
            return RedirectResponse(trainee_url(sid, token, n), status_code=303)
        reveal = session.drill.reveal(marked)
        next_url = trainee_url(sid, token, n + 1)
        return page(
            request,
            "drill_reveal.html",
            session.lang,
            session=session,
            trainee=trainee,
            reveal=reveal,
            marked=marked,
            n=n,
            next_url=next_url,
            last=n >= len(session.drill),
        )

    return r
