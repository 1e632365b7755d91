"""Legitimate trade that looks unusual, for the baseline (`make_baseline.py`): what a profile must leave green.

Each kind is an ordinary 2016 trade form that shares surface features with the documented seizures:

- recorded marks used by those allowed to: the holder and its group companies (plants, subsidiaries),
  licensed and contract (OEM) factories shipping to the holder, some of them only pre-confirmed
  (预确认) or not on any list at all, and holders' subsidiaries importing their own goods;
- genuine parallel imports of branded goods by independent importers (not an infringement in China);
- market procurement (市场采购, 1039): Yiwu traders' mixed loads of small commodities, lodged at Yiwu and
  leaving by Ningbo, Shanghai or the rail ports;
- consolidated cross-border e-commerce B2B exports (9710/9810) of several kinds of consumer goods;
- border small trade (边境小额贸易, 4019): mixed loads of consumer goods from the coast, by traders of the
  border province, at normal prices;
- integrated clearance (通关一体化): lodged at the trader's home office, leaving by a port elsewhere;
- genuinely cheap goods (low grades, clearance lots) declared at their real, low prices;
- house brands that happen to be close to famous marks (CONVERGE shoes, SANHUA valves).

Marks, parties and goods come from the recordation register (`rules/lists/recorded_marks*`), offices and
usual ports from `offices.yaml` and `regions.yaml`, pre-confirmed traders from `preconfirmations.yaml`;
shares and prices are our estimates of 2016 trade.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

from riskprofile.loader.profile import load_list_file

LISTS = Path(__file__).resolve().parents[1] / "rules" / "lists"

# Goods the register's marks are used on: (key, hs_code, description, unit, typical USD per unit of a
# genuine branded article, kg per unit). Typical values are our estimates of 2016 factory/export prices.
FAMILY_GOODS: dict[str, list[tuple]] = {
    "shoes": [
        ("sneakers", "6404190000", "sports shoes", "PAIR", 14.0, 0.8),
        ("leather_shoes", "6403990000", "leather shoes", "PAIR", 22.0, 0.9),
    ],
    "apparel": [
        ("tshirt", "6109100000", "cotton T-shirts", "PCS", 4.5, 0.25),
        ("jacket", "6201930000", "men's jackets", "PCS", 22.0, 1.0),
        ("caps", "6505009900", "caps", "PCS", 3.0, 0.1),
    ],
    "sportgoods": [
        ("balls", "9506620000", "inflatable balls", "PCS", 7.0, 0.45),
        ("rackets", "9506590000", "rackets", "PCS", 14.0, 0.3),
    ],
    "toys": [
        ("plush", "9503002100", "plush toys", "PCS", 2.6, 0.2),
        ("plastic_toys", "9503008900", "plastic toys", "PCS", 1.8, 0.15),
    ],
    "phone": [
        ("phones", "8517120090", "mobile phones", "PCS", 150.0, 0.3),
        ("chargers", "8504401400", "mobile phone chargers", "PCS", 4.0, 0.09),
        ("earphones", "8518300000", "earphones", "PCS", 9.0, 0.05),
        ("powerbanks", "8507600090", "lithium-ion power banks", "PCS", 9.0, 0.25),
    ],
    "pc": [
        ("laptops", "8471300000", "notebook computers", "PCS", 320.0, 2.2),
        ("printers", "8443321000", "printers", "PCS", 70.0, 6.0),
    ],
    "audio": [("speakers", "8518220000", "loudspeakers", "PCS", 28.0, 1.5)],
    "camera": [("cameras", "8525801390", "digital cameras", "PCS", 140.0, 0.5)],
    "ic": [
        ("ics", "8542339000", "integrated circuits (amplifiers)", "PCS", 1.3, 0.0003),
        ("processors", "8542319000", "processors", "PCS", 60.0, 0.02),
    ],
    "appliance": [
        ("tvs", "8528721100", "LED televisions", "PCS", 180.0, 12.0),
        ("fridges", "8418211000", "household refrigerators", "PCS", 210.0, 55.0),
        ("aircon", "8415102190", "split air conditioners", "PCS", 260.0, 38.0),
        ("kettles", "8516109000", "electric kettles", "PCS", 9.0, 1.2),
        ("blenders", "8509400090", "food blenders", "PCS", 14.0, 2.0),
    ],
    "tools": [("drills", "8467210000", "electric drills", "PCS", 26.0, 1.8)],
    "electrical": [
        ("switches", "8536500000", "electrical switches", "PCS", 0.9, 0.06),
        ("breakers", "8536200000", "circuit breakers", "PCS", 4.0, 0.15),
    ],
    "lighting": [("ledlamps", "9405409000", "LED lamps", "PCS", 7.0, 0.8)],
    "parts": [
        ("brakes", "8708301000", "brake pads", "SET", 6.0, 0.9),
        ("bearings", "8482102000", "ball bearings", "PCS", 1.8, 0.2),
        ("filters", "8421230000", "oil filters", "PCS", 2.2, 0.3),
        ("sparkplugs", "8511100000", "spark plugs", "PCS", 2.4, 0.055),
    ],
    "tyre": [("tyres", "4011100000", "passenger car tyres", "PCS", 34.0, 9.0)],
    "eyewear": [
        ("sunglasses", "9004100000", "sunglasses", "PCS", 5.0, 0.03),
        ("frames", "9003110000", "spectacle frames of plastics", "PCS", 6.0, 0.03),
    ],
    "bags": [
        ("handbags", "4202210000", "leather handbags", "PCS", 38.0, 0.9),
        ("backpacks", "4202920000", "backpacks", "PCS", 8.0, 0.7),
        ("trolley", "4202120000", "trolley cases", "PCS", 26.0, 4.0),
    ],
    "watch": [("watches", "9102110000", "quartz wrist watches", "PCS", 9.0, 0.08)],
    "cosmetic": [
        ("skincare", "3304990000", "skin care preparations", "KG", 14.0, 1.0),
        ("shampoo", "3305100000", "shampoo", "KG", 3.0, 1.0),
        ("toothpaste", "3306100000", "toothpaste", "KG", 2.6, 1.0),
    ],
    "lock": [("padlocks", "8301100000", "padlocks", "PCS", 2.4, 0.25)],
    "sewing": [
        ("sewing_ind", "8452210000", "industrial sewing machines", "PCS", 300.0, 45.0),
        ("sewing_home", "8452100000", "household sewing machines", "PCS", 38.0, 12.0),
    ],
    "scooter": [("escooters", "8711900090", "electric scooters", "PCS", 190.0, 12.0)],
    "fishing": [
        ("rods", "9507100000", "fishing rods", "PCS", 10.0, 0.5),
        ("reels", "9507300000", "fishing reels", "PCS", 9.0, 0.3),
    ],
    "pen": [
        ("pens", "9608100000", "ballpoint pens", "PCS", 0.12, 0.01),
        ("lighters", "9613100000", "pocket lighters", "PCS", 0.16, 0.02),
    ],
    "lub": [("oil", "2710199100", "lubricating oil", "KG", 2.8, 1.0)],
    "medicine": [("meds", "3004909099", "medicaments in tablets", "KG", 60.0, 1.0)],
    "food": [
        ("biscuits", "1905310000", "sweet biscuits", "KG", 3.5, 1.0),
        ("sauce", "2103909000", "sauces", "KG", 2.2, 1.0),
    ],
    "drink": [("softdrinks", "2202100000", "soft drinks", "L", 0.8, 1.05)],
    "spirits": [
        ("wine", "2204210000", "bottled wine", "L", 9.0, 1.3),
        ("spirit", "2208300000", "whisky", "L", 25.0, 1.4),
    ],
}

# Foreign holders' home countries (where genuine goods and the holder's buying offices are).
HOLDER_COUNTRY = {
    "Nike": "US",
    "adidas": "DE",
    "PUMA": "DE",
    "Texas": "US",
    "Apple": "US",
    "Samsung": "KR",
    "Sony": "JP",
    "Luxottica": "IT",
    "Robert": "DE",
    "Shell": "GB",
    "Castrol": "GB",
    "Exxon": "US",
    "L'Or": "FR",
    "Procter": "US",
    "Unilever": "NL",
    "Disney": "US",
    "Mattel": "US",
    "Hasbro": "US",
    "Philips": "NL",
}
HUBS = ["US", "DE", "JP", "GB", "FR", "NL", "KR", "IT", "HK", "SG", "AU", "CA", "ES", "SE", "CH", "BE"]

# Yiwu market goods: cheap small commodities of many chapters (USD per unit, kg per unit).
MARKET_GOODS = [
    ("hairclips", "9615190000", "hair clips", "PCS", 0.15, 0.01),
    ("socks", "6115950000", "cotton socks", "PAIR", 0.45, 0.05),
    ("xmas", "9505100000", "Christmas decorations", "PCS", 0.4, 0.05),
    ("flowers", "6702900000", "artificial flowers", "PCS", 0.3, 0.03),
    ("kitchen", "3924100000", "plastic kitchenware", "PCS", 0.5, 0.1),
    ("stationery", "9608100000", "ballpoint pens", "PCS", 0.08, 0.01),
    ("toys", "9503008900", "plastic toys", "PCS", 0.9, 0.12),
    ("bags", "4202920000", "bags", "PCS", 2.5, 0.5),
    ("tools", "8205590000", "hand tools", "PCS", 0.9, 0.3),
    ("lighters", "9613100000", "disposable lighters", "PCS", 0.1, 0.02),
    ("jewellery", "7117190000", "imitation jewellery", "KG", 18.0, 1.0),
    ("scarves", "6214300000", "scarves", "PCS", 1.1, 0.08),
    ("umbrellas", "6601910000", "umbrellas", "PCS", 1.8, 0.4),
    ("ledlamps", "9405409000", "LED lamps", "PCS", 3.0, 0.5),
    ("sunglasses", "9004100000", "sunglasses", "PCS", 0.9, 0.03),
    ("phonecases", "3926909090", "silicone phone cases", "PCS", 0.5, 0.04),
]
MARKET_DESTS = {
    "AE": 10,
    "IQ": 4,
    "SA": 4,
    "IR": 3,
    "NG": 4,
    "GH": 3,
    "KE": 2,
    "RU": 5,
    "KZ": 3,
    "UA": 2,
    "BR": 3,
    "MX": 3,
    "CL": 2,
    "PE": 2,
    "ES": 3,
    "IT": 2,
    "US": 4,
    "IN": 3,
    "PK": 3,
    "AF": 2,
    "UZ": 2,
    "KG": 2,
    "DZ": 2,
    "EG": 2,
}
ECOM_GOODS = [MARKET_GOODS[i] for i in (1, 2, 6, 7, 14, 15)] + [
    ("earphones", "8518300000", "earphones", "PCS", 3.0, 0.05),
    ("dress", "6204430000", "women's dresses", "PCS", 6.0, 0.3),
    ("chargers", "8504401400", "mobile phone chargers", "PCS", 2.6, 0.09),
]
# Border small trade: (office, destination, trader region, transport) with consumer goods from the coast.
BORDER_SMALL = [
    ("CNPXG", "VN", "CN-GX", "road"),
    ("CNDXG", "VN", "CN-GX", "road"),
    ("CNRLI", "MM", "CN-YN", "road"),
    ("CNERL", "MN", "CN-NM", "road"),
    ("CNMZL", "RU", "CN-NM", "rail"),
    ("CNSFH", "RU", "CN-HL", "road"),
    ("CNKHG", "KZ", "CN-XJ", "road"),
    ("CNGYR", "NP", "CN-XZ", "road"),
]
BORDER_GOODS = [MARKET_GOODS[i] for i in (1, 4, 6, 7, 9, 11, 12, 13)] + [
    ("tshirt", "6109100000", "cotton T-shirts", "PCS", 2.0, 0.25),
    ("sneakers", "6404190000", "sports shoes", "PAIR", 5.0, 0.8),
    ("fans", "8414519900", "electric fans", "PCS", 11.0, 2.6),
    ("ceramics", "6911101900", "porcelain tableware", "KG", 1.4, 1.0),
    ("tiles", "6907210000", "ceramic floor tiles", "KG", 0.4, 1.0),
]
# Goods at genuinely low prices (low grades, seconds, clearance lots): (goods, share of the usual price).
CHEAP_GOODS = [
    ("sandals", "6402991000", "plastic sandals", "PAIR", 3.0, 0.4),
    ("socks", "6115950000", "cotton socks", "PAIR", 0.5, 0.05),
    ("toys", "9503008900", "plastic toys", "PCS", 1.0, 0.12),
    ("tshirt", "6109100000", "cotton T-shirts", "PCS", 2.0, 0.25),
    ("bags", "4202920000", "backpacks", "PCS", 5.0, 0.7),
    ("ceramics", "6911101900", "porcelain tableware", "KG", 1.4, 1.0),
    ("screws", "7318159000", "steel bolts and screws", "KG", 1.8, 1.0),
    ("led", "9405409000", "LED lamps", "PCS", 6.0, 0.8),
]
CHEAP_REGIONS = ["CN-JX", "CN-HN", "CN-GX", "CN-AH", "CN-HB", "CN-HA", "CN-ZJ", "CN-GD", "CN-FJ"]
# Real-looking house brands close to recorded marks, on their makers' own goods (our selection).
LOOKALIKE_HOUSE_BRANDS = [
    ("CONVERGE", "CN-FJ", ("sneakers", "6404190000", "canvas shoes", "PAIR", 6.0, 0.7)),
    ("SANHUA", "CN-ZJ", ("valves", "8481804090", "refrigeration valves", "PCS", 6.0, 0.6)),
    ("LONGSHENG", "CN-CQ", ("mparts", "8714109000", "motorcycle parts", "KG", 4.0, 1.0)),
    ("YONGSHENG", "CN-ZJ", ("mparts", "8714109000", "motorcycle parts", "KG", 4.0, 1.0)),
    ("SUNSHINE", "CN-ZJ", ("umbrellas", "6601910000", "umbrellas", "PCS", 2.0, 0.4)),
    ("HAIRE", "CN-GD", ("hairdryers", "8516310000", "hair dryers", "PCS", 6.0, 0.6)),
    ("GOLDEN SHELL", "CN-FJ", ("crafts", "9601900000", "shell handicrafts", "KG", 6.0, 1.0)),
    ("APPLE GARDEN", "CN-SD", ("juice", "2009790000", "apple juice concentrate", "KG", 1.1, 1.0)),
]


# What independent importers bring in as genuine branded goods (parallel imports).
PARALLEL_GOODS = {
    "skincare",
    "shampoo",
    "handbags",
    "watches",
    "sneakers",
    "leather_shoes",
    "jacket",
    "wine",
    "spirit",
    "oil",
    "tyres",
    "sparkplugs",
    "filters",
    "brakes",
    "phones",
    "earphones",
    "laptops",
    "cameras",
    "ics",
    "trolley",
    "sunglasses",
    "drills",
}


def _province(pid: str) -> str | None:
    """The province an id names: its first segment, or the second after OEM-/LIC-/DIST- ('OEM-GD-DG-...')."""
    parts = pid.split("-")
    for p in parts[:2]:
        if p in PROVINCES:
            return f"CN-{p}"
    return None


PROVINCES = {
    "BJ",
    "TJ",
    "HE",
    "SX",
    "NM",
    "LN",
    "JL",
    "HL",
    "SH",
    "JS",
    "ZJ",
    "AH",
    "FJ",
    "JX",
    "SD",
    "HA",
    "HB",
    "HN",
    "GD",
    "GX",
    "HI",
    "CQ",
    "SC",
    "GZ",
    "YN",
    "XZ",
    "SN",
    "GS",
    "QH",
    "NX",
    "XJ",
}


class Register:
    """What the generator needs from the shipped lists."""

    def __init__(self) -> None:
        marks, _ = load_list_file(LISTS / "recorded_marks.yaml")
        regions, _ = load_list_file(LISTS / "regions.yaml")
        offices, _ = load_list_file(LISTS / "offices.yaml")
        pre, _ = load_list_file(LISTS / "preconfirmations.yaml")
        self.usual = {r.code: list(r.usual_offices) for r in regions.items if r.usual_offices}
        self.home_offices: dict[str, list[str]] = {}
        for o in offices.items:
            if o.province:
                self.home_offices.setdefault(o.province, []).append(o.code)
        self.pre = list(pre.items) if pre else []
        self.uses = []  # (mark item, family goods) for marks with parties and goods we can generate
        for it in marks.items:
            if it.right != "trademark" or not it.parties or (it.valid_to and it.valid_to.year < 2017):
                continue
            goods = [g for g in _goods_for(it.goods)]
            if goods:
                self.uses.append((it, goods))

    def parties(self, it, kind: str) -> list[str]:
        if kind == "holder":
            return [p for p in [it.holder_id or "", *it.holder_ids] if p and _province(p)]
        if kind == "group":
            return [p for p in it.group_ids if _province(p)]
        return [p for p in it.licensee_ids if _province(p)]


def _goods_for(prefixes: list[str]) -> list[tuple]:
    out = []
    for goods in FAMILY_GOODS.values():
        for g in goods:
            if any(g[1].startswith(p) for p in prefixes) and g not in out:
                out.append(g)
    return out


def holder_country(holder: str | None) -> str:
    for k, c in HOLDER_COUNTRY.items():
        if holder and holder.startswith(k):
            return c
    return "US"


def holder_party(holder: str | None, mark: str) -> str:
    """How a consignee names the holder on a declaration: its name without the parenthesis, upper-cased."""
    name = re.sub(r"\(.*?\)", "", holder or mark).strip().rstrip(".,")
    return name.upper() if name else mark


class LegitTrade:
    """Mixin for `make_baseline.Gen`: the legitimate trade forms listed in the module docstring."""

    reg: Register

    def _office_for(self, region: str) -> str:
        usual = self.reg.usual.get(region) or ["CNSHA"]
        return usual[0] if self.r.random() < 0.75 else self.r.choice(usual)

    def _qty(self, usd: float, target: float = 30000.0, sigma: float = 0.6) -> float:
        return self.r.lognormvariate(math.log(max(20.0, target / usd)), sigma)

    def mark_use_export(self) -> None:
        """The holder, a group plant or a licensed (OEM) factory exports goods under the mark, often to the holder."""
        it, goods_list = self.r.choice(self.reg.uses)
        kinds = [k for k in ("holder", "group", "licensee") if self.reg.parties(it, k)]
        if not kinds:
            return
        kind = self.r.choice(kinds)
        tid = self.r.choice(self.reg.parties(it, kind))
        region = _province(tid)
        goods = self.r.choice(goods_list)
        t = self.trader(tid, region=region, type="manufacturer", own_agent=self.r.random() < 0.7)
        foreign = it.origin == "foreign"
        to_holder = kind == "licensee" or (foreign and self.r.random() < 0.6)
        dest = holder_country(it.holder) if to_holder else self.pick(self.DESTINATIONS)
        trade = "processing" if kind == "licensee" and self.r.random() < 0.4 else "general"
        office = self._office_for(region)
        mode = "air" if goods[4] > 80 and self.r.random() < 0.5 else "sea"
        h = self.header("export", office, mode, trade, tid, t, region, "CN", dest)
        h["trade_mode_code"] = "0615" if trade == "processing" else "0110"
        h["overseas_party"] = holder_party(it.holder, it.mark) if to_holder else None
        brand = it.mark if self.r.random() < 0.8 or not it.aliases else self.r.choice(it.aliases)
        self.emit(h, [self.line(goods, self._qty(goods[4], 60000), brand)])

    def confirmed_oem_export(self) -> None:
        """A contract factory the register does not list ships the holder's goods to the holder: pre-confirmed
        (预确认) for the order, or (rarely) with nothing on record."""
        marks = {it.mark: (it, g) for it, g in self.reg.uses}
        if self.reg.pre and self.r.random() < 0.7:
            p = self.r.choice([p for p in self.reg.pre if p.mark in marks])
            tid, (it, goods_list), order = p.trader_id, marks[p.mark], p.order_ref
            goods_list = [
                g for g in goods_list if not p.goods or any(g[1].startswith(x) for x in p.goods)
            ] or goods_list
            lo = p.valid_from.isoformat() if p.valid_from else "2016-01-04"
            hi = p.valid_to.isoformat() if p.valid_to else "2016-12-30"
        else:
            it, goods_list = self.r.choice([u for u in self.reg.uses if u[0].origin == "foreign"])
            region = self.r.choice(["GD", "FJ", "ZJ", "JS"])
            tid, order, lo, hi = f"OEM-{region}-CONTRACT-{self.r.randrange(20, 40)}", None, "2016-01-04", "2016-12-30"
        region = _province(tid) or "CN-GD"
        goods = self.r.choice(goods_list)
        t = self.trader(tid, region=region, type="manufacturer", own_agent=True)
        h = self.header(
            "export", self._office_for(region), "sea", "processing", tid, t, region, "CN", holder_country(it.holder)
        )
        start, stop = dt.date.fromisoformat(lo), min(dt.date.fromisoformat(hi), dt.date(2016, 12, 30))
        h["declared_at"] = self.date(max(start, dt.date(2016, 1, 4)), stop).isoformat()
        h["trade_mode_code"], h["overseas_party"], h["order_ref"] = "0615", holder_party(it.holder, it.mark), order
        self.emit(h, [self.line(goods, self._qty(goods[4], 50000), it.mark)])

    def holder_import(self) -> None:
        """A foreign holder's China subsidiary imports its own goods."""
        it, goods_list = self.r.choice([u for u in self.reg.uses if u[0].origin == "foreign"])
        tid = (self.reg.parties(it, "holder") or [None])[0]
        if tid is None:
            return
        region = _province(tid)
        goods = self.r.choice(goods_list)
        origin = (
            holder_country(it.holder)
            if self.r.random() < 0.5
            else self.r.choice(["VN", "ID", "MY", "TH", "JP", "DE", "US"])
        )
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.4)
        office = self._office_for(region)
        mode = "air" if goods[4] > 50 else "sea"
        h = self.header("import", office, mode, "general", tid, t, region, origin, "CN")
        h["trade_mode_code"], h["overseas_party"] = "0110", holder_party(it.holder, it.mark)
        self.emit(h, [self.line(goods, self._qty(goods[4], 80000), it.mark, sigma=0.3)])
        self.rows[-1]["value"] = round(
            self.rows[-1]["value"] * 1.8, 2
        )  # imported genuine goods carry the brand premium

    def parallel_import(self) -> None:
        """An independent importer brings in genuine branded goods bought abroad (not an infringement in China)."""
        uses = [(it, [g for g in gl if g[0] in PARALLEL_GOODS]) for it, gl in self.reg.uses if it.origin == "foreign"]
        it, goods_list = self.r.choice([u for u in uses if u[1]])
        goods = self.r.choice(goods_list)
        region = self.r.choice(["CN-SH", "CN-GD", "CN-ZJ", "CN-JS", "CN-BJ", "CN-TJ", "CN-FJ", "CN-SD"])
        tid = f"{region[3:]}-IMP-{goods[0].upper()}-{self.r.randrange(30, 60)}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.5)
        origin = self.r.choice([holder_country(it.holder), "HK", "SG", "DE", "US", "JP", "KR", "AE"])
        mode = "air" if goods[4] > 50 else "sea"
        h = self.header("import", self._office_for(region), mode, "general", tid, t, region, origin, "CN")
        h["departure_country"] = origin
        h["trade_mode_code"], h["overseas_party"] = (
            "0110",
            f"{self.r.choice(['GLOBAL', 'EURO', 'PACIFIC', 'WORLD'])} TRADING LTD",
        )
        self.emit(h, [self.line(goods, self._qty(goods[4], 40000), it.mark, sigma=0.3)])
        self.rows[-1]["value"] = round(self.rows[-1]["value"] * 1.8, 2)

    def market_procurement(self) -> None:
        """A Yiwu trader's mixed load of small commodities (1039), lodged at Yiwu, leaving by a port or by rail."""
        tid = f"ZJ-YW-MARKET-{self.r.randrange(1, 40):02d}"
        t = self.trader(tid, region="CN-ZJ", type="trading_company", own_agent=self.r.random() < 0.3)
        dest = self.pick(MARKET_DESTS)
        exit_office, mode = ("CNNGB", "sea") if self.r.random() < 0.75 else ("CNSHA", "sea")
        if dest in ("KZ", "UZ", "KG", "RU") and self.r.random() < 0.5:
            exit_office, mode = ("CNKHG" if dest != "RU" else "CNMZL"), "rail"
        kinds = self.r.sample(MARKET_GOODS, k=self.r.randint(3, 9))
        lines = [self.line(g, self._qty(g[4], 2500, 0.7), self.r.choice(["", "NO BRAND", "无品牌"])) for g in kinds]
        h = self.header("export", "Yiwu", mode, "other", tid, t, "CN-ZJ", "CN", dest)
        h["exit_office"], h["trade_mode_code"] = exit_office, "1039"
        self.emit(h, lines)

    def ecommerce_b2b(self) -> None:
        """A cross-border e-commerce seller's B2B export to an overseas warehouse (9810) or buyer (9710)."""
        region = self.r.choice(["CN-GD", "CN-GD", "CN-ZJ", "CN-FJ", "CN-JS"])
        tid = f"{region[3:]}-ECOM-B2B-{self.r.randrange(1, 30):02d}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=True)
        kinds = self.r.sample(ECOM_GOODS, k=self.r.randint(2, 6))
        lines = [self.line(g, self._qty(g[4], 3000, 0.6), "") for g in kinds]
        mode = self.r.choice(["sea", "sea", "air", "express"])
        h = self.header(
            "export",
            self._office_for(region),
            mode,
            "cross_border_ecommerce",
            tid,
            t,
            region,
            "CN",
            self.r.choice(["US", "US", "DE", "GB", "FR", "JP", "AU", "CA"]),
        )
        h["trade_mode_code"] = self.r.choice(["9810", "9710"])
        self.emit(h, lines)

    def border_small_trade(self) -> None:
        """A border-province trader's mixed load of coastal consumer goods across a land border (4019)."""
        office, dest, region, mode = self.r.choice(BORDER_SMALL)
        tid = f"{region[3:]}-BST-{office[2:]}-{self.r.randrange(1, 12):02d}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.6)
        kinds = self.r.sample(BORDER_GOODS, k=self.r.randint(2, 7))
        source = self.r.choice(["CN-GD", "CN-ZJ", "CN-FJ", region, region])
        lines = [self.line(g, self._qty(g[4], 4000, 0.6), self.r.choice(["", "NO BRAND"])) for g in kinds]
        h = self.header("export", office, mode, "border_trade", tid, t, source, "CN", dest)
        h["trade_mode_code"] = "4019"
        h["n_containers"] = self.r.randint(0, 2)
        self.emit(h, lines)

    def integrated_clearance(self) -> None:
        """Lodged at the trader's home office, leaving by a port elsewhere (通关一体化)."""
        region = self.r.choice(
            ["CN-HA", "CN-SC", "CN-CQ", "CN-AH", "CN-JX", "CN-HN", "CN-HB", "CN-SN", "CN-ZJ", "CN-JS", "CN-SD"]
        )
        home = [o for o in self.reg.home_offices.get(region, []) if o in (self.reg.usual.get(region) or [])] or [
            "CNSHA"
        ]
        office = home[0]
        exits = [o for o in (self.reg.usual.get(region) or []) if o != office] or ["CNSHA"]
        goods = self.r.choice(self.EXPORT_GOODS)
        tid = f"{region[3:]}-EXP-{goods[0].upper()}-{self.r.randrange(40, 60)}"
        t = self.trader(
            tid, region=region, type=self.r.choice(["manufacturer", "trading_company"]), own_agent=self.r.random() < 0.5
        )
        h = self.header("export", office, "sea", "general", tid, t, region, "CN", self.pick(self.DESTINATIONS))
        h["exit_office"], h["trade_mode_code"] = self.r.choice(exits), "0110"
        self.emit(h, [self.line(goods, self._qty(goods[4], 20000), self.r.choice(["NO BRAND", *self.OWN_BRANDS[:5]]))])

    def cheap_goods(self) -> None:
        """A small maker's low-grade goods or clearance lot at a genuinely low price."""
        g = self.r.choice(CHEAP_GOODS)
        region = self.r.choice(CHEAP_REGIONS)
        tid = f"{region[3:]}-EXP-CHEAP-{g[0].upper()}-{self.r.randrange(1, 20):02d}"
        t = self.trader(tid, region=region, type="manufacturer", own_agent=self.r.random() < 0.5)
        cheap = (
            g[0],
            g[1],
            f"{g[2]} (low grade)" if self.r.random() < 0.5 else g[2],
            g[3],
            g[4] * self.r.uniform(0.3, 0.55),
            g[5],
        )
        h = self.header(
            "export", self._office_for(region), "sea", "general", tid, t, region, "CN", self.pick(self.DESTINATIONS)
        )
        h["trade_mode_code"] = "0110"
        self.emit(h, [self.line(cheap, self._qty(cheap[4], 8000), "NO BRAND", sigma=0.2)])

    def lookalike_house_brand(self) -> None:
        """A maker exporting under its own house brand that happens to be close to a famous mark."""
        brand, region, goods = self.r.choice(LOOKALIKE_HOUSE_BRANDS)
        tid = f"{region[3:]}-{re.sub(r'[^A-Z]', '', brand)}-01"
        t = self.trader(tid, region=region, type="manufacturer", own_agent=True)
        h = self.header(
            "export", self._office_for(region), "sea", "general", tid, t, region, "CN", self.pick(self.DESTINATIONS)
        )
        h["trade_mode_code"] = "0110"
        self.emit(h, [self.line(goods, self._qty(goods[4], 25000), brand)])
