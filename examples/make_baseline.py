"""Generate the clean baseline (`examples/baseline.csv`) and the demo input (`examples/declarations.csv`).

The baseline is legitimate 2016 trade, as varied as China's real trade, in the DESIGN goods-line columns:
ordinary exports and imports, and the legitimate forms that share surface features with the seizures
(`legit_trade.py`: recorded marks used by holders, their plants, licensees and contract factories, on a
list or not; genuine domestic brands resold by traders of other provinces; genuine parallel imports; house
brands close to famous marks; market procurement, e-commerce and border small trade mixed loads;
integrated clearance; inland traders shipping from coastal ports; makers exporting inside operation
windows; genuinely cheap goods; first-time exporters; personal parcels and samples), written as real
declarations write them (`notation.py`: offices as codes, customs codes, names and sub-offices; marks in
Chinese, mixed case, sub-brands, abbreviations; "no brand" in a dozen forms; HS codes of 10, 8 or 6
digits). Nothing in it is an infringement: every declaration the profile sends to inspection is a false
alarm, and `riskprofile replay` reports their share and each rule's part.

How the mix follows 2016 (sources and our estimates):
- Exports were 13.84 trillion RMB (MOFCOM/GACC, April 2017, gov.cn); mechanical and electrical products
  about 57% of export value (GACC annual release; ~57% also in MOFCOM's monthly figures); by HS section
  (OEC 2016 as summarised by icontainers.com, Dec 2017): machines (84-85) 43%, textiles 12%, metals 7.3%,
  chemicals 4.6%, transport 4.5%, plastics and rubber 3.9%. Destinations: US ~19%, Hong Kong ~14%,
  Japan ~6%, Korea ~4.6%, Germany ~3.2% (same sources) -- `DESTINATIONS`.
- The generated exports come to about 46% of export value in HS 84-85 and 50% in 84/85/87/90 (the GACC
  figure counts more chapters as mechanical and electrical), about 20% in textiles, garments and footwear
  (50-67), about 10% in furniture, lamps and toys (94-96); tests/test_baseline.py checks these bands.
- Shares of *declarations* by kind (`baseline`'s `kinds`) are our estimates: parcels and small loads are
  many declarations of little value, machinery few of great value (`LINE_VALUE`). About 19% of
  declarations are imports. Marks used legitimately (holders, plants, licensees, OEM factories, resellers,
  parallel importers) are about a fifth of declarations, as China makes much of the world's branded
  shoes, apparel, electronics and appliances (processing trade was about a third of 2016 export value).

Deterministic: `python examples/make_baseline.py` (seed 2016, 3000 declarations) always writes the same
files for the same rules/lists (the generator reads the register, offices and regions from them).

    python examples/make_baseline.py [--seed 2016] [--declarations 3000] [--out examples/baseline.csv]
                                     [--labels forms.csv]   # which legitimate form each declaration is

To see which legitimate forms a rule's false alarms come from, join `riskprofile score examples/baseline.csv
--json` with the labels on decl_id.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
from pathlib import Path

import polars as pl
from legit_trade import LegitTrade, Register

from riskprofile.model.declaration import DECLARATION_SCHEMA, OPTIONAL_SCHEMA

#: The DESIGN columns (declaration schema) and the optional header columns this baseline fills.
FILLED_OPTIONAL = ("overseas_party", "exit_office", "trade_mode_code", "order_ref")
assert set(FILLED_OPTIONAL) <= set(OPTIONAL_SCHEMA)
COLUMNS = [*DECLARATION_SCHEMA, *FILLED_OPTIONAL]

# ---------------------------------------------------------------------------------------------------
# Goods catalogue: (key, hs_code, description, unit, typical USD per unit, kg per unit, source regions)
# Typical values are rough 2016 levels (our estimates), consistent with rules/lists/reference_values.yaml.
EXPORT_GOODS = [
    ("furniture", "9403609990", "wooden furniture", "PCS", 70.0, 23.0, ["CN-GD", "CN-ZJ", "CN-FJ", "CN-JX"]),
    ("led", "9405409000", "LED lamps", "PCS", 6.0, 0.8, ["CN-GD", "CN-ZJ", "CN-JS"]),
    ("fabric", "5407520000", "polyester woven fabric", "KG", 3.2, 1.0, ["CN-ZJ", "CN-JS", "CN-FJ"]),
    ("tshirt", "6109100000", "cotton T-shirts", "PCS", 2.0, 0.25, ["CN-ZJ", "CN-JS", "CN-GD", "CN-FJ", "CN-SD"]),
    ("jacket", "6201931000", "men's padded jackets", "PCS", 12.0, 1.1, ["CN-FJ", "CN-ZJ", "CN-JS", "CN-SD"]),
    ("dress", "6204430000", "women's dresses", "PCS", 6.0, 0.3, ["CN-ZJ", "CN-GD", "CN-JS"]),
    ("sneakers", "6404190000", "sports shoes", "PAIR", 5.0, 0.8, ["CN-FJ", "CN-GD", "CN-ZJ", "CN-JX"]),
    ("sandals", "6402991000", "plastic sandals", "PAIR", 3.0, 0.4, ["CN-FJ", "CN-GD", "CN-ZJ"]),
    ("bags", "4202920000", "backpacks", "PCS", 5.0, 0.7, ["CN-GD", "CN-FJ", "CN-ZJ", "CN-HE"]),
    ("toys", "9503008900", "plastic toys", "PCS", 1.0, 0.12, ["CN-GD", "CN-ZJ", "CN-JS"]),
    ("ceramics", "6911101900", "porcelain tableware", "KG", 1.4, 1.0, ["CN-GD", "CN-FJ", "CN-JX", "CN-HN"]),
    ("screws", "7318159000", "steel bolts and screws", "KG", 1.8, 1.0, ["CN-ZJ", "CN-JS", "CN-HE", "CN-SD"]),
    ("valves", "8481804090", "stainless steel ball valves", "PCS", 9.0, 1.5, ["CN-ZJ", "CN-SH", "CN-JS"]),
    ("fans", "8414519900", "electric table fans", "PCS", 11.0, 2.6, ["CN-GD", "CN-ZJ"]),
    ("kettles", "8516109000", "electric kettles", "PCS", 8.0, 1.2, ["CN-GD", "CN-ZJ"]),
    ("laptops", "8471300000", "notebook computers", "PCS", 290.0, 2.2, ["CN-SH", "CN-JS", "CN-CQ", "CN-SC"]),
    ("phonecases", "3926909090", "silicone phone cases", "PCS", 0.8, 0.04, ["CN-GD", "CN-ZJ"]),
    ("chargers", "8504401400", "mobile phone chargers", "PCS", 2.6, 0.09, ["CN-GD"]),
    ("earphones", "8518300000", "earphones", "PCS", 3.0, 0.05, ["CN-GD"]),
    ("solar", "8541402000", "solar cells", "PCS", 1.1, 0.01, ["CN-JS", "CN-ZJ", "CN-HE"]),
    ("steel", "7208390000", "hot-rolled steel coils", "KG", 0.42, 1.0, ["CN-HE", "CN-JS", "CN-SD", "CN-LN"]),
    ("tyres", "4011100000", "passenger car tyres", "PCS", 32.0, 9.0, ["CN-SD", "CN-JS", "CN-ZJ"]),
    ("brakes", "8708301000", "brake pads", "SET", 5.0, 0.9, ["CN-ZJ", "CN-SD", "CN-HA", "CN-HE"]),
    ("padlocks", "8301100000", "iron padlocks", "PCS", 1.5, 0.2, ["CN-ZJ"]),
    ("sewing", "8452290000", "industrial sewing machine heads", "PCS", 120.0, 40.0, ["CN-ZJ", "CN-SH"]),
    ("scooters", "8711900090", "electric scooters", "PCS", 180.0, 12.0, ["CN-ZJ", "CN-JS", "CN-GD", "CN-TJ"]),
    ("rods", "9507100000", "carbon fishing rods", "PCS", 9.0, 0.5, ["CN-SD"]),
    ("lighters", "9613100000", "disposable lighters", "PCS", 0.12, 0.02, ["CN-ZJ", "CN-HN"]),
    ("sunglasses", "9004100000", "sunglasses", "PCS", 1.2, 0.03, ["CN-ZJ", "CN-GD"]),
    ("watches", "9102110000", "quartz wrist watches", "PCS", 3.0, 0.08, ["CN-GD", "CN-FJ"]),
    ("hairclips", "9615190000", "hair clips", "PCS", 0.15, 0.01, ["CN-ZJ"]),
    ("garlic", "0703200000", "fresh garlic", "KG", 1.0, 1.0, ["CN-SD", "CN-JS", "CN-HA"]),
    ("tea", "0902109000", "green tea", "KG", 5.5, 1.0, ["CN-FJ", "CN-ZJ", "CN-AH", "CN-HN"]),
    ("medicines", "3004909099", "medicaments in tablets", "KG", 30.0, 1.0, ["CN-ZJ", "CN-JS", "CN-SD", "CN-HE"]),
    ("cosmetics", "3304990000", "skin care preparations", "KG", 10.0, 1.0, ["CN-GD", "CN-ZJ", "CN-SH"]),
    ("socks", "6115950000", "cotton socks", "PAIR", 0.5, 0.05, ["CN-ZJ"]),
    ("caps", "6505009900", "baseball caps", "PCS", 1.5, 0.1, ["CN-HE", "CN-GD", "CN-ZJ"]),
    ("tiles", "6907210000", "ceramic floor tiles", "KG", 0.4, 1.0, ["CN-GD", "CN-FJ", "CN-JX"]),
    ("monitors", "8528521200", "LCD monitors", "PCS", 75.0, 4.5, ["CN-GD", "CN-JS", "CN-FJ"]),
    ("routers", "8517622990", "wireless routers", "PCS", 14.0, 0.35, ["CN-GD"]),
    ("motors", "8501520000", "electric motors", "PCS", 60.0, 12.0, ["CN-ZJ", "CN-JS", "CN-SD", "CN-FJ"]),
    ("pumps", "8413709990", "centrifugal pumps", "PCS", 80.0, 15.0, ["CN-ZJ", "CN-JS", "CN-SD"]),
    ("cables", "8544492900", "insulated electric cables", "KG", 4.0, 1.0, ["CN-ZJ", "CN-JS", "CN-GD", "CN-HE"]),
    ("pcb", "8534009000", "printed circuit boards", "KG", 35.0, 1.0, ["CN-GD", "CN-JS"]),
    ("microwaves", "8516500000", "microwave ovens", "PCS", 45.0, 13.0, ["CN-GD"]),
    ("compressors", "8414301900", "refrigeration compressors", "PCS", 55.0, 10.0, ["CN-ZJ", "CN-JS", "CN-GD", "CN-AH"]),
    ("machparts", "8483109000", "transmission shafts", "PCS", 40.0, 8.0, ["CN-ZJ", "CN-JS", "CN-SD", "CN-LN"]),
    ("coats", "6202930000", "women's padded winter coats", "PCS", 16.0, 1.8, ["CN-ZJ", "CN-JS", "CN-FJ", "CN-SD"]),
    ("suitcases", "4202121000", "trolley suitcases", "PCS", 14.0, 4.5, ["CN-ZJ", "CN-GD", "CN-HE", "CN-FJ"]),
    ("summer", "6204440000", "women's summer dresses", "PCS", 3.5, 0.14, ["CN-ZJ", "CN-GD", "CN-JS"]),
]
IMPORT_GOODS = [
    ("ironore", "2601111000", "iron ore fines", "KG", 0.055, 1.0, ["AU", "BR"]),
    ("soybeans", "1201900000", "soybeans", "KG", 0.40, 1.0, ["BR", "US", "AR"]),
    ("ics", "8542319000", "integrated circuits (processors)", "PCS", 0.9, 0.002, ["KR", "TW", "JP", "MY"]),
    ("machines", "8479899990", "industrial machinery", "PCS", 48000.0, 3500.0, ["DE", "JP", "IT", "KR"]),
    ("meddevices", "9018909919", "medical instruments", "PCS", 900.0, 8.0, ["DE", "US", "JP"]),
    ("milk", "0402210000", "whole milk powder", "KG", 3.0, 1.0, ["NZ", "AU", "NL"]),
    ("beef", "0202300090", "frozen boneless beef", "KG", 4.5, 1.0, ["AU", "BR", "UY"]),
    ("wine", "2204210000", "bottled red wine", "L", 5.0, 1.2, ["FR", "AU", "CL", "ES"]),
    ("copper", "7403111000", "refined copper cathodes", "KG", 4.8, 1.0, ["CL", "PE", "ZM"]),
    ("plastics", "3901100001", "polyethylene granules", "KG", 1.1, 1.0, ["KR", "SA", "SG"]),
    ("baseoil", "2710199300", "base oil for blending", "KG", 0.75, 1.0, ["KR", "SG", "US"]),
    ("fruit", "0810909000", "fresh dragon fruit", "KG", 0.8, 1.0, ["VN"]),
    ("timber", "4403990090", "logs", "KG", 0.16, 1.0, ["RU"]),
]
# Branded goods declared by the mark's holder or licensee (ids as in rules/lists/recorded_marks.yaml).
BRANDED_EXPORTS = [
    # (trader id, trader region, type, office, goods key, brand)
    (
        "GD-SZ-HUAWEI-01",
        "CN-GD",
        "manufacturer",
        "CNSZX",
        ("phones", "8517120090", "mobile phones", "PCS", 160.0, 0.3),
        "HUAWEI",
    ),
    (
        "OEM-HA-FOXCONN-01",
        "CN-HA",
        "manufacturer",
        "CNCGO",
        ("phones", "8517120090", "mobile phones", "PCS", 420.0, 0.3),
        "APPLE",
    ),
    (
        "BJ-XIAOMI-01",
        "CN-BJ",
        "manufacturer",
        "CNPEK",
        ("phones", "8517120090", "mobile phones", "PCS", 120.0, 0.3),
        "XIAOMI",
    ),
    (
        "GD-ZH-GREE-01",
        "CN-GD",
        "manufacturer",
        "CNZUH",
        ("aircon", "8415102190", "split air conditioners", "PCS", 260.0, 38.0),
        "GREE",
    ),
    (
        "SD-QD-HAIER-01",
        "CN-SD",
        "manufacturer",
        "CNTAO",
        ("fridges", "8418211000", "household refrigerators", "PCS", 210.0, 55.0),
        "HAIER",
    ),
    (
        "SC-CHANGHONG-01",
        "CN-SC",
        "manufacturer",
        "CNCTU",
        ("tvs", "8528721100", "LED televisions", "PCS", 180.0, 12.0),
        "CHANGHONG",
    ),
    (
        "FJ-JJ-ANTA-01",
        "CN-FJ",
        "manufacturer",
        "CNXMN",
        ("sneakers", "6404190000", "sports shoes", "PAIR", 9.0, 0.8),
        "ANTA",
    ),
    (
        "BJ-LINING-01",
        "CN-BJ",
        "manufacturer",
        "CNTSN",
        ("tshirt", "6109100000", "sports T-shirts", "PCS", 4.0, 0.25),
        "LI-NING",
    ),
    (
        "OEM-GD-DG-SHOES-01",
        "CN-GD",
        "manufacturer",
        "CNHUA",
        ("sneakers", "6404190000", "sports shoes", "PAIR", 11.0, 0.8),
        "NIKE",
    ),
    (
        "OEM-FJ-JJ-SHOES-01",
        "CN-FJ",
        "manufacturer",
        "CNXMN",
        ("sneakers", "6404190000", "sports shoes", "PAIR", 10.0, 0.8),
        "ADIDAS",
    ),
    (
        "OEM-JS-APPAREL-01",
        "CN-JS",
        "manufacturer",
        "CNSHA",
        ("tshirt", "6109100000", "sports T-shirts", "PCS", 3.5, 0.25),
        "NIKE",
    ),
    (
        "TI-SC-CHENGDU-01",
        "CN-SC",
        "manufacturer",
        "CNCTU",
        ("ics", "8542339000", "integrated circuits", "PCS", 1.2, 0.0003),
        "TEXAS INSTRUMENTS",
    ),
    (
        "INTEL-SC-CHENGDU-01",
        "CN-SC",
        "manufacturer",
        "CNCTU",
        ("ics", "8542319000", "processors", "PCS", 95.0, 0.02),
        "INTEL",
    ),
    (
        "SAMSUNG-TJ-01",
        "CN-TJ",
        "manufacturer",
        "CNTSN",
        ("phones", "8517120090", "mobile phones", "PCS", 150.0, 0.3),
        "SAMSUNG",
    ),
    (
        "LIC-GD-DISNEY-TOYS-01",
        "CN-GD",
        "manufacturer",
        "CNSZX",
        ("toys", "9503002100", "plush toys", "PCS", 2.5, 0.2),
        "DISNEY",
    ),
    (
        "SD-YANTAI-TRICIRCLE-01",
        "CN-SD",
        "manufacturer",
        "CNYNT",
        ("padlocks", "8301100000", "brass padlocks", "PCS", 2.4, 0.25),
        "TRI-CIRCLE",
    ),
    (
        "SH-BUTTERFLY-SEW-01",
        "CN-SH",
        "manufacturer",
        "CNSHA",
        ("sewing", "8452100000", "household sewing machines", "PCS", 35.0, 12.0),
        "BUTTERFLY",
    ),
    (
        "BOSCH-CN-01",
        "CN-JS",
        "manufacturer",
        "CNSHA",
        ("sparkplugs", "8511100000", "spark plugs", "PCS", 2.3, 0.055),
        "BOSCH",
    ),
    (
        "ZJ-HZ-CHIC-01",
        "CN-ZJ",
        "manufacturer",
        "CNNGB",
        ("scooters", "8711900090", "self-balancing scooters", "PCS", 210.0, 11.0),
        "CHIC",
    ),
]
BRANDED_IMPORTS = [
    (
        "SHELL-CN-LUB-01",
        "CN-GD",
        "CNHUA",
        ("oil", "2710199100", "lubricating oil", "KG", 2.8, 1.0),
        "SHELL",
        ["SG", "MY"],
    ),
    (
        "EXXONMOBIL-CN-01",
        "CN-TJ",
        "CNTSN",
        ("oil", "2710199100", "lubricating oil", "KG", 3.0, 1.0),
        "MOBIL",
        ["SG", "US"],
    ),
    ("CASTROL-CN-01", "CN-SH", "CNSHA", ("oil", "2710199100", "engine oil", "KG", 3.1, 1.0), "CASTROL", ["GB", "SG"]),
    (
        "LOREAL-CN-01",
        "CN-SH",
        "CNSHA",
        ("cosm", "3304990000", "skin care preparations", "KG", 28.0, 1.0),
        "L'OREAL",
        ["FR"],
    ),
    ("PFIZER-CN-01", "CN-SH", "CNPVG", ("meds", "3004909099", "medicaments", "KG", 160.0, 1.0), "PFIZER", ["US", "DE"]),
    ("BMW-CN-01", "CN-LN", "CNDLC", ("parts", "8708999990", "motor vehicle parts", "KG", 14.0, 1.0), "BMW", ["DE"]),
    (
        "TOYOTA-CN-01",
        "CN-TJ",
        "CNTSN",
        ("parts", "8708999990", "motor vehicle parts", "KG", 11.0, 1.0),
        "TOYOTA",
        ["JP"],
    ),
    ("NIKE-CN-01", "CN-SH", "CNSHA", ("shoes", "6404110000", "sports shoes", "PAIR", 22.0, 0.8), "NIKE", ["VN", "ID"]),
    (
        "ADIDAS-CN-01",
        "CN-SH",
        "CNSHA",
        ("shoes", "6404110000", "sports shoes", "PAIR", 20.0, 0.8),
        "ADIDAS",
        ["VN", "KH"],
    ),
    (
        "LVMH-CN-01",
        "CN-SH",
        "CNPVG",
        ("bags", "4202210000", "leather handbags", "PCS", 650.0, 1.0),
        "LOUIS VUITTON",
        ["FR", "IT"],
    ),
    ("ROLEX-CN-01", "CN-SH", "CNPVG", ("watches", "9102110000", "wrist watches", "PCS", 3200.0, 0.15), "ROLEX", ["CH"]),
]
# Unrecorded house brands that ordinary exporters print on their goods (none is, or resembles, a recorded
# mark; famous domestic marks such as LENOVO or CHINT are recorded and declared by their holders).
OWN_BRANDS = [
    "HUALI",
    "SUNRISE",
    "GOLDEN BEE",
    "DAFENG",
    "OCEANSTAR",
    "JINLONG",
    "XINGHUA",
    "TIANYU",
    "KAIXUAN",
    "BAIHE",
    "FEIXIANG",
    "SHENGTAI",
    "JIAHE",
    "RUNDA",
    "HENGFENG",
    "MEIDA",
    "WEIXING",
    "HUAYANG",
    "GREENLEAF",
    "SILVERFOX",
]

# Destinations of exports with rough weights (share of China's 2016 exports, our estimate).
DESTINATIONS = {
    "US": 18,
    "HK": 8,
    "JP": 6,
    "KR": 5,
    "DE": 3.5,
    "VN": 3.5,
    "GB": 3,
    "NL": 3,
    "IN": 3,
    "SG": 2,
    "RU": 2,
    "MY": 2.2,
    "AU": 2,
    "TH": 1.8,
    "ID": 1.6,
    "CA": 1.4,
    "AE": 2,
    "FR": 1.2,
    "IT": 1.2,
    "ES": 1,
    "PL": 0.8,
    "TR": 0.8,
    "SA": 0.8,
    "PH": 1.2,
    "MX": 1.4,
    "BR": 1.1,
    "CL": 0.6,
    "AR": 0.3,
    "CO": 0.4,
    "PE": 0.3,
    "NG": 0.6,
    "ZA": 0.6,
    "EG": 0.5,
    "KE": 0.3,
    "PK": 0.8,
    "BD": 0.7,
    "IR": 0.6,
    "IL": 0.4,
    "UA": 0.3,
}
PARCEL_DESTINATIONS = {
    "US": 25,
    "RU": 15,
    "BR": 6,
    "FR": 6,
    "GB": 8,
    "DE": 6,
    "ES": 5,
    "IL": 4,
    "UA": 3,
    "CA": 5,
    "AU": 5,
    "PL": 3,
    "JP": 4,
    "KR": 3,
    "SE": 2,
}
# Usual offices (first = main) per source region, as in rules/lists/regions.yaml, and how often each name
# variant is written (most declarations use the code; some use names the alias list maps back).
REGION_OFFICES = {
    "CN-GD": ["CNSZX", "CNCAN", "CNHUA", "CNZUH", "CNSWA", "CNJMN"],
    "CN-ZJ": ["CNNGB", "CNSHA", "CNHGH", "CNWNZ"],
    "CN-JS": ["CNSHA", "CNNKG", "CNLYG", "CNZJG", "CNNTG"],
    "CN-FJ": ["CNXMN", "CNFOC"],
    "CN-SD": ["CNTAO", "CNYNT", "CNWEI", "CNRZH"],
    "CN-SH": ["CNSHA", "CNPVG"],
    "CN-HE": ["CNTSN", "CNSJW", "CNQHD"],
    "CN-JX": ["CNXMN", "CNSZX", "CNKHN", "CNNGB"],
    "CN-HN": ["CNSZX", "CNCSX", "CNCAN"],
    "CN-AH": ["CNSHA", "CNHFE", "CNNKG"],
    "CN-HA": ["CNCGO", "CNTAO", "CNTSN"],
    "CN-CQ": ["CNCKG", "CNSHA", "CNSZX"],
    "CN-SC": ["CNCTU", "CNSHA", "CNSZX"],
    "CN-LN": ["CNDLC", "CNYIK"],
    "CN-TJ": ["CNTSN"],
    "CN-BJ": ["CNTSN", "CNPEK"],
    "CN-GX": ["CNNNG", "CNFAN", "CNPXG"],
    "CN-XZ": ["CNGYR", "CNLXA"],
}
IMPORT_OFFICES = {
    "KG": ["CNTAO", "CNTSN", "CNNGB", "CNSHA", "CNCAN", "CNDLC", "CNHUA", "CNXMN"],
    "default": ["CNSHA", "CNPVG", "CNSZX", "CNTSN", "CNPEK", "CNCAN", "CNNGB", "CNTAO", "CNXMN", "CNNKG"],
}
PARCEL_OFFICES = {
    "CN-GD": ["CNCAN", "CNSZX"],
    "CN-ZJ": ["CNHGH", "CNNGB"],
    "CN-FJ": ["CNXMN"],
    "CN-SH": ["CNSHA"],
    "CN-JS": ["CNNKG"],
}
BORDER = [  # (office, destination, region, goods keys) for border trade by road/rail
    ("CNPXG", "VN", "CN-GX", ["fabric", "tiles", "ceramics", "screws", "fans"]),
    ("CNDXG", "VN", "CN-GX", ["fabric", "tiles", "kettles"]),
    ("CNGYR", "NP", "CN-XZ", ["steel", "tiles", "tshirt", "fabric"]),
    ("CNKHG", "KZ", "CN-XJ", ["tshirt", "sneakers", "fabric", "tyres"]),
    ("CNERL", "MN", "CN-NM", ["steel", "fruit_ex", "tiles"]),
    ("CNMZL", "RU", "CN-NM", ["jacket", "fruit_ex", "furniture"]),
]
#: How often each kind of goods appears among general exports (rough shares of 2016 trade; others 1).
EXPORT_WEIGHTS = {
    "furniture": 5,
    "led": 4,
    "fabric": 5,
    "tshirt": 6,
    "jacket": 3,
    "dress": 3,
    "sneakers": 4,
    "sandals": 2,
    "bags": 3,
    "toys": 4,
    "ceramics": 2,
    "screws": 3,
    "valves": 2,
    "fans": 2,
    "kettles": 2,
    "laptops": 4,
    "phonecases": 2,
    "chargers": 2,
    "earphones": 2,
    "solar": 3,
    "steel": 4,
    "tyres": 2,
    "brakes": 1.5,
    "padlocks": 0.5,
    "sewing": 0.5,
    "scooters": 0.4,
    "rods": 0.4,
    "lighters": 0.5,
    "sunglasses": 0.6,
    "watches": 0.6,
    "hairclips": 0.5,
    "tea": 0.8,
    "cosmetics": 0.8,
    "socks": 0.8,
    "caps": 0.8,
    "tiles": 1.5,
    "monitors": 3,
    "routers": 3,
    "motors": 3,
    "pumps": 2,
    "cables": 3,
    "pcb": 2,
    "microwaves": 2,
    "compressors": 2,
    "machparts": 3,
    "coats": 2,
    "suitcases": 2,
    "summer": 3,
}
#: Value of a typical general-export goods line (USD): machinery and electronics ship in larger lots.
LINE_VALUE = {"84": 60000.0, "85": 60000.0, "87": 30000.0, "90": 30000.0}
EXPORT_BY_KEY = {g[0]: g for g in EXPORT_GOODS}
#: USD per unit of currency (2016 averages, our estimate) and how often a line is valued in each.
FX = {"USD": 1.0, "CNY": 0.1506, "EUR": 1.107, "JPY": 0.0092, "HKD": 0.1289}
CURRENCIES, CURRENCY_WEIGHTS = ["USD", "CNY", "EUR", "HKD", "JPY"], [86, 8, 4, 1, 1]
#: China trade-mode codes written by default for each trade mode (general trade, border small trade,
#: retail e-commerce parcels, processing with imported materials).
TRADE_MODE_CODES = {"general": "0110", "border_trade": "4019", "cross_border_ecommerce": "9610", "processing": "0615"}
EXPORT_BY_KEY["fruit_ex"] = ("fruit_ex", "0808100000", "fresh apples", "KG", 1.1, 1.0, ["CN-SD", "CN-SN"])


class Gen(LegitTrade):
    DESTINATIONS = DESTINATIONS
    EXPORT_GOODS = EXPORT_GOODS
    EXPORT_WEIGHTS = EXPORT_WEIGHTS
    OWN_BRANDS = OWN_BRANDS
    PARCEL_OFFICES = PARCEL_OFFICES
    PARCEL_DESTINATIONS = PARCEL_DESTINATIONS

    def __init__(self, seed: int, prefix: str):
        self.reg = Register()
        self.notation = self.reg.notation
        self.r = random.Random(seed)
        self.prefix = prefix
        self.rows: list[dict] = []
        self.n = 0
        self.traders: dict[str, dict] = {}
        self.kind = ""  # the kind of declaration being drawn, and each declaration's kind
        self.labels: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------------------------
    def pick(self, weights: dict[str, float]) -> str:
        return self.r.choices(list(weights), weights=list(weights.values()))[0]

    def date(self, lo: dt.date = dt.date(2016, 1, 4), hi: dt.date = dt.date(2016, 12, 30)) -> dt.date:
        return lo + dt.timedelta(days=self.r.randrange((hi - lo).days + 1))

    def scatter(self, typical: float, sigma: float = 0.35) -> float:
        """Unit value scattered around its typical level (lognormal; a few far-off values, clipped at 3.5 sigma)."""
        z = max(-3.5, min(3.5, self.r.gauss(0.0, 1.0)))
        return typical * math.exp(sigma * z)

    def office_name(self, code: str, mode: str = "sea") -> str:
        return self.notation.office(self.r, code, mode)

    def region_name(self, code: str) -> str:
        return self.notation.region(self.r, code)

    def trader(self, tid: str, **kw) -> dict:
        """The trader's fixed traits (first seen wins; traits another kind of declaration adds are kept)."""
        t = self.traders.setdefault(tid, kw)
        for k, v in kw.items():
            t.setdefault(k, v)
        return t

    def emit(self, header: dict, lines: list[dict]) -> None:
        self.n += 1
        decl_id = f"{self.prefix}{self.n:05d}"
        self.labels[decl_id] = self.kind
        for i, ln in enumerate(lines, start=1):
            self.rows.append({**header, "decl_id": decl_id, "item_no": i, **ln})

    def line(
        self, goods: tuple, qty: float, brand: object = None, currency: str | None = None, sigma: float = 0.35
    ) -> dict:
        """One goods line at a scattered unit value. `brand`: a register item (written in one of its forms),
        a house brand, or None / "NO BRAND" / "" (written in one of the ways declarants say "no brand");
        the HS code is declared with 10, 8 or 6 digits, the value in USD or now and then another currency."""
        _key, hs, desc, unit, usd, kg, *_ = goods
        qty = max(1, int(qty))
        value_usd = round(qty * self.scatter(usd, sigma), 2)
        if currency is None:
            currency = self.r.choices(CURRENCIES, weights=CURRENCY_WEIGHTS)[0]
        if hasattr(brand, "mark"):
            written = self.notation.mark(self.r, brand)
        elif brand in (None, "", "NO BRAND"):
            written = self.notation.no_brand(self.r)
        else:
            written = str(brand)
        return {
            "hs_code": self.notation.hs(self.r, hs),
            "description": desc,
            "brand": written,
            "quantity": qty,
            "unit": self.notation.unit(self.r, unit),
            "value": round(value_usd / FX[currency], 2),
            "currency": currency,
            "net_mass_kg": round(qty * kg * self.r.uniform(0.85, 1.15), 2),
        }

    # -- kinds of declarations -----------------------------------------------------------------
    def general_export(self) -> None:
        goods = self.r.choices(EXPORT_GOODS, weights=[EXPORT_WEIGHTS.get(g[0], 1) for g in EXPORT_GOODS])[0]
        region = self.r.choice(goods[6])
        tid = f"{region[3:]}-EXP-{goods[0].upper()}-{self.r.randrange(1, 9):02d}"
        offices = REGION_OFFICES.get(region, ["CNSHA"])
        t = self.trader(
            tid,
            region=region,
            type=self.r.choice(["manufacturer", "manufacturer", "trading_company"]),
            offices=[offices[0]] if self.r.random() < 0.8 else offices[:2],
            own_agent=self.r.random() < 0.6,
            brand=self.r.choice(OWN_BRANDS) if self.r.random() < 0.25 else "NO BRAND",
            dests=[self.pick(DESTINATIONS) for _ in range(3)],
        )
        office = self.r.choice(t["offices"])
        if self.r.random() < 0.01:  # now and then a region's goods leave by another big gateway
            office = self.r.choice(["CNSHA", "CNSZX", "CNNGB", "CNTSN", "CNTAO", "CNXMN"])
        target = LINE_VALUE.get(goods[1][:2], 20000.0)
        lines = [self.line(goods, self.r.lognormvariate(math.log(max(50.0, target / goods[4])), 0.6), t["brand"])]
        if self.r.random() < 0.2:  # a second line of related goods (same source region)
            other = self.r.choice([g for g in EXPORT_GOODS if region in g[6]])
            lines.append(self.line(other, self.r.lognormvariate(math.log(max(50.0, 8000 / other[4])), 0.6), t["brand"]))
        mode = "air" if goods[4] > 100 and self.r.random() < 0.3 else "sea"
        self.emit(
            self.header("export", office, mode, "general", tid, t, region, "CN", self.r.choice(t["dests"])), lines
        )

    def header(self, direction, office, mode, trade_mode, tid, t, region, origin, dest) -> dict:
        declarant = tid if t.get("own_agent", True) else f"AGENT-{office[2:]}-{self.r.randrange(1, 6):02d}"
        return {
            "declared_at": self.date().isoformat(),
            "direction": direction,
            "customs_office": self.office_name(office, mode),
            "transport_mode": mode,
            "trade_mode": trade_mode,
            "declarant_id": declarant,
            "trader_id": tid,
            "trader_type": t["type"],
            "trader_region": self.region_name(t["region"]),
            "goods_source_region": self.region_name(region),
            "origin_country": origin,
            "destination_country": dest,
            "departure_country": "CN" if direction == "export" else origin,
            "n_containers": 0 if mode in ("air", "postal", "express") else self.r.randint(1, 3),
            "overseas_party": None,
            "exit_office": None,
            "trade_mode_code": TRADE_MODE_CODES.get(trade_mode),
            "order_ref": None,
        }

    def consolidated_export(self) -> None:
        """A trading company's mixed load of two or three kinds of goods (ordinary consolidation)."""
        region = self.r.choice(["CN-ZJ", "CN-GD", "CN-FJ", "CN-JS"])
        kinds = self.r.sample([g for g in EXPORT_GOODS if region in g[6]], k=self.r.choice([2, 2, 2, 3, 3, 4]))
        tid = f"{region[3:]}-CONSOL-{self.r.randrange(1, 6):02d}"
        t = self.trader(
            tid,
            region=region,
            type="trading_company",
            offices=[REGION_OFFICES[region][0]],
            own_agent=True,
            dests=[self.pick(DESTINATIONS) for _ in range(3)],
        )
        lines = [self.line(g, self.r.lognormvariate(math.log(max(50.0, 6000 / g[4])), 0.5)) for g in kinds]
        self.emit(
            self.header("export", t["offices"][0], "sea", "general", tid, t, region, "CN", self.r.choice(t["dests"])),
            lines,
        )

    def platform_export(self) -> None:
        """A foreign-trade service platform lodging an ordinary export for one of its small clients."""
        tid, region = self.r.choice(
            [("FJ-PLATFORM-01", "CN-FJ"), ("GD-PLATFORM-02", "CN-GD"), ("ZJ-PLATFORM-03", "CN-ZJ")]
        )
        goods = self.r.choice([g for g in EXPORT_GOODS if region in g[6]])
        t = self.trader(tid, region=region, type="trade_service_platform", own_agent=True)
        lines = [self.line(goods, self.r.lognormvariate(math.log(max(50.0, 10000 / goods[4])), 0.6))]
        self.emit(
            self.header(
                "export", REGION_OFFICES[region][0], "sea", "general", tid, t, region, "CN", self.pick(DESTINATIONS)
            ),
            lines,
        )

    def branded_export(self) -> None:
        tid, region, ttype, office, goods, brand = self.r.choice(BRANDED_EXPORTS)
        t = self.trader(tid, region=region, type=ttype, own_agent=True)
        qty = self.r.lognormvariate(math.log(max(20.0, 60000 / goods[4])), 0.5)
        mode = "air" if goods[4] > 50 and self.r.random() < 0.5 else "sea"
        self.emit(
            self.header("export", office, mode, "general", tid, t, region, "CN", self.pick(DESTINATIONS)),
            [self.line(goods, qty, brand)],
        )

    def general_import(self) -> None:
        goods = self.r.choice(IMPORT_GOODS)
        origin = self.r.choice(goods[6])
        region = (
            "CN-GX"
            if goods[0] == "fruit"
            else self.r.choice(["CN-SH", "CN-GD", "CN-JS", "CN-ZJ", "CN-SD", "CN-BJ", "CN-TJ", "CN-LN", "CN-FJ"])
        )
        tid = f"{region[3:]}-IMP-{goods[0].upper()}-{self.r.randrange(1, 6):02d}"
        t = self.trader(
            tid, region=region, type=self.r.choice(["manufacturer", "trading_company"]), own_agent=self.r.random() < 0.5
        )
        if goods[0] == "fruit":
            office, mode, trade = self.r.choice(["CNPXG", "CNDXG"]), "road", "border_trade"
        elif goods[0] == "timber":
            office, mode, trade = self.r.choice(["CNMZL", "CNSFH"]), "rail", "general"
        else:
            bulk = goods[3] in ("KG", "L")
            office = self.r.choice(IMPORT_OFFICES["KG" if bulk else "default"])
            mode, trade = ("sea" if bulk or self.r.random() < 0.6 else "air"), "general"
        qty = self.r.lognormvariate(math.log(max(5.0, 150000 / goods[4])), 0.6)
        currency = self.r.choice(
            [
                "USD",
                "USD",
                "USD",
                "EUR" if origin in ("DE", "FR", "IT", "NL", "ES") else "USD",
                "JPY" if origin == "JP" else "USD",
            ]
        )
        self.emit(
            self.header("import", office, mode, trade, tid, t, region, origin, "CN"),
            [self.line(goods, qty, "", currency)],
        )

    def branded_import(self) -> None:
        tid, region, office, goods, brand, origins = self.r.choice(BRANDED_IMPORTS)
        t = self.trader(tid, region=region, type="trading_company", own_agent=self.r.random() < 0.5)
        origin = self.r.choice(origins)
        qty = self.r.lognormvariate(math.log(max(10.0, 120000 / goods[4])), 0.5)
        mode = "air" if goods[4] > 100 else "sea"
        self.emit(
            self.header("import", office, mode, "general", tid, t, region, origin, "CN"), [self.line(goods, qty, brand)]
        )

    def parcels(self) -> None:
        """An e-commerce seller's year: 4-14 small parcels of unbranded goods."""
        region = self.r.choice(list(PARCEL_OFFICES))
        key = self.r.choice(
            ["phonecases", "tshirt", "dress", "sneakers", "toys", "hairclips", "earphones", "bags", "socks", "watches"]
        )
        goods = EXPORT_BY_KEY[key]
        tid = f"{region[3:]}-ESELLER-{key.upper()}-{self.r.randrange(1, 99):02d}"
        t = self.trader(tid, region=region, type="individual", own_agent=True)
        start = self.date(dt.date(2016, 1, 4), dt.date(2016, 9, 30))
        for _ in range(self.r.randint(4, 14)):
            h = self.header(
                "export",
                self.r.choice(PARCEL_OFFICES[region]),
                self.r.choice(["postal", "postal", "express"]),
                "cross_border_ecommerce",
                tid,
                t,
                region,
                "CN",
                self.pick(PARCEL_DESTINATIONS),
            )
            h["declared_at"] = self.date(start, min(dt.date(2016, 12, 30), start + dt.timedelta(days=200))).isoformat()
            self.emit(h, [self.line(goods, self.r.randint(1, 12), "")])

    def border(self) -> None:
        office, dest, region, keys = self.r.choice(BORDER)
        goods = EXPORT_BY_KEY[self.r.choice(keys)]
        tid = f"{region[3:]}-BORDER-{office[2:]}-{self.r.randrange(1, 6):02d}"
        t = self.trader(tid, region=region, type="trading_company", own_agent=True)
        qty = self.r.lognormvariate(math.log(max(50.0, 15000 / goods[4])), 0.5)
        mode = "rail" if office == "CNMZL" and self.r.random() < 0.5 else "road"
        self.emit(
            self.header("export", office, mode, "border_trade", tid, t, region, "CN", dest), [self.line(goods, qty)]
        )


