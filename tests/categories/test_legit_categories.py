"""Legitimate use of recorded marks (issue 16), by category: the holder's own plants and group companies as
lodging shows them, contract factories shipping to the holder's licensees, processing trade, trading companies
reselling genuine domestic brands, house brands on goods a mark is not recorded for; and beside each, the
infringing declaration that shares its surface and must still reach inspection. Drawn over the register's
marks, offices as written, regions and dates; every declaration is scored by the shipped standing profile."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from riskprofile import load_profile
from riskprofile.features.text import has_cjk
from riskprofile.testing.builders import declaration
from riskprofile.testing.lanes import flagged, missed

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "rules" / "profile.yaml"
#: Usual offices of a province (as written in several ways), for exporters lodging where their region does.
HOME_OFFICES = {
    "CN-ZJ": ["CNNGB", "宁波海关", "Ningbo"],
    "CN-GD": ["CNSZX", "Shenzhen", "5301"],
    "CN-FJ": ["CNXMN", "Xiamen", "厦门海关"],
    "CN-JS": ["CNSHA", "Nanjing", "洋山海关"],
    "CN-SH": ["CNSHA", "Shanghai", "外高桥港区海关"],
    "CN-SD": ["CNTAO", "Qingdao", "青岛海关"],
}
#: The same without the Ningbo offices, which list padlocks and sewing machines as high-risk goods (GOODS-001).
NOT_NINGBO = {
    r: [o for o in offices if o not in ("CNNGB", "宁波海关", "Ningbo")] or ["CNHGH"]
    for r, offices in HOME_OFFICES.items()
}
#: Destinations outside the 2016 campaigns' target regions (Latin America; the USA in March-April).
DESTS = ["AE", "DE", "NG", "IN", "RU", "AU", "GB", "SA"]


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


def decl(i, *, date, office, trader, ttype, region, dest, lines, direction="export", **extra):
    """Declaration L{i:04d}; a line is a tuple in `LINE_KEYS` order."""
    return declaration(
        f"L{i:04d}",
        date=date,
        direction=direction,
        office=office,
        trader=trader,
        ttype=ttype,
        region=region,
        dest=dest,
        lines=lines,
        unit=None,
        **extra,
    )


def scored(profile, decls):
    res = profile.score(decls, random=False)
    assert res.rejects.height == 0, res.rejects
    got = {r["decl_id"]: r for r in res.declarations.iter_rows(named=True)}
    return [
        (d["decl_id"], got[d["decl_id"]]["lane"], got[d["decl_id"]]["score"], got[d["decl_id"]]["rules"]) for d in decls
    ]


def _in_force_2016(it) -> bool:
    return not (
        (it.valid_from and it.valid_from > dt.date(2016, 1, 1)) or (it.valid_to and it.valid_to < dt.date(2016, 12, 31))
    )


def _prefixes(profile, *names):
    return [str(x.value) for name in names for x in profile.lists[name].items]


def _own_sensitive_code(profile, it):
    """An HS code (10 digits) of the mark's own goods inside the infringement-prone goods, or None."""
    prefixes = _prefixes(profile, "ip_sensitive_goods")
    for g in it.goods:
        inside = [p for p in prefixes if p.startswith(g) or g.startswith(p)]
        if inside:
            return max([g, *inside], key=len).ljust(10, "0")
    return None


def _marks(profile, origin):
    """(item, HS code of its own counterfeit-prone goods) for trademarks in force all through 2016."""
    out = []
    for it in profile.lists["recorded_marks"].items:
        if it.right != "trademark" or it.origin != origin or not it.goods or not _in_force_2016(it):
            continue
        hs = _own_sensitive_code(profile, it)
        if hs is not None:
            out.append((it, hs))
    return out


