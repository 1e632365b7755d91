"""The FastAPI application: JSON API under `/api/`, server-rendered pages, static CSS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..drill import taxonomy
from .classroom import ClassError
from .drill_routes import drill_router
from .service import MAX_BODY, ApiError, Service
from .texts import note, text

HERE = Path(__file__).parent


async def _json_body(request: Request) -> Any:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise ApiError(413, f"request body of {len(body)} bytes; the limit is {MAX_BODY}: split the batch")
    try:
        return json.loads(body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ApiError(400, f"the body is not JSON: {e}") from None


def create_app(service: Service) -> FastAPI:
    """The application serving `service` (one loaded profile, the results file)."""
    app = FastAPI(
        title="riskprofile",
        description="Customs risk profiling: scoring API, the officer's IP lookup, classroom drills.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.service = service
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body, status_code=exc.status)

    @app.get("/healthz")
    def healthz() -> dict:
        return service.health()

    @app.post("/api/score")
    async def api_score(request: Request) -> JSONResponse:
        """A JSON array of goods-line objects -> a JSON array of `score --json` objects (input order)."""
        payload = await _json_body(request)
        return JSONResponse(await run_in_threadpool(service.score, payload))

    @app.post("/api/explain")
    async def api_explain(request: Request) -> JSONResponse:
        """`{"decl_id": ..., "lines": [...], "history": [...]}` -> the explanation of that declaration."""
        payload = await _json_body(request)
        return JSONResponse(await run_in_threadpool(service.explain, payload))

    def page(request: Request, name: str, lang: str, **context: Any) -> HTMLResponse:
        lang = "zh" if lang == "zh" else "en"
        other = request.url.include_query_params(lang="en" if lang == "zh" else "zh")
        context |= {
            "lang": lang,
            "t": lambda key: text(key, lang),
            "note": lambda n: note(n, lang),
            "indicator_name": lambda ind: taxonomy.name(ind, lang),
            "other_lang_url": f"{other.path}?{other.query}",
        }
        return templates.TemplateResponse(request, name, context)

    app.state.page = page
    app.include_router(drill_router(service.classroom, page))

    @app.exception_handler(ClassError)
    async def class_error(request: Request, exc: ClassError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)

    @app.get("/api/lookup")
    def api_lookup(
        q: str | None = None,
        goods: str | None = None,
        trader: str | None = None,
        office: str | None = None,
        on: str | None = None,
    ) -> JSONResponse:
        """The officer's IP-status lookup: the `riskprofile lookup --json` object."""
        return JSONResponse(service.lookup(q, goods, trader, office, on).model_dump(mode="json"))

    @app.get("/lookup", response_class=HTMLResponse)
    def lookup_page(
        request: Request,
        q: str = "",
        goods: str = "",
        trader: str = "",
        office: str = "",
        on: str = "",
        lang: str = "en",
    ) -> HTMLResponse:
        form = {"q": q, "goods": goods, "trader": trader, "office": office, "on": on}
        answer, error = None, None
        if q.strip():
            try:
                answer = service.lookup(q, goods, trader, office, on)
            except ApiError as e:
                error = str(e)
        return page(request, "lookup.html", lang, form=form, answer=answer, error=error)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, lang: str = "en") -> HTMLResponse:
        return page(request, "index.html", lang, health=service.health())

    return app
