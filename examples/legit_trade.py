"""Legitimate trade that looks unusual, for the baseline (`make_baseline.py`): what a profile must leave green.

Each kind is an ordinary 2016 trade form that shares surface features with the documented seizures,
drawn over many surfaces (marks, parties, goods, offices, destinations come from the shipped lists and
from families of goods, never from one case):

- recorded marks used by those allowed to: the holder and its group companies, on the register or not
  (a new plant, a joint venture, a sales subsidiary), exporting to the holder or to distributors; licensed
  and contract (OEM) factories shipping to the holder, its sourcing office or its licensee, some only
  pre-confirmed (预确认), most on no list at all; holders' subsidiaries importing their own goods;
- genuine domestic brands (appliances, switches, sewing machines, sports shoes, phones) resold by trading
  companies of other provinces than the maker's;
- genuine parallel imports of branded goods (lubricants, cosmetics, auto parts, watches) by independent
  importers on no list (not an infringement in China);
- house brands close to famous marks: names of their own (CONVERGE, HAIRE) and two-word brands containing
  an everyday word recorded as a mark (GOLDEN BULL, MEAN WELL), mostly on goods outside the mark's goods;
- market procurement (市场采购, 1039) from Yiwu and consolidated cross-border e-commerce (9610, 1210, 9710,
  9810) mixed loads, also to Latin America, with a few genuinely cheap lines;
- border small trade (边境小额贸易, 4019) across every land border (VN, MM, LA, MN, RU, KZ, KG, NP) with
  trolley cases, slippers, phone accessories, garments, appliances at normal prices;
- inland trading companies exporting unbranded shoes, garments and bags from coastal ports;
- integrated clearance (通关一体化): lodged at the trader's home office, often inland, leaving elsewhere;
- makers exporting goods of the 2016 operations from their home regions inside the windows, at normal
  prices (hoverboards in Nov-Dec, auto parts and chargers to the USA in March-April, padlocks, sewing
  machines, fishing tackle);
- genuinely cheap goods (EVA slippers, flip-flops, stickers, buttons, cable ties, plastic ornaments) at
  their normal price, and low grades or clearance lots at a low one;
- first-time exporters; personal parcels (a pair of shoes, a few garments, a gift, sometimes with a
  genuine mark bought in a shop) and makers' samples by express (3010).

Marks, parties and goods come from the recordation register (`rules/lists/recorded_marks*`), offices and
usual ports from `offices.yaml` and `regions.yaml`, pre-confirmed traders from `preconfirmations.yaml`;
shares and prices are our estimates of 2016 trade (typical FOB prices of the goods).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

from notation import Notation

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


# Genuinely cheap goods at their normal price (not discounted): what a dollar buys in Yiwu or Jinjiang.
GENUINELY_CHEAP = [
    ("eva_slippers", "6402999000", "EVA slippers", "PAIR", 0.45, 0.18),
    ("flipflops", "6402200000", "flip-flops", "PAIR", 0.3, 0.15),
    ("stickers", "4911910000", "paper stickers", "PCS", 0.02, 0.003),
    ("buttons", "9606210000", "plastic buttons", "PCS", 0.004, 0.001),
    ("cableties", "3926909090", "nylon cable ties", "PCS", 0.003, 0.001),
    ("ornaments", "3926400000", "plastic ornaments", "PCS", 0.08, 0.02),
    ("hairbands", "6117809000", "elastic hair bands", "PCS", 0.02, 0.003),
    ("balloons", "9505900000", "latex balloons", "PCS", 0.015, 0.003),
    ("keyrings", "7326909000", "metal key rings", "PCS", 0.06, 0.01),
    ("cups", "3924100000", "disposable plastic cups", "PCS", 0.01, 0.004),
]
# Land-border small trade: (office as written, office code, destination, trader region, transport).
BORDER_CROSSINGS = [
    ("CNPXG", "CNPXG", "VN", "CN-GX", "road"),
    ("Pingxiang", "CNPXG", "VN", "CN-GX", "road"),
    ("CNDXG", "CNDXG", "VN", "CN-GX", "road"),
    ("Dongxing", "CNDXG", "VN", "CN-GX", "road"),
    ("Hekou", "CNRLI", "VN", "CN-YN", "road"),
    ("CNRLI", "CNRLI", "MM", "CN-YN", "road"),
    ("瑞丽海关", "CNRLI", "MM", "CN-YN", "road"),
    ("Mohan", "CNRLI", "LA", "CN-YN", "road"),
    ("CNERL", "CNERL", "MN", "CN-NM", "road"),
    ("Erenhot", "CNERL", "MN", "CN-NM", "rail"),
    ("CNMZL", "CNMZL", "RU", "CN-NM", "rail"),
    ("CNSFH", "CNSFH", "RU", "CN-HL", "road"),
    ("Heihe", "CNSFH", "RU", "CN-HL", "road"),
    ("CNKHG", "CNKHG", "KZ", "CN-XJ", "road"),
    ("Alashankou", "CNKHG", "KZ", "CN-XJ", "rail"),
    ("CNKHG", "CNKHG", "KG", "CN-XJ", "road"),
    ("CNGYR", "CNGYR", "NP", "CN-XZ", "road"),
    ("吉隆口岸", "CNGYR", "NP", "CN-XZ", "road"),
]
BORDER_EXTRA_GOODS = [
    ("trolley", "4202120000", "trolley cases", "PCS", 12.0, 4.2),
    ("slippers", "6402999000", "plastic slippers", "PAIR", 0.9, 0.3),
    ("phonecases", "3926909090", "mobile phone cases", "PCS", 0.5, 0.04),
    ("cables", "8544421900", "USB data cables", "PCS", 0.5, 0.03),
    ("chargers", "8504401400", "mobile phone chargers", "PCS", 2.0, 0.09),
    ("blankets", "6301400000", "polyester blankets", "PCS", 5.0, 2.0),
    ("ricecookers", "8516600000", "rice cookers", "PCS", 12.0, 2.8),
    ("mparts", "8714109000", "motorcycle parts", "KG", 3.5, 1.0),
    ("biscuits", "1905310000", "sweet biscuits", "KG", 2.0, 1.0),
    ("apples", "0808100000", "fresh apples", "KG", 0.9, 1.0),
    ("jackets", "6201930000", "men's padded jackets", "PCS", 9.0, 1.2),
    ("trousers", "6203430000", "men's trousers", "PCS", 4.0, 0.45),
]
# Goods seized in 2016 operations, exported by the makers of their home regions, at normal prices:
# (goods, home regions, operation windows (from, to) or None for all year, destinations).
CAMPAIGN_MAKERS = [
    (("hoverboards", "8711900090", "electric self-balancing scooters", "PCS", 130.0, 11.0),
     ["CN-ZJ", "CN-GD", "CN-JS"], [("2016-11-15", "2016-12-30")], ["US", "DE", "GB", "FR", "NL", "AU", "RU", "CA"]),
    (("padlocks", "8301100000", "padlocks", "PCS", 1.6, 0.25), ["CN-ZJ", "CN-SD"], None,
     ["US", "AE", "NG", "MX", "BR", "IN", "DE", "SA", "EG"]),
    (("sewing_home", "8452101000", "household sewing machines", "PCS", 45.0, 11.0), ["CN-ZJ", "CN-SH"], None,
     ["NG", "IN", "BD", "BR", "MX", "EG", "PK", "VN", "US"]),
    (("sewing_ind", "8452290000", "industrial sewing machines", "PCS", 260.0, 40.0), ["CN-ZJ", "CN-SH"], None,
     ["BD", "VN", "IN", "PK", "KH", "MX", "BR", "TR", "EG"]),
    (("rods", "9507100000", "carbon fishing rods", "PCS", 9.0, 0.4), ["CN-SD"], None,
     ["US", "JP", "KR", "DE", "AU", "RU", "BR", "GB"]),
    (("reels", "9507300000", "fishing reels", "PCS", 8.0, 0.3), ["CN-SD", "CN-GD"], None,
     ["US", "JP", "KR", "DE", "AU", "RU", "GB"]),
    (("brakes", "8708301000", "brake pads", "SET", 6.0, 0.9), ["CN-ZJ", "CN-SD", "CN-HE"],
     [("2016-03-01", "2016-04-30")], ["US"]),
    (("filters", "8421230000", "oil filters", "PCS", 2.2, 0.3), ["CN-ZJ", "CN-HE"],
     [("2016-03-01", "2016-04-30")], ["US"]),
    (("chargers", "8504401400", "mobile phone chargers", "PCS", 2.6, 0.09), ["CN-GD"],
     [("2016-03-01", "2016-04-30")], ["US"]),
    (("sneakers", "6404190000", "sports shoes", "PAIR", 6.0, 0.8), ["CN-FJ", "CN-GD"],
     [("2016-03-01", "2016-04-30")], ["US"]),
]  # fmt: skip
LATAM = {"MX": 4, "BR": 4, "AR": 1.5, "CL": 2, "CO": 1.5, "PE": 1.5, "EC": 0.8, "PA": 1, "DO": 0.5, "GT": 0.5}
# Inland provinces whose trading companies buy shoes and garments on the coast and ship them from there.
INLAND = ["CN-CQ", "CN-SC", "CN-HN", "CN-HB", "CN-JX", "CN-AH", "CN-HA", "CN-GZ", "CN-SN", "CN-YN", "CN-SX"]
APPAREL = [
    ("casual", "6404199000", "casual shoes", "PAIR", 5.0, 0.7),
    ("sneakers", "6404190000", "sports shoes", "PAIR", 6.0, 0.8),
    ("leather", "6403990000", "men's leather shoes", "PAIR", 11.0, 0.9),
    ("tshirt", "6109100000", "cotton T-shirts", "PCS", 2.0, 0.2),
    ("summer", "6204440000", "women's summer dresses", "PCS", 3.5, 0.14),
    ("shorts", "6203420000", "men's cotton shorts", "PCS", 2.5, 0.2),
    ("coats", "6202930000", "women's padded winter coats", "PCS", 16.0, 1.8),
    ("down", "6201930000", "men's down jackets", "PCS", 24.0, 1.4),
    ("jeans", "6203423000", "denim jeans", "PCS", 6.0, 0.6),
    ("bags", "4202920000", "backpacks", "PCS", 4.5, 0.6),
]
COASTAL = {"CN-GD": ["CNHUA", "CNSZX", "CNCAN"], "CN-FJ": ["CNXMN", "CNFOC"], "CN-ZJ": ["CNNGB"], "CN-SH": ["CNSHA"]}
# Personal parcels: (goods, pieces (lo, hi), retail USD a piece).
PERSONAL = [
    (("shoes", "6404190000", "a pair of sports shoes", "PAIR", 0, 0.9), (1, 2), 35.0),
    (("shoes", "6403990000", "leather shoes", "PAIR", 0, 1.0), (1, 1), 45.0),
    (("garments", "6109100000", "T-shirts", "PCS", 0, 0.2), (1, 6), 8.0),
    (("garments", "6204430000", "dresses", "PCS", 0, 0.3), (1, 3), 15.0),
    (("coat", "6201930000", "winter coat", "PCS", 0, 1.6), (1, 1), 60.0),
    (("tea", "0902109000", "green tea (gift)", "KG", 0, 1.0), (1, 3), 30.0),
    (("scarf", "6214100000", "silk scarves (gift)", "PCS", 0, 0.08), (1, 4), 12.0),
    (("porcelain", "6911101900", "porcelain tea set (gift)", "SET", 0, 2.5), (1, 1), 40.0),
    (("toys", "9503008900", "toys (gift)", "PCS", 0, 0.3), (1, 5), 10.0),
]
# Words of everyday English that are also recorded marks: a house brand of two words may contain one of
# them (GOLDEN BULL sockets, MEAN WELL power supplies).
EVERYDAY_WORDS = {"APPLE", "SHELL", "HEAD", "GUARD", "PEAK", "BULL", "CLEAR", "LUX", "DOVE", "CREST", "GAP", "JACK",
                  "GULF", "TOTAL", "COACH", "GUESS", "CHIC", "SHARP", "RAZOR", "CROWN", "EAGLE", "TIGER", "PUMA",
                  "BUTTERFLY", "PIONEER", "SUN", "STAR", "LEE", "VANS"}  # fmt: skip
HOUSE_WORDS = ["GOLDEN", "GREAT", "SUPER", "HAPPY", "BLUE", "RED", "SUNNY", "OCEAN", "MEAN", "WELL", "KING", "ROYAL",
               "SMART", "POWER", "HOME", "CITY", "LUCKY", "NEW", "BRIGHT", "EAST", "DRAGON", "SILVER"]  # fmt: skip
# Goods house brands are printed on (the maker's own goods; any family).
HOUSE_GOODS = [g for fam in ("electrical", "lighting", "tools", "bags", "toys", "appliance", "shoes", "apparel",
               "parts", "lock", "pen", "sportgoods") for g in FAMILY_GOODS[fam]]  # fmt: skip
HOUSE_GOODS += [("psu", "8504409990", "switching power supplies", "PCS", 9.0, 0.4)]
#: Goods contract factories do not make for a foreign holder (blended, brewed or formulated under licence).
NOT_OEM = {"oil", "meds", "wine", "spirit", "softdrinks", "biscuits", "sauce", "skincare", "shampoo", "toothpaste"}
DISTRIBUTOR_SUFFIX = ["TRADING LLC", "DISTRIBUTION LTD", "IMPORT EXPORT SARL", "GMBH", "S.A. DE C.V.", "FZE", "PTY LTD"]


def _slug(mark: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", mark.upper())[:10] or "MARK"


class Register:
    """What the generator needs from the shipped lists."""

    def __init__(self) -> None:
        marks, _ = load_list_file(LISTS / "recorded_marks.yaml")
        regions, _ = load_list_file(LISTS / "regions.yaml")
        offices, _ = load_list_file(LISTS / "offices.yaml")
        pre, _ = load_list_file(LISTS / "preconfirmations.yaml")
        self.notation = Notation(offices.items, regions.items)
        self.usual = {r.code: list(r.usual_offices) for r in regions.items if r.usual_offices}
        self.home_offices: dict[str, list[str]] = {}
        for o in offices.items:
            if o.province:
                self.home_offices.setdefault(o.province, []).append(o.code)
        self.pre = list(pre.items) if pre else []
        self.uses = []  # (mark item, family goods) for marks with parties and goods we can generate
        self.marked = []  # every trademark valid through 2016 with goods we can generate
        for it in marks.items:
            if it.right != "trademark" or (it.valid_to and it.valid_to.year < 2017):
                continue
            goods = [g for g in _goods_for(it.goods)]
            if goods:
                self.marked.append((it, goods))
                if it.parties:
                    self.uses.append((it, goods))
        self.foreign = [u for u in self.marked if u[0].origin == "foreign"]
        self.domestic = [u for u in self.marked if u[0].origin == "domestic" and u[0].regions]
        names = {it.mark.upper(): (it, g) for it, g in self.marked}
        self.word_marks = [names[w] for w in sorted(EVERYDAY_WORDS) if w in names]

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

    def _export(self, office: str, mode: str, trade: str, tid: str, t: dict, region: str, dest: str) -> dict:
        return self.header("export", office, mode, trade, tid, t, region, "CN", dest)

    def _export_goods(self) -> tuple:
        weights = [self.EXPORT_WEIGHTS.get(g[0], 1) for g in self.EXPORT_GOODS]
        return self.r.choices(self.EXPORT_GOODS, weights=weights)[0]

    def _distributor(self, dest: str) -> str:
        word = self.r.choice(["ATLAS", "NOVA", "PRIME", "UNITED", "ANDES", "NILE", "BALTIC", "PACIFIC", "ALPHA"])
        return f"{word} {self.r.choice(DISTRIBUTOR_SUFFIX)}"

    def mark_use_export(self) -> None:
        """The holder, a group plant or a licensed (OEM) factory on the register exports goods under the mark,
        to the holder abroad or to distributors."""
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
        to_holder = kind == "licensee" or (foreign and self.r.random() < 0.5)
        dest = holder_country(it.holder) if to_holder else self.pick(self.DESTINATIONS)
        trade = "processing" if kind == "licensee" and self.r.random() < 0.4 else "general"
        mode = "air" if goods[4] > 80 and self.r.random() < 0.5 else "sea"
        h = self._export(self._office_for(region), mode, trade, tid, t, region, dest)
        h["trade_mode_code"] = "0615" if trade == "processing" else "0110"
        h["overseas_party"] = holder_party(it.holder, it.mark) if to_holder else self._distributor(dest)
        self.emit(h, [self.line(goods, self._qty(goods[4], 60000), it)])

    def unlisted_plant_export(self) -> None:
        """A plant or subsidiary of a holder that the register does not list (a new plant, a joint venture, a
        sales subsidiary) exports the holder's goods: domestic holders from their home provinces, foreign
        holders from their Chinese manufacturing bases."""
        if self.r.random() < 0.5 and self.reg.domestic:
            it, goods_list = self.r.choice(self.reg.domestic)
            region = self.r.choice(it.regions)
        else:
            it, goods_list = self.r.choice(self.reg.foreign)
            region = self.r.choice(["CN-GD", "CN-JS", "CN-SH", "CN-ZJ", "CN-TJ", "CN-FJ", "CN-SD", "CN-LN"])
        suffix = self.r.choice(["PLANT", "MFG", "SUB", "JV", "SALES"])
        tid = f"{region[3:]}-{_slug(it.mark)}-{suffix}-{self.r.randrange(11, 40)}"
        goods = self.r.choice(goods_list)
        t = self.trader(tid, region=region, type="manufacturer", own_agent=self.r.random() < 0.6)
        dest = self.pick(self.DESTINATIONS)
        mode = "air" if goods[4] > 80 and self.r.random() < 0.4 else "sea"
        h = self._export(self._office_for(region), mode, "general", tid, t, region, dest)
        to_holder = it.origin == "foreign" and self.r.random() < 0.5
        if to_holder:
            h["destination_country"] = holder_country(it.holder)
        h["overseas_party"] = holder_party(it.holder, it.mark) if to_holder else self._distributor(dest)
        self.emit(h, [self.line(goods, self._qty(goods[4], 50000), it)])

    def confirmed_oem_export(self) -> None:
        """A contract factory the register does not list ships the holder's goods to the holder: pre-confirmed
        (预确认) for the order."""
        marks = {it.mark: (it, g) for it, g in self.reg.marked}
        p = self.r.choice([p for p in self.reg.pre if p.mark in marks])
        tid, (it, goods_list), order = p.trader_id, marks[p.mark], p.order_ref
        goods_list = [g for g in goods_list if not p.goods or any(g[1].startswith(x) for x in p.goods)] or goods_list
        lo = p.valid_from.isoformat() if p.valid_from else "2016-01-04"
        hi = p.valid_to.isoformat() if p.valid_to else "2016-12-30"
        region = _province(tid) or "CN-GD"
        goods = self.r.choice(goods_list)
        t = self.trader(tid, region=region, type="manufacturer", own_agent=True)
        h = self._export(self._office_for(region), "sea", "processing", tid, t, region, holder_country(it.holder))
        start, stop = dt.date.fromisoformat(lo), min(dt.date.fromisoformat(hi), dt.date(2016, 12, 30))
        h["declared_at"] = self.date(max(start, dt.date(2016, 1, 4)), stop).isoformat()
        h["trade_mode_code"], h["overseas_party"], h["order_ref"] = "0615", holder_party(it.holder, it.mark), order
        self.emit(h, [self.line(goods, self._qty(goods[4], 50000), it)])

    def oem_export(self) -> None:
        """A contract (OEM) or licensed factory that is on no list ships a foreign holder's goods to the holder,
        its sourcing office or its licensee abroad (processing or general trade), at the contract price."""
        it, goods_list = self.r.choice([u for u in self.reg.foreign if any(g[0] not in NOT_OEM for g in u[1])])
        goods_list = [g for g in goods_list if g[0] not in NOT_OEM]
        region = self.r.choice(["CN-GD", "CN-GD", "CN-FJ", "CN-ZJ", "CN-JS", "CN-SD", "CN-JX", "CN-HN", "CN-GX"])
        tid = f"{region[3:]}-MFG-{self.r.randrange(100, 999)}"
        goods = self.r.choice(goods_list)
        t = self.trader(tid, region=region, type="manufacturer", own_agent=self.r.random() < 0.5)
        to_licensee = self.r.random() < 0.25
        dest = self.pick(self.DESTINATIONS) if to_licensee else holder_country(it.holder)
        trade = "processing" if self.r.random() < 0.45 else "general"
        h = self._export(self._office_for(region), "sea", trade, tid, t, region, dest)
        h["trade_mode_code"] = self.r.choice(["0214", "0615"]) if trade == "processing" else "0110"
        holder = holder_party(it.holder, it.mark)
        h["overseas_party"] = (
            (f"{it.mark} {self.r.choice(DISTRIBUTOR_SUFFIX)}" if self.r.random() < 0.5 else self._distributor(dest))
            if to_licensee
            else self.r.choice([holder, f"{holder} SOURCING", f"{holder} (HK) LTD", f"{holder} EUROPE B.V."])
        )
        if self.r.random() < 0.3:
            h["order_ref"] = f"PO{self.r.randrange(10**6, 10**7)}"
        self.emit(h, [self.line(goods, self._qty(goods[4], 40000), it, sigma=0.3)])

    def domestic_brand_resale(self) -> None:
        """A trading company of another province resells genuine goods of a domestic brand (appliances,
        switches, sewing machines, sports shoes, phones, tyres) it bought from the maker or a wholesaler."""
        it, goods_list = self.r.choice(self.reg.domestic)
        home = [f"CN-{p}" for p in sorted(PROVINCES) if f"CN-{p}" not in it.regions and f"CN-{p}" in self.reg.usual]
        region = self.r.choice(home)
        tid = f"{region[3:]}-TRADE-{self.r.randrange(100, 999)}"
        goods = self.r.choice(goods_list)
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.4)
        source = self.r.choice(it.regions) if self.r.random() < 0.6 else region
        office = self._office_for(source if self.r.random() < 0.6 else region)
        dest = self.pick({**self.DESTINATIONS, "NG": 2, "GH": 1, "KE": 1, "ET": 1, "IQ": 1, "KZ": 1, "UZ": 1})
        h = self._export(office, "sea", "general", tid, t, source, dest)
        h["trader_region"] = self.region_name(region)
        self.emit(h, [self.line(goods, self._qty(goods[4], 15000), it)])

    def holder_import(self) -> None:
        """A foreign holder's China subsidiary imports its own goods."""
        it, goods_list = self.r.choice([u for u in self.reg.uses if u[0].origin == "foreign"])
        tid = (self.reg.parties(it, "holder") or [None])[0]
        if tid is None:
            return
        region = _province(tid)
        goods = self.r.choice(goods_list)
        origin = self.r.choice([holder_country(it.holder), "VN", "ID", "MY", "TH", "JP", "DE", "US"])
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.4)
        mode = "air" if goods[4] > 50 else "sea"
        h = self.header("import", self._office_for(region), mode, "general", tid, t, region, origin, "CN")
        h["trade_mode_code"], h["overseas_party"] = "0110", holder_party(it.holder, it.mark)
        premium = (goods[0], goods[1], goods[2], goods[3], goods[4] * 1.8, goods[5])  # the brand premium
        self.emit(h, [self.line(premium, self._qty(premium[4], 80000), it, sigma=0.3)])

    def parallel_import(self) -> None:
        """An independent importer on no list brings in genuine branded goods bought abroad (lubricants,
        cosmetics, auto parts, watches ...): not an infringement in China."""
        uses = [(it, [g for g in gl if g[0] in PARALLEL_GOODS]) for it, gl in self.reg.foreign]
        it, goods_list = self.r.choice([u for u in uses if u[1]])
        goods = self.r.choice(goods_list)
        region = self.r.choice(["CN-SH", "CN-GD", "CN-ZJ", "CN-JS", "CN-BJ", "CN-TJ", "CN-FJ", "CN-SD", "CN-LN"])
        tid = f"{region[3:]}-IMP-{self.r.randrange(100, 999)}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.5)
        origin = self.r.choice([holder_country(it.holder), "HK", "SG", "DE", "US", "JP", "KR", "AE", "MY", "BE"])
        mode = "air" if goods[4] > 50 else "sea"
        h = self.header("import", self._office_for(region), mode, "general", tid, t, region, origin, "CN")
        h["departure_country"] = origin
        h["trade_mode_code"], h["overseas_party"] = "0110", self._distributor(origin)
        price = (goods[0], goods[1], goods[2], goods[3], goods[4] * self.r.uniform(1.3, 2.2), goods[5])
        self.emit(h, [self.line(price, self._qty(price[4], 40000), it, sigma=0.3)])

    def market_procurement(self) -> None:
        """A Yiwu trader's mixed load of small commodities (1039), lodged at Yiwu, leaving by a port or by
        rail; a few lines are genuinely cheap goods."""
        tid = f"ZJ-YW-MARKET-{self.r.randrange(1, 60):02d}"
        t = self.trader(tid, region="CN-ZJ", type="trading_company", own_agent=self.r.random() < 0.3)
        dest = self.pick({**MARKET_DESTS, **LATAM} if self.r.random() < 0.3 else MARKET_DESTS)
        exit_office, mode = ("CNNGB", "sea") if self.r.random() < 0.75 else ("CNSHA", "sea")
        if dest in ("KZ", "UZ", "KG", "RU") and self.r.random() < 0.5:
            exit_office, mode = ("CNKHG" if dest != "RU" else "CNMZL"), "rail"
        kinds = self.r.sample(MARKET_GOODS, k=self.r.randint(3, 9))
        kinds += self.r.sample(GENUINELY_CHEAP, k=self.r.choice([0, 0, 1, 2]))
        lines = [self.line(g, self._qty(g[4], 2500, 0.7)) for g in kinds]
        h = self._export(self.r.choice(["Yiwu", "CNYIW", "义乌海关", "Yiwu Customs", "2900"]), mode, "other", tid, t,
                         "CN-ZJ", dest)  # fmt: skip
        h["exit_office"], h["trade_mode_code"] = exit_office, "1039"
        self.emit(h, lines)

    def ecommerce_b2b(self) -> None:
        """A cross-border e-commerce seller's B2B export to an overseas warehouse (9810) or buyer (9710)."""
        region = self.r.choice(["CN-GD", "CN-GD", "CN-ZJ", "CN-FJ", "CN-JS"])
        tid = f"{region[3:]}-ECOM-B2B-{self.r.randrange(1, 30):02d}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=True)
        kinds = self.r.sample(ECOM_GOODS, k=self.r.randint(2, 6))
        lines = [self.line(g, self._qty(g[4], 3000, 0.6)) for g in kinds]
        mode = self.r.choice(["sea", "sea", "air", "express"])
        dest = self.r.choice(["US", "US", "DE", "GB", "FR", "JP", "AU", "CA"])
        h = self._export(self._office_for(region), mode, "cross_border_ecommerce", tid, t, region, dest)
        h["trade_mode_code"] = self.r.choice(["9810", "9710"])
        self.emit(h, lines)

    def ecommerce_consolidated(self) -> None:
        """A consolidator's load of retail e-commerce orders (9610) or bonded e-commerce stock (1210): many kinds
        of consumer goods, some genuinely cheap, often to Latin America, Russia or Europe."""
        region = self.r.choice(["CN-GD", "CN-GD", "CN-ZJ", "CN-FJ", "CN-SH", "CN-HA"])
        tid = f"{region[3:]}-ECOM-{self.r.randrange(1, 40):02d}"
        t = self.trader(tid, region=region, type=self.r.choice(["trading_company", "trade_service_platform"]),
                        own_agent=True)  # fmt: skip
        kinds = self.r.sample(ECOM_GOODS, k=self.r.randint(3, 7))
        kinds += self.r.sample(GENUINELY_CHEAP, k=self.r.randint(0, 2))
        lines = [self.line(g, self._qty(g[4], 1500, 0.7)) for g in kinds]
        dest = self.pick({**LATAM, "RU": 4, "US": 3, "ES": 1, "FR": 1, "IL": 1, "UA": 1})
        mode = self.r.choice(["air", "air", "express", "sea", "rail" if dest == "RU" else "sea"])
        h = self._export(self._office_for(region), mode, "cross_border_ecommerce", tid, t, region, dest)
        h["trade_mode_code"] = self.r.choice(["9610", "9610", "1210"])
        self.emit(h, lines)

    def border_small_trade(self) -> None:
        """A border-province trader's mixed load of consumer goods across a land border (4019), at normal
        prices: from coastal makers or its own province."""
        written, office, dest, region, mode = self.r.choice(BORDER_CROSSINGS)
        tid = f"{region[3:]}-BST-{office[2:]}-{self.r.randrange(1, 30):02d}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.6)
        kinds = self.r.sample(BORDER_GOODS + BORDER_EXTRA_GOODS, k=self.r.randint(1, 7))
        source = self.r.choice(["CN-GD", "CN-ZJ", "CN-FJ", region, region])
        lines = [self.line(g, self._qty(g[4], 4000, 0.6)) for g in kinds]
        h = self._export(office, mode, "border_trade", tid, t, source, dest)
        h["customs_office"] = written if self.r.random() < 0.6 else h["customs_office"]
        h["trade_mode_code"] = "4019"
        h["n_containers"] = self.r.randint(0, 2)
        self.emit(h, lines)

    def inland_apparel_export(self) -> None:
        """An inland trading company buys unbranded shoes, garments or bags on the coast and exports them from
        a coastal port (Guangzhou, Shenzhen, Xiamen, Ningbo): ordinary sourcing, far from its home."""
        region = self.r.choice(INLAND)
        tid = f"{region[3:]}-TRADE-{self.r.randrange(100, 999)}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.3)
        source = self.r.choice(list(COASTAL))
        kinds = self.r.sample(APPAREL, k=self.r.choice([1, 1, 2, 3]))
        lines = [self.line(g, self._qty(g[4], 15000, 0.6)) for g in kinds]
        dest = self.pick({**self.DESTINATIONS, "SG": 3, "MY": 2, "NG": 2, "AE": 3, "RU": 3})
        h = self._export(self.r.choice(COASTAL[source]), "sea", "general", tid, t, source, dest)
        h["trader_region"] = self.region_name(region)
        self.emit(h, lines)

    def integrated_clearance(self) -> None:
        """Lodged at the trader's home office (often inland), leaving by a port elsewhere (通关一体化)."""
        region = self.r.choice(
            ["CN-HA", "CN-SC", "CN-CQ", "CN-AH", "CN-JX", "CN-HN", "CN-HB", "CN-SN", "CN-ZJ", "CN-JS", "CN-SD",
             "CN-GZ", "CN-YN", "CN-SX", "CN-HE"]
        )  # fmt: skip
        home = self.reg.home_offices.get(region) or ["CNSHA"]
        office = self.r.choice(home)
        exits = [o for o in (self.reg.usual.get(region) or []) if o != office] or ["CNSHA"]
        exits += ["CNSHA", "CNNGB", "CNSZX", "CNTAO", "CNTSN", "CNXMN"]
        goods = self._export_goods()
        tid = f"{region[3:]}-EXP-{goods[0].upper()}-{self.r.randrange(40, 80)}"
        t = self.trader(
            tid, region=region, type=self.r.choice(["manufacturer", "trading_company"]), own_agent=self.r.random() < 0.5
        )
        h = self._export(office, "sea", "general", tid, t, region, self.pick(self.DESTINATIONS))
        h["exit_office"] = self.office_name(self.r.choice(exits))
        h["trade_mode_code"] = "0110"
        self.emit(h, [self.line(goods, self._qty(goods[4], 20000), self.r.choice([None, *self.OWN_BRANDS[:8]]))])

    def campaign_window_export(self) -> None:
        """A maker of goods seized in a 2016 operation exports them from its home region, inside the
        operation's window, at the normal price (hoverboards in Nov-Dec, auto parts and electronics to the
        USA in March-April, padlocks, sewing machines, fishing tackle any time)."""
        goods, regions, windows, dests = self.r.choice(CAMPAIGN_MAKERS)
        region = self.r.choice(regions)
        tid = f"{region[3:]}-MFG-{goods[0].upper()}-{self.r.randrange(1, 30):02d}"
        t = self.trader(tid, region=region, type="manufacturer", own_agent=self.r.random() < 0.5)
        dest = self.r.choice(dests)
        h = self._export(self._office_for(region), "sea", "general", tid, t, region, dest)
        if windows:
            lo, hi = self.r.choice(windows)
            h["declared_at"] = self.date(dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)).isoformat()
        brand = self.r.choice([None, None, *self.OWN_BRANDS])
        self.emit(h, [self.line(goods, self._qty(goods[4], 25000), brand, sigma=0.25)])

    def cheap_goods(self) -> None:
        """A small maker's low-grade goods or clearance lot at a genuinely low price."""
        g = self.r.choice(CHEAP_GOODS)
        region = self.r.choice(CHEAP_REGIONS)
        tid = f"{region[3:]}-EXP-CHEAP-{g[0].upper()}-{self.r.randrange(1, 20):02d}"
        t = self.trader(tid, region=region, type="manufacturer", own_agent=self.r.random() < 0.5)
        desc = f"{g[2]} (low grade)" if self.r.random() < 0.5 else g[2]
        cheap = (g[0], g[1], desc, g[3], g[4] * self.r.uniform(0.3, 0.55), g[5])
        h = self._export(self._office_for(region), "sea", "general", tid, t, region, self.pick(self.DESTINATIONS))
        self.emit(h, [self.line(cheap, self._qty(cheap[4], 8000), None, sigma=0.2)])

    def genuinely_cheap_export(self) -> None:
        """Goods whose normal price is a few cents (EVA slippers, flip-flops, stickers, buttons, cable ties,
        plastic ornaments), exported by their makers or Yiwu/Jinjiang traders."""
        g = self.r.choice(GENUINELY_CHEAP)
        region = self.r.choice(["CN-ZJ", "CN-ZJ", "CN-FJ", "CN-GD", "CN-JS", "CN-JX"])
        tid = f"{region[3:]}-EXP-{g[0].upper()}-{self.r.randrange(1, 30):02d}"
        t = self.trader(tid, region=region, type=self.r.choice(["manufacturer", "trading_company"]),
                        own_agent=self.r.random() < 0.5)  # fmt: skip
        dest = self.pick({**self.DESTINATIONS, **LATAM, "NG": 2, "GH": 1, "AE": 2})
        h = self._export(self._office_for(region), "sea", "general", tid, t, region, dest)
        self.emit(h, [self.line(g, self._qty(g[4], 9000), self.r.choice([None, None, *self.OWN_BRANDS]), sigma=0.3)])

    def lookalike_house_brand(self) -> None:
        """A maker exporting under its own house brand that happens to be close to a famous mark: a name of
        its own (CONVERGE, HAIRE), or two words one of which is an everyday word recorded as a mark (GOLDEN
        BULL, MEAN WELL), mostly on goods outside the mark's goods, sometimes on the same goods."""
        if self.r.random() < 0.4:
            brand, region, goods = self.r.choice(LOOKALIKE_HOUSE_BRANDS)
        else:
            it, mark_goods = self.r.choice(self.reg.word_marks)
            other = self.r.choice([w for w in HOUSE_WORDS if w != it.mark])
            brand = f"{other} {it.mark}" if self.r.random() < 0.6 else f"{it.mark} {other}"
            goods = self.r.choice(mark_goods if self.r.random() < 0.35 else HOUSE_GOODS)
            region = self.r.choice(["CN-GD", "CN-ZJ", "CN-FJ", "CN-JS", "CN-SD", "CN-HE"])
        tid = f"{region[3:]}-{_slug(brand)}-{self.r.randrange(1, 9):02d}"
        t = self.trader(tid, region=region, type="manufacturer", own_agent=True)
        h = self._export(self._office_for(region), "sea", "general", tid, t, region, self.pick(self.DESTINATIONS))
        self.emit(h, [self.line(goods, self._qty(goods[4], 25000), brand)])

    def first_time_export(self) -> None:
        """A newly registered trader's first export: ordinary goods, often through an agent."""
        goods = self._export_goods()
        region = self.r.choice(goods[6])
        tid = f"{region[3:]}-NEW-{self.n:05d}"
        t = self.trader(tid, region=region, type=self.r.choice(["trading_company", "trading_company", "manufacturer"]),
                        own_agent=self.r.random() < 0.3)  # fmt: skip
        h = self._export(self._office_for(region), "sea", "general", tid, t, region, self.pick(self.DESTINATIONS))
        self.emit(h, [self.line(goods, self._qty(goods[4], 8000, 0.8), self.r.choice([None, None, *self.OWN_BRANDS]))])

    def personal_parcel(self) -> None:
        """A person's parcel abroad (a pair of shoes, a few garments, a gift) or a maker's samples by express;
        the shoes or garments may carry a genuine mark bought in a shop."""
        region = self.r.choice(list(self.PARCEL_OFFICES))
        office = self.r.choice(self.PARCEL_OFFICES[region])
        dest = self.pick({**self.PARCEL_DESTINATIONS, "CA": 4, "NZ": 1, "SG": 2, "MY": 1, "TH": 1})
        if self.r.random() < 0.3:  # samples
            goods = self._export_goods()
            tid = f"{region[3:]}-EXP-{goods[0].upper()}-{self.r.randrange(1, 9):02d}"
            t = self.trader(tid, region=region, type="manufacturer", own_agent=True)
            h = self._export(office, "express", "other", tid, t, region, dest)
            h["trade_mode_code"] = "3010"
            sample = (goods[0], goods[1], f"samples of {goods[2]}", goods[3], goods[4], goods[5])
            self.emit(h, [self.line(sample, self.r.randint(1, 20), self.r.choice([None, *self.OWN_BRANDS]))])
            return
        tid = f"{region[3:]}-P-{self.n:06d}"
        t = self.trader(tid, region=region, type="individual", own_agent=True)
        h = self._export(office, self.r.choice(["postal", "postal", "express"]), "other", tid, t, region, dest)
        h["trade_mode_code"] = None
        lines = []
        for goods, (lo, hi), usd in self.r.sample(PERSONAL, k=self.r.choice([1, 1, 1, 2])):
            brand = None
            if goods[0] in ("shoes", "garments", "coat") and self.r.random() < 0.35:
                marks = [u[0] for u in self.reg.marked if any(goods[1].startswith(p) for p in u[0].goods)]
                brand = self.r.choice(marks or [None])
            retail = (goods[0], goods[1], goods[2], goods[3], usd, goods[5])
            lines.append(self.line(retail, self.r.randint(lo, hi), brand, currency=self.r.choice(["USD", "CNY"])))
        self.emit(h, lines)
