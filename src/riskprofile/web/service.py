"""The web application's work as plain Python: one loaded profile, scored and explained through the
one scoring path. Errors are `ApiError`s carrying an HTTP status and a JSON body."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..engine.profile import Profile
from ..errors import RiskProfileError
from ..ip.lookup import LookupResult, lookup
from ..loader.profile import load_profile
from .classroom import Classroom

#: Largest request body accepted by the JSON API (bytes).
MAX_BODY = 5 * 1024 * 1024
#: Most goods lines one `/api/score` call may carry.
MAX_LINES = 20_000
#: Longest lookup field accepted.
MAX_QUERY = 200


class ApiError(RiskProfileError):
    """A request the API refuses: `status` (4xx) and a JSON-able `body` with `error` and details."""

    def __init__(self, status: int, error: str, **details: Any):
        super().__init__(error)
        self.status = status
        self.body = {"error": error, **details}


def _records(payload: Any, what: str = "body") -> list[dict]:
    """Goods-line objects (or declarations with `lines`) from a decoded JSON payload."""
    if isinstance(payload, dict) and "declarations" in payload:
        payload = payload["declarations"]
    if not isinstance(payload, list):
        raise ApiError(400, f"the {what} must be a JSON array of goods-line objects (the DESIGN columns)")
    bad = [i for i, r in enumerate(payload) if not isinstance(r, dict)]
    if bad:
        raise ApiError(400, f"the {what} must hold JSON objects; items {bad[:10]} are not", items=bad)
    n = sum(len(r["lines"]) if isinstance(r.get("lines"), list) else 1 for r in payload)
    if n > MAX_LINES:
        raise ApiError(413, f"{n} goods lines in one call; the limit is {MAX_LINES}: split the batch")
    return payload


def _rejects(frame) -> list[dict]:
    return [
        {"row": r.get("row"), "decl_id": r.get("decl_id"), "reason": r.get("reason")}
        for r in frame.iter_rows(named=True)
    ]


@dataclass
class Service:
    """One profile, loaded once, serving the API and the pages."""

    profile: Profile
    results: Path | None = None
    scenarios: Path = Path("scenarios")
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(
        cls,
        profile_path: Path | str = "rules/profile.yaml",
        results: Path | str | None = None,
        scenarios: Path | str = "scenarios",
    ) -> Service:
        return cls(load_profile(profile_path), Path(results) if results else None, Path(scenarios))

    @cached_property
    def classroom(self) -> Classroom:
        return Classroom(self.profile, self.scenarios, self.results)

    def health(self) -> dict:
        return {
            "status": "ok",
            "profile": self.profile.config.name,
            "rules": len(self.profile.rules),
            "started": self.started.isoformat(timespec="seconds"),
        }

    def score(self, payload: Any, history: Any = None) -> list[dict]:
        """`score --json` objects for the declarations of `payload`, in input order.

        Raises ApiError(422) listing every rejected row (and the declarations that were scored) when
        any row is rejected: nothing is dropped silently."""
        records = _records(payload)
        hist = _records(history, "history") if history is not None else None
        try:
            result = self.profile.score(records, history=hist)
        except ApiError:
            raise
        except RiskProfileError as e:
            raise ApiError(400, str(e), hint=e.hint) from None
        scored = list(result.declarations.iter_rows(named=True))
        if result.rows_rejected:
            raise ApiError(
                422,
                f"{result.rows_rejected} of {result.rows_in} rows rejected; fix them and send the batch again",
                rows_in=result.rows_in,
                rows_scored=result.rows_scored,
                rows_rejected=result.rows_rejected,
                rejects=_rejects(result.rejects),
                scored=scored,
            )
        return scored

    def lookup(
        self,
        q: str | None,
        goods: str | None = None,
        trader: str | None = None,
        office: str | None = None,
        on: str | None = None,
    ) -> LookupResult:
        """The officer's lookup through `riskprofile.ip.lookup`; `.model_dump(mode="json")` is the
        `lookup --json` object."""
        q = (q or "").strip()
        if not q:
            raise ApiError(400, "give the mark to look up: ?q=MARK")
        for name, value in (("q", q), ("goods", goods), ("trader", trader), ("office", office)):
            if value is not None and len(value) > MAX_QUERY:
                raise ApiError(400, f"`{name}` is longer than {MAX_QUERY} characters")
        day = None
        if on:
            try:
                day = dt.date.fromisoformat(on)
            except ValueError:
                raise ApiError(400, f"`on` must be a date (YYYY-MM-DD), got {on!r}") from None
        blank = lambda v: v.strip() if v and v.strip() else None  # noqa: E731
        return lookup(q, blank(goods), blank(trader), blank(office), day, profile=self.profile)

    def explain(self, payload: Any) -> dict:
        """The explanation of one declaration: `{"decl_id": ..., "lines": [...], "history": [...]}`;
        `decl_id` may be left out when the lines hold one declaration."""
        if not isinstance(payload, dict):
            raise ApiError(400, 'send a JSON object: {"decl_id": "...", "lines": [goods-line objects]}')
        records = _records(payload.get("lines"), "lines")
        hist = _records(payload["history"], "history") if payload.get("history") is not None else None
        decl_id = payload.get("decl_id")
        ids = list(dict.fromkeys(str(r.get("decl_id")) for r in records))
        if decl_id is None:
            if len(ids) != 1:
                raise ApiError(400, f"the lines hold {len(ids)} declarations: name one with `decl_id`", ids=ids[:50])
            decl_id = ids[0]
        try:
            explanation = self.profile.explain(str(decl_id), records, hist)
        except ApiError:
            raise
        except RiskProfileError as e:
            raise ApiError(400, str(e), hint=e.hint) from None
        except KeyError:
            prepared = self.profile.prepare(records, features=set())
            raise ApiError(
                422,
                f"declaration {decl_id!r} is not in the lines, or all its rows were rejected",
                rejects=_rejects(prepared.rejects),
            ) from None
        return explanation.to_json()