def _name_forms(it):
    """How the holder's own companies are named on a declaration: the mark, or its Chinese name, with a suffix."""
    cjk = next((a for a in it.aliases if has_cjk(a)), None)
    return [f"{it.mark} (CHINA) CO., LTD", f"{it.mark} MANUFACTURING CO", *([f"{cjk}（中国）有限公司"] if cjk else [])]


# -- the holder's own plants and group companies, as lodging shows them --------------------------------------
def test_a_holders_own_plant_named_for_the_mark_stays_green(profile):
    """A plant of the holder's group with an opaque customs code (not in the register) but the mark in its name,
    exporting the mark's goods at an ordinary price to a distributor; and a trading company exporting goods it
    names the holder's plant as producer of."""
    cases = []
    for i, (it, hs) in enumerate(_marks(profile, "foreign")):
        region = ["CN-ZJ", "CN-GD", "CN-JS", "CN-FJ"][i % 4]
        name = _name_forms(it)[i % len(_name_forms(it))]
        cases.append(
            decl(
                3000 + i,
                date=["2016-05-14", "2016-08-02", "2016-11-20"][i % 3],
                office=HOME_OFFICES[region][i % 3],
                trader=f"{3300000000 + i}",
                ttype="manufacturer",
                region=region,
                dest=DESTS[i % len(DESTS)],
                overseas_party="distributor",
                trader_name=name,
                lines=[(hs, "goods", it.mark, 400, 400 * 90.0, None, "PCS")],
            )
        )
        if it.parties:
            cases.append(
                decl(
                    5000 + i,
                    date="2016-06-21",
                    office=HOME_OFFICES[region][0],
                    trader=f"DIST-{i}",
                    ttype="trading_company",
                    region=region,
                    dest=DESTS[(i + 3) % len(DESTS)],
                    producer_id=it.parties[0],
                    lines=[(hs, "goods", it.mark, 400, 400 * 90.0, None, "PCS")],
                )
            )
    assert len(cases) >= 100
    assert not flagged(profile, cases)


def test_a_trader_whose_name_does_not_carry_the_mark_is_still_flagged(profile):
    """The same shipments by an exporter whose name and producer say nothing of the holder: an ordinary trading
    company's name, or a name carrying only a word of another kind."""
    cases = []
    for i, (it, hs) in enumerate(_marks(profile, "foreign")):
        region = ["CN-ZJ", "CN-GD", "CN-JS", "CN-FJ"][i % 4]
        cases.append(
            decl(
                3400 + i,
                date="2016-06-14",
                office=HOME_OFFICES[region][i % 3],
                trader=f"{3400000000 + i}",
                ttype="trading_company",
                region=region,
                dest=DESTS[i % len(DESTS)],
                overseas_party="distributor",
                trader_name=["宏丰有限公司", "GOLDEN STAR TRADING CO", "鑫盛进出口有限公司"][i % 3],
                producer_id=f"{3500000000 + i}",
                lines=[(hs, "goods", it.mark, 400, 400 * 90.0, None, "PCS")],
            )
        )
    assert len(cases) >= 100
    assert not missed(profile, cases)


# -- contract factories shipping to the holder, its group or its licensees; processing trade ------------------
def _with_licensee_names(profile):
    return [(it, hs) for it, hs in _marks(profile, "foreign") if it.licensee_names or it.group_names]