def baseline(
    seed: int = 2016, n_declarations: int = 3000, prefix: str = "BL-", labels: dict[str, str] | None = None
) -> pl.DataFrame:
    """The baseline's goods lines; `labels`, when given, receives each declaration's kind (its legitimate form)."""
    g = Gen(seed, prefix)
    kinds = {  # shares of declarations: see the module docstring (our estimates of 2016 trade)
        "general_export": 32,
        "consolidated_export": 4,
        "platform_export": 2,
        "branded_export": 3,
        "general_import": 13,
        "branded_import": 2.5,
        "parcels": 1.4,
        "border": 1.5,
        "mark_use_export": 5,
        "unlisted_plant_export": 3,
        "oem_export": 4,
        "confirmed_oem_export": 0.8,
        "domestic_brand_resale": 3,
        "holder_import": 2,
        "parallel_import": 2,
        "market_procurement": 3,
        "ecommerce_b2b": 1,
        "ecommerce_consolidated": 1.5,
        "border_small_trade": 3,
        "integrated_clearance": 4,
        "inland_apparel_export": 1.5,
        "campaign_window_export": 2.5,
        "cheap_goods": 1.5,
        "genuinely_cheap_export": 2,
        "lookalike_house_brand": 2,
        "first_time_export": 2,
        "personal_parcel": 1.5,
    }
    while g.n < n_declarations:
        g.kind = g.pick(kinds)
        getattr(g, g.kind)()
    if labels is not None:
        labels.update(g.labels)
    df = pl.DataFrame(
        g.rows,
        schema_overrides={"quantity": pl.Float64, "value": pl.Float64, "net_mass_kg": pl.Float64},
        infer_schema_length=None,
    )
    return df.select(COLUMNS).sort("declared_at", "decl_id", "item_no")


