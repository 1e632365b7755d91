"""Cross-office alerts after a seizure, so infringers cannot drift to another port (口岸漂移: 000 §3,
004 cases 2 and 4), and the seizing office's own follow-up (004 case 3: 深挖线索…下达预定式布控指令).

For a seizure, `propose` returns leads with status `proposed`, for an analyst to accept:
- to the offices the goods could drift to, other than the seizing one: a risk parameter on those goods
  from that region, for `days` days. With the traffic seen so far (`history`), the offices where other
  traders lodged goods of the same heading from that region, the `top` busiest: the documented alerts
  go where the goods are seen to move (004 case 2: Jiangsu/Zhejiang scooters watched at the northern
  ports they moved to; 000 §3: Qingdao told Beijing, where the Weihai rods were exported by air; 004
  case 4: Shanghai watched Jinyun's goods after they left Ningbo), one office or a few, never every port
  of a province. Without history, the usual offices of the region (the `regions` list);
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
    """Offices the seized goods' source region could drift to (see the module doc): with `history`
    (normalised goods lines), the `top` offices most used by other traders declaring the same HS heading
    from that region; without it, the region's usual offices. The seizing office is never one."""
    region = seizure.goods_source_region
    if not region:
        return []
    if history is None or not seizure.hs_code:
        usual = next((list(it.usual_offices) for it in profile.context.items("regions") if it.code == region), [])
        return [o for o in dict.fromkeys(usual) if o and o != seizure.customs_office]
    seen = (
        history.filter(
            (pl.col("goods_source_region") == region)
            & pl.col("hs_code").str.starts_with(seizure.hs_code[:4])
            & (pl.col("trader_id") != (seizure.trader_id or ""))
            & pl.col("customs_office").is_not_null()
            & (pl.col("customs_office") != (seizure.customs_office or ""))
        )
        .group_by("customs_office")
        .agg(pl.col("decl_id").n_unique().alias("n"))
        .sort(["n", "customs_office"], descending=[True, False])
    )
    return seen.head(top)["customs_office"].to_list()


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