def test_contract_factories_shipping_to_a_licensee_or_under_processing_trade_stay_green(profile):
    """An OEM factory not on any list ships the goods to a licensee the register names (a league's cap maker) or
    exports them under processing trade (by trade-mode code), at an ordinary price, from where it lodges."""
    cases = []
    licensed = _with_licensee_names(profile)
    assert licensed
    for i, ((it, hs), suffix) in enumerate(itertools.product(licensed, [" INC", " Co., Ltd.", " LLC (licensee)"])):
        party = (it.licensee_names or it.group_names)[i % len(it.licensee_names or it.group_names)]
        region = ["CN-JS", "CN-ZJ", "CN-GD"][i % 3]
        cases.append(
            decl(
                3800 + i,
                date="2016-06-13",
                office=HOME_OFFICES[region][i % 3],
                trader=f"{3200000000 + i}",
                ttype="manufacturer",
                region=region,
                dest=["BE", "DE", "GB", "AU"][i % 4],
                overseas_party=party + suffix,
                order_ref=f"PO{36900000 + i}",
                lines=[(hs, "goods", it.mark, 8000, 8000 * 12.0, None, "PCS")],
            )
        )
    for j, ((it, hs), code) in enumerate(itertools.product(_marks(profile, "foreign")[:40], ["0214", "0615", "0654"])):
        region = ["CN-GD", "CN-FJ", "CN-ZJ"][j % 3]
        cases.append(
            decl(
                4000 + j,
                date="2016-09-01",
                office=HOME_OFFICES[region][j % 3],
                trader=f"{4400000000 + j}",
                ttype="manufacturer",
                region=region,
                dest=DESTS[j % len(DESTS)],
                trade_mode_code=code,
                lines=[(hs, "goods", it.mark, 500, 500 * 60.0, None, "PCS")],
            )
        )
    assert len(cases) >= 100
    assert not flagged(profile, cases)
    # the mark rules leave them out (no mitigation that would also offset other indicators)
    assert not [r for r in scored(profile, cases) if any(x.startswith("BRAND-") for x in r[3])]


def test_factories_shipping_to_someone_who_is_neither_holder_nor_licensee_are_flagged(profile):
    """The same goods to an unrelated buyer, by general trade: no contract with the holder shows."""
    cases = []
    for i, ((it, hs), buyer) in enumerate(
        itertools.product(_with_licensee_names(profile), ["BEST CAPS LLC", "SPORTS FANS STORE", "ACME WHOLESALE"])
    ):
        cases.append(
            decl(
                4300 + i,
                date="2016-06-13",
                office=HOME_OFFICES["CN-JS"][i % 3],
                trader=f"{3200000100 + i}",
                ttype="trading_company",
                region="CN-JS",
                dest=["BE", "DE", "GB"][i % 3],
                overseas_party=buyer,
                trade_mode_code="0110",
                lines=[(hs, "goods", it.mark, 8000, 8000 * 12.0, None, "PCS")],
            )
        )
    assert not missed(profile, cases)


# -- genuine domestic brands resold; domestic copies -----------------------------------------------------------
def _away(it, regions=("CN-HA", "CN-SC", "CN-JS", "CN-ZJ", "CN-FJ", "CN-GD", "CN-HB")):
    return [r for r in regions if r not in it.regions]


def test_genuine_domestic_brands_resold_by_trading_companies_stay_green(profile):
    """A trading company of another province than the holder's exports the holder's genuine goods at an ordinary
    price, lodged by itself at its region's offices, inland under integrated clearance (exit at the coast), or
    as a maker in the holder's own province: the domestic mark and the goods family alone are no sign."""
    cases = []
    inland = {"CN-HA": ["郑州海关", "CNCGO"], "CN-SC": ["CHENGDU", "成都海关"], "CN-HB": ["武汉海关", "CNWUH"]}
    marks = _marks(profile, "domestic")
    assert len(marks) >= 15
    for i, (it, hs) in enumerate(marks):
        for j, region in enumerate(_away(it)[:3]):
            coastal = region in HOME_OFFICES
            offices = NOT_NINGBO[region] if coastal else inland[region]
            cases.append(
                decl(
                    6000 + 10 * i + j,
                    date=["2016-03-16", "2016-08-31", "2016-10-26"][j],
                    office=offices[i % len(offices)],
                    trader=f"{4100000000 + 10 * i + j}",
                    ttype="trading_company",
                    region=region,
                    dest=DESTS[(i + j) % len(DESTS)],
                    lines=[(hs, "goods", it.mark, 1000, 1000 * 60.0, None, "PCS")],
                    **({} if coastal else {"exit_office": ["CNSHA", "CNNGB", "CNSZX"][j]}),
                )
            )
        home = next((r for r in it.regions if r in HOME_OFFICES), None)
        if home is not None:
            cases.append(
                decl(
                    7000 + i,
                    date="2016-04-01",
                    office=HOME_OFFICES[home][i % 3],
                    trader=f"{3500000000 + i}",
                    ttype="manufacturer",
                    region=home,
                    dest=DESTS[i % len(DESTS)],
                    lines=[(hs, "goods", it.mark, 1000, 1000 * 60.0, None, "PCS")],
                )
            )
    assert len(cases) >= 60
    assert not flagged(profile, cases)


