"""Cross-office alerts after a seizure, so infringers cannot drift to another port (口岸漂移: 000 §3,
004 cases 2 and 4), and the seizing office's own follow-up (004 case 3: 深挖线索…下达预定式布控指令).

For a seizure, `propose` returns leads with status `proposed`, for an analyst to accept:
- to every usual office of the goods' source region (the `regions` list) other than the seizing one,
  and to offices where traders of the same goods from the same region lodged (`history`): a risk
  parameter on those goods from that region, for `days` days;
- to the seizing office: a pre-set instruction on the same goods, channel and destination.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from ..engine.profile import Profile
from ..model.leads import Lead, Names, Window
from .feedback import InspectionResult

MODES = ("sea", "air", "road", "rail", "postal", "express")
ALERT_DAYS = 56
FOLLOW_UP_DAYS = 35


def drift_offices(
    seizure: InspectionResult, profile: Profile, history: pl.DataFrame | None = None, top: int = 3
) -> list[str]:
    """Offices the seized goods' source region could drift to: its usual offices, then the offices most
    used by traders declaring the same HS heading from that region (`history`: normalised goods lines)."""
    region = seizure.goods_source_region
    if not region:
        return []
    usual = next((list(it.usual_offices) for it in profile.context.items("regions") if it.code == region), [])
    similar: list[str] = []
    if history is not None and history.height and seizure.hs_code:
        heading = seizure.hs_code[:4]
        similar = (
            history.filter(
                (pl.col("goods_source_region") == region)
                & pl.col("hs_code").str.starts_with(heading)
                & (pl.col("trader_id") != (seizure.trader_id or ""))
            )
            .group_by("customs_office")
            .agg(pl.col("decl_id").n_unique().alias("n"))
            .sort(["n", "customs_office"], descending=[True, False])
            .head(top)["customs_office"]
            .to_list()
        )
    return [o for o in dict.fromkeys(usual + similar) if o and o != seizure.customs_office]


def _id(*parts: str) -> str:
    return "-".join("".join(ch for ch in p.upper() if ch.isalnum()) for p in parts if p)


def propose(
    seizure: InspectionResult,
    profile: Profile,
    history: pl.DataFrame | None = None,
    days: int = ALERT_DAYS,
    follow_up_days: int = FOLLOW_UP_DAYS,
) -> list[Lead]:
    """Proposed leads after one seizure (see the module doc); none without a hit or an HS code."""
    if not seizure.found or not seizure.hs_code:
        return []
    day = seizure.declared_at
    heading = seizure.hs_code[:4]
    office = seizure.customs_office or "?"
    refs = ["000 §3 (防范侵权假冒商品口岸漂移)", "004 case 2", "004 case 4"]
    out: list[Lead] = []
    if seizure.goods_source_region:
        for target in drift_offices(seizure, profile, history):
            out.append(
                Lead(
                    id=_id("ALERT", seizure.decl_id, target),
                    title=f"Alert from {office}: HS {heading} goods of {seizure.goods_source_region} seized "
                    f"{day}; watch for them at {target}",
                    source="office",
                    informant=f"{office}, seizure {seizure.decl_id}",
                    received=day,
                    reliability="medium",
                    kind="risk_parameter",
                    issued_by=target,
                    names=Names(
                        direction=seizure.direction,
                        goods=[heading],
                        source_region=[seizure.goods_source_region],
                        offices=[target],
                    ),
                    window=Window.model_validate({"from": day, "to": day + dt.timedelta(days=days)}),
                    inspection="ask for the licence or an IP-status declaration; look up the marks on the goods",
                    status="proposed",
                    rationale=f"Infringing HS {heading} goods of {seizure.goods_source_region} were seized at "
                    f"{office}; the same source may switch to {target}.",
                    references=refs,
                )
            )
    follow = Names(
        direction=seizure.direction,
        goods=[heading],
        offices=[office],
        destination=[seizure.destination_country] if seizure.destination_country else [],
        transport_modes=[seizure.transport_mode] if seizure.transport_mode in MODES else [],
    )
    out.append(
        Lead(
            id=_id("FOLLOW", seizure.decl_id),
            title=f"Follow-up at {office} after seizure {seizure.decl_id}: HS {heading} by the same channel"
            + (f" to {seizure.destination_country}" if seizure.destination_country else ""),
            source="office",
            informant=f"{office}, its own seizure {seizure.decl_id}",
            received=day,
            reliability="confirmed",
            kind="preset",
            issued_by=office,
            names=follow,
            window=Window.model_validate({"from": day, "to": day + dt.timedelta(days=follow_up_days)}),
            weight=10,
            inspection="physical inspection; compare the marks on the goods with the recordations",
            status="proposed",
            rationale="After a hit the office targets the same goods, channel and destination (004 case 3).",
            references=["004 case 3 (运用风险分析下达预定式布控指令)"],
        )
    )
    return out


def accept(leads: list[Lead]) -> list[Lead]:
    """The analyst's acceptance: the same leads, active."""
    return [lead.model_copy(update={"status": "active"}) for lead in leads]