# ---------------------------------------------------------------------------------------------------
# Demo input: 20 declarations, mostly ordinary (from the generator), a few with the documented
# patterns in new instances (other brands, ports and dates than the scenarios). DEMO-0003 is flagged.
def _demo_rows(d: dict, lines: list[dict]) -> list[dict]:
    return [{**d, "item_no": i, **ln} for i, ln in enumerate(lines, start=1)]


def demo(seed: int = 4) -> pl.DataFrame:
    suspicious = {
        3: (
            {
                "declared_at": "2016-05-16",
                "direction": "export",
                "customs_office": "Beilun",
                "transport_mode": "sea",
                "trade_mode": "general",
                "declarant_id": "AGENT-NB-21",
                "trader_id": "ZJ-WZ-LOCKTRADE-21",
                "trader_type": "trading_company",
                "trader_region": "CN-ZJ",
                "goods_source_region": "CN-ZJ",
                "origin_country": "CN",
                "destination_country": "EG",
                "departure_country": "CN",
                "n_containers": 1,
            },
            [
                {
                    "hs_code": "8301100000",
                    "description": "padlocks",
                    "brand": "TRI-CIRCEL",
                    "quantity": 80000,
                    "unit": "PCS",
                    "value": 98000.0,
                    "currency": "USD",
                    "net_mass_kg": 16000.0,
                }
            ],
        ),
        8: (
            {
                "declared_at": "2016-04-19",
                "direction": "export",
                "customs_office": "Shenzhen Post",
                "transport_mode": "postal",
                "trade_mode": "cross_border_ecommerce",
                "declarant_id": "GD-SZ-ESELLER-22",
                "trader_id": "GD-SZ-ESELLER-22",
                "trader_type": "individual",
                "trader_region": "CN-GD",
                "goods_source_region": "CN-GD",
                "origin_country": "CN",
                "destination_country": "US",
                "departure_country": "CN",
                "n_containers": 0,
            },
            [
                {
                    "hs_code": "9004100000",
                    "description": "sunglasses",
                    "brand": "RAYBAN",
                    "quantity": 150,
                    "unit": "PCS",
                    "value": 210.0,
                    "currency": "USD",
                    "net_mass_kg": 6.0,
                }
            ],
        ),
        12: (
            {
                "declared_at": "2016-12-02",
                "direction": "export",
                "customs_office": "Qingdao",
                "transport_mode": "sea",
                "trade_mode": "general",
                "declarant_id": "AGENT-QD-23",
                "trader_id": "ZJ-YK-BALANCE-23",
                "trader_type": "trading_company",
                "trader_region": "CN-ZJ",
                "goods_source_region": "CN-ZJ",
                "origin_country": "CN",
                "destination_country": "FR",
                "departure_country": "CN",
                "n_containers": 1,
            },
            [
                {
                    "hs_code": "8711900090",
                    "description": "self-balancing scooters",
                    "brand": "NO BRAND",
                    "quantity": 500,
                    "unit": "PCS",
                    "value": 70000.0,
                    "currency": "USD",
                    "net_mass_kg": 5600.0,
                }
            ],
        ),
        17: (
            {
                "declared_at": "2016-09-07",
                "direction": "import",
                "customs_office": "Nansha",
                "transport_mode": "sea",
                "trade_mode": "general",
                "declarant_id": "AGENT-GZ-24",
                "trader_id": "GD-FS-AUTOTRADE-24",
                "trader_type": "trading_company",
                "trader_region": "CN-GD",
                "goods_source_region": "CN-GD",
                "origin_country": "AE",
                "destination_country": "CN",
                "departure_country": "AE",
                "n_containers": 1,
            },
            [
                {
                    "hs_code": "8708301000",
                    "description": "brake pads",
                    "brand": "BOSCH",
                    "quantity": 3000,
                    "unit": "SET",
                    "value": 6300.0,
                    "currency": "USD",
                    "net_mass_kg": 2700.0,
                }
            ],
        ),
    }
    ordinary = baseline(seed, 16, prefix="ORD-")
    # one-line declarations first (the demo reads best simple first; hostile-input tests edit DEMO-0005's line)
    sizes = ordinary.group_by("decl_id", maintain_order=True).len()
    ids = sizes.sort("len", maintain_order=True)["decl_id"].to_list()
    rows: list[dict] = []
    k = 0
    for n in range(1, 21):
        decl_id = f"DEMO-{n:04d}"
        if n in suspicious:
            header, lines = suspicious[n]
            rows += _demo_rows({"decl_id": decl_id, **header}, lines)
        else:
            part = ordinary.filter(pl.col("decl_id") == ids[k]).with_columns(pl.lit(decl_id).alias("decl_id"))
            rows += part.to_dicts()
            k += 1
    return pl.DataFrame(
        rows, schema_overrides={"quantity": pl.Float64, "value": pl.Float64, "net_mass_kg": pl.Float64}
    ).select(COLUMNS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = Path(__file__).parent
    ap.add_argument("--seed", type=int, default=2016)
    ap.add_argument("--declarations", type=int, default=3000)
    ap.add_argument("--out", type=Path, default=here / "baseline.csv")
    ap.add_argument("--demo-out", type=Path, default=here / "declarations.csv")
    ap.add_argument("--labels", type=Path, help="also write each declaration's legitimate form (decl_id,form)")
    args = ap.parse_args()
    labels: dict[str, str] = {}
    df = baseline(args.seed, args.declarations, labels=labels)
    df.write_csv(args.out)
    print(f"{args.out}: {df['decl_id'].n_unique()} declarations, {df.height} goods lines")
    if args.labels:
        pl.DataFrame({"decl_id": list(labels), "form": list(labels.values())}).write_csv(args.labels)
        print(f"{args.labels}: the legitimate form of each declaration")
    dm = demo()
    dm.write_csv(args.demo_out)
    print(f"{args.demo_out}: {dm['decl_id'].n_unique()} declarations, {dm.height} goods lines")


if __name__ == "__main__":
    main()