def test_domestic_marks_with_the_signs_of_a_copy_are_flagged(profile):
    """The documented copies: a domestic mark on goods made outside the holder's provinces, exported by their
    maker through an agent (the Jinyun heads, 004 case 4), at an office that lists the goods as high-risk (三环
    padlocks at Ningbo, 004 case 7), or far below the usual price."""
    cases = []
    for i, (it, hs) in enumerate(_marks(profile, "domestic")):
        region = _away(it, ("CN-ZJ", "CN-FJ", "CN-GD", "CN-JS"))[0]
        offices = HOME_OFFICES[region]
        cases.append(  # the maker, through an agent
            decl(
                7500 + i,
                date="2016-07-18",
                office=offices[i % 3],
                trader=f"MAKER-{i}",
                ttype="manufacturer",
                region=region,
                dest=DESTS[i % len(DESTS)],
                declarant=f"AGENT-{i % 5}",
                lines=[(hs, "goods", it.mark, 1000, 1000 * 60.0, None, "PCS")],
            )
        )
        cases.append(  # about 1 RMB an item
            decl(
                7700 + i,
                date="2016-05-05",
                office=offices[(i + 1) % 3],
                trader=f"CHEAP-{i}",
                ttype="trading_company",
                region=region,
                dest=DESTS[(i + 2) % len(DESTS)],
                lines=[(hs, "goods", it.mark, 20000, 20000 * 0.12, 20000 * 0.2, "PCS")],
            )
        )
    for k, (it, hs) in enumerate(m for m in _marks(profile, "domestic") if m[1].startswith(("8301", "8452"))):
        for j, region in enumerate(r for r in ("CN-ZJ", "CN-FJ") if r not in it.regions):
            cases.append(  # the office's own high-risk goods, by a trading company at an ordinary price
                decl(
                    7900 + 10 * k + j,
                    date="2016-03-18",
                    office=["CNNGB", "北仑海关", "3104"][(k + j) % 3],
                    trader=f"NB-TRADE-{k}-{j}",
                    ttype="trading_company",
                    region=region,
                    dest=DESTS[k % len(DESTS)],
                    lines=[
                        (hs, "goods", it.mark, 10000, 10000 * (1.5 if hs.startswith("8301") else 40.0), None, "PCS")
                    ],
                )
            )
    assert len(cases) >= 40
    assert not missed(profile, cases)


# -- marks outside the goods they are recorded for --------------------------------------------------------------
def test_a_word_equal_to_a_mark_on_goods_it_is_not_recorded_for_stays_green(profile):
    """House brands equal to a recorded mark on goods outside its recordation (ALLSTAR basketballs, a PEAK
    tyre), exported by a trading company at an ordinary price: not the recordation."""
    sensitive = _prefixes(profile, "ip_sensitive_goods")
    goods = ["9506620000", "6404190000", "4202210000", "9004100000", "8301100000", "8452101000", "6505009900"]
    cases = []
    for i, (it, _) in enumerate(_marks(profile, "foreign") + _marks(profile, "domestic")):
        other = [g for g in goods if not any(g.startswith(x) for x in it.goods)]
        other = [g for g in other if any(g.startswith(p) for p in sensitive)]
        if not other:
            continue
        region = ["CN-JS", "CN-ZJ", "CN-GD", "CN-FJ"][i % 4]
        hs = other[i % len(other)]
        if hs.startswith(("8301", "8452")) and region == "CN-ZJ":
            region = "CN-JS"  # not the Ningbo high-risk goods: this is about the mark, not the office
        cases.append(
            decl(
                8000 + i,
                date="2016-10-01",
                office=HOME_OFFICES[region][i % 3],
                trader=f"HOUSE-{i}",
                ttype="trading_company",
                region=region,
                dest=DESTS[i % len(DESTS)],
                lines=[(hs, "goods", it.mark, 2000, 2000 * 30.0, None, "PCS")],
            )
        )
    assert len(cases) >= 100
    assert not flagged(profile, cases)


def test_a_mark_misdeclared_under_other_goods_is_still_flagged(profile):
    """The mark's own goods named in the description but classified elsewhere (handbags as paper bags, 004 case
    10): the mark counts on the goods described."""
    rows = [
        ("4819400000", "handbags"),
        ("4819400000", "手提包"),
        ("3923290000", "女式手提包"),
        ("6307900000", "handbag"),
    ]
    cases = []
    for i, ((hs, desc), it) in enumerate(
        itertools.product(rows, [it for it, h in _marks(profile, "foreign") if h.startswith("4202")][:8])
    ):
        cases.append(
            decl(
                8500 + i,
                date="2016-06-16",
                office=["CNSZX", "CNNGB", "吉隆海关", "CNSHA"][i % 4],
                trader=f"MIS-{i}",
                ttype="trading_company",
                region="CN-GD",
                dest=["NP", "AE", "RU"][i % 3],
                lines=[(hs, desc, it.mark, 300, 300 * 20.0, None, "PCS")],
            )
        )
    assert len(cases) >= 20
    assert not missed(profile, cases)


def _safety_domestic(profile):
    """(item, HS code) of domestic trademarks on their own health-and-safety goods (tyres, batteries, parts)."""
    prefixes = _prefixes(profile, "health_safety_goods")
    out = []
    for it in profile.lists["recorded_marks"].items:
        if it.right != "trademark" or it.origin != "domestic" or not it.goods or not _in_force_2016(it):
            continue
        own = [g for g in it.goods if any(g.startswith(p) for p in prefixes)]  # goods inside the list
        if own:
            out.append((it, own[0].ljust(10, "0")))
    return out


def test_domestic_health_and_safety_brands_count_only_with_the_signs_of_a_copy(profile):
    """Genuine tyres, batteries, engine parts and medicines of Chinese holders resold by a trading company of
    another province: the mark on health-and-safety goods (BRAND-002) is no sign alone; with about a tenth of
    the usual price it is."""
    marks = _safety_domestic(profile)
    assert len(marks) >= 10
    genuine, cheap = [], []
    for i, (it, hs) in enumerate(marks):
        region = _away(it, ("CN-JS", "CN-ZJ", "CN-FJ", "CN-GD"))[0]
        common = dict(
            date="2016-07-07",
            office=NOT_NINGBO[region][i % len(NOT_NINGBO[region])],
            ttype="trading_company",
            region=region,
            dest=DESTS[i % len(DESTS)],
        )
        genuine.append(
            decl(9000 + i, trader=f"RESELL-{i}", lines=[(hs, "goods", it.mark, 500, 500 * 80.0, None, "PCS")], **common)
        )
        cheap.append(
            decl(
                9200 + i,
                trader=f"COPY-{i}",
                lines=[(hs, "goods", it.mark, 20000, 20000 * 0.1, 20000 * 0.5, "PCS")],
                **common,
            )
        )
    assert not [r for r in scored(profile, genuine) if "BRAND-002" in r[3] or r[1] != "green"]
    assert all("BRAND-002" in r[3] for r in scored(profile, cheap))
