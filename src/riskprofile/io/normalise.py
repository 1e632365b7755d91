"""Normalisation: raw goods lines -> the typed public frame, and rejected rows with their reasons.

Codes are upper-cased and mapped through the office and region alias lists, HS codes stay strings
(leading zeros kept; an odd-length code gets its lost leading zero back), dates are parsed from the
usual layouts, and values are converted to USD through `fx_rates`. A row that cannot be used is
rejected with every reason that applies; rows in = rows kept + rows rejected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import polars as pl

from ..model.declaration import DECLARATION_SCHEMA, ENUMS, OPTIONAL_SCHEMA, REQUIRED_COLUMNS
from ..model.lists import NamedList
from .lookup import Lookup

_TYPE_TO_PL: dict[str, type[pl.DataType]] = {
    "str": pl.String,
    "int": pl.Int64,
    "float": pl.Float64,
    "date": pl.Date,
    "bool": pl.Boolean,
}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")

ENUM_ALIASES: dict[str, dict[str, str]] = {
    "direction": {
        "I": "import",
        "IM": "import",
        "IMP": "import",
        "进口": "import",
        "E": "export",
        "EX": "export",
        "EXP": "export",
        "出口": "export",
    },
    "transport_mode": {
        "SHIP": "sea",
        "OCEAN": "sea",
        "VESSEL": "sea",
        "WATERWAY": "sea",
        "海运": "sea",
        "AIRCRAFT": "air",
        "FLIGHT": "air",
        "航空": "air",
        "TRUCK": "road",
        "LAND": "road",
        "公路": "road",
        "TRAIN": "rail",
        "RAILWAY": "rail",
        "铁路": "rail",
        "POST": "postal",
        "MAIL": "postal",
        "邮递": "postal",
        "COURIER": "express",
        "快件": "express",
    },
    "trade_mode": {
        "GENERAL_TRADE": "general",
        "一般贸易": "general",
        "ECOMMERCE": "cross_border_ecommerce",
        "E_COMMERCE": "cross_border_ecommerce",
        "CBEC": "cross_border_ecommerce",
        "跨境电商": "cross_border_ecommerce",
        "BORDER": "border_trade",
        "边境贸易": "border_trade",
        "PROCESSING_TRADE": "processing",
        "加工贸易": "processing",
    },
    "trader_type": {
        "TRADING": "trading_company",
        "TRADER": "trading_company",
        "PLATFORM": "trade_service_platform",
        "FOREIGN_TRADE_SERVICE_PLATFORM": "trade_service_platform",
        "PERSON": "individual",
        "生产企业": "manufacturer",
        "贸易公司": "trading_company",
        "外贸综合服务平台": "trade_service_platform",
    },
}
COUNTRY_ALIASES: dict[str, str] = {
    "USA": "US",
    "UNITED STATES": "US",
    "UK": "GB",
    "UNITED KINGDOM": "GB",
    "CHN": "CN",
    "CHINA": "CN",
    "VIETNAM": "VN",
    "VNM": "VN",
    "NEPAL": "NP",
    "NPL": "NP",
    "MEXICO": "MX",
    "MEX": "MX",
    "ARGENTINA": "AR",
    "ARG": "AR",
    "SINGAPORE": "SG",
    "SGP": "SG",
    "KOREA": "KR",
    "KOR": "KR",
    "JAPAN": "JP",
    "JPN": "JP",
    "GERMANY": "DE",
    "DEU": "DE",
    "BRAZIL": "BR",
    "BRA": "BR",
}
_COUNTRIES = Lookup.of(COUNTRY_ALIASES, pl.String)
ID_COLUMNS = ("declarant_id", "trader_id")
CODE_COLUMNS = (
    "customs_office",
    "trader_region",
    "goods_source_region",
    "origin_country",
    "destination_country",
    "departure_country",
    "unit",
    "currency",
)
COUNTRY_COLUMNS = ("origin_country", "destination_country", "departure_country")


_SEPARATORS = re.compile(r"[_\-,.;:/()（）\[\]【】，。]")


def _key(s: str) -> str:
    """Upper case, separators as spaces: '洋山港区(2248)' -> '洋山港区 2248', 'Shanghai, China' -> 'SHANGHAI CHINA'."""
    return " ".join(_SEPARATORS.sub(" ", str(s).upper()).split())


_CUSTOMS = "海关"
_CJK = re.compile(r"[\u3400-\u9fff]")


def alias_table(lst: NamedList | None) -> dict[str, str]:
    """Alias (normalised) -> canonical code for an `offices` or `regions` list."""
    return dict(_aliases(lst))


_ALIASES: dict[int, tuple[NamedList, dict[str, str]]] = {}


def _aliases(lst: NamedList | None) -> dict[str, str]:
    """`alias_table`, built once per list object (shared: never modified)."""
    if lst is None:
        return {}
    hit = _ALIASES.get(id(lst))
    if hit is not None and hit[0] is lst:
        return hit[1]
    out: dict[str, str] = {}
    for item in lst.items:
        code = item.code.upper()
        names = [item.code, item.name, item.name_zh, *item.aliases]
        names += [*getattr(item, "abbreviations", []), *getattr(item, "cities", [])]
        for a in names:
            if a:
                out.setdefault(_key(a), code)
    if lst.kind == "offices":
        # A place written with or without 海关 (customs office) is the same office: 普兰 / 普兰海关,
        # 外高桥港区 / 外高桥港区海关, 杭州邮局 / 杭州邮局海关. Added after the written aliases, never over them.
        for k, code in list(out.items()):
            if _CJK.search(k) and k != _CUSTOMS:
                out.setdefault(k[: -len(_CUSTOMS)] if k.endswith(_CUSTOMS) else k + _CUSTOMS, code)
    if len(_ALIASES) >= 64:  # profiles derived in a loop (tune, simulate) must not grow it without bound
        _ALIASES.clear()
    _ALIASES[id(lst)] = (lst, out)
    return out


def _clean(col: str, dtype: pl.DataType) -> pl.Expr:
    e = pl.col(col)
    if dtype != pl.String:
        e = e.cast(pl.String)
    e = e.str.strip_chars()
    return pl.when(e.str.len_chars() > 0).then(e)


def id_key(col: str, dtype: pl.DataType) -> pl.Expr:
    """The normalised form of an id column (`trader_id`, `declarant_id`): stripped, upper case, empty is missing."""
    return _clean(col, dtype).str.to_uppercase()


def decl_key(dtype: pl.DataType) -> pl.Expr:
    """The normalised `decl_id` (stripped; empty is missing): the key a declaration's lines share."""
    return _clean("decl_id", dtype)


def _parse_date(col: str, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Date:
        return pl.col(col)
    if isinstance(dtype, pl.Datetime):
        return pl.col(col).dt.date()
    raw = _clean(col, dtype)
    return pl.coalesce(
        [raw.str.strptime(pl.Date, f, strict=False) for f in _DATE_FORMATS]
        + [raw.str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False)]
    )


def _number(col: str, dtype: pl.DataType, target: pl.DataType) -> pl.Expr:
    if dtype.is_numeric():
        return pl.col(col).cast(target, strict=False)
    raw = _clean(col, dtype).str.replace_all(",", "")
    if target == pl.Int64:
        return raw.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False)
    return raw.cast(target, strict=False)


def with_prefixes(table: dict[str, str], values: list[str]) -> dict[str, str]:
    """The alias table plus, for each value it lacks, the code of the longest listed prefix:
    'Guangzhou Baiyun Airport' -> the code of 'Guangzhou' when only that is listed (whole words), and
    '浙江丽水', '蚌埠市' -> the code of '浙江', '蚌埠' (Chinese, which has no spaces: two characters at
    least, so that the one-character 宁 of Ningxia does not take 宁德 of Fujian). A four-digit customs
    code (关区代码) that is not listed takes its district's head office (XX00): '5201' -> '5200'; a
    division code (GB/T 2260, and the five-digit 境内货源地 codes built on it) its province's (XX0000):
    '330200' (Ningbo), '33079' -> '330000'."""
    out = dict(table)
    for v in values:
        k = _key(v)
        if k in out:
            continue
        if k.isdigit() and 4 <= len(k) <= 6:
            heads = [k[:2] + "00"] if len(k) == 4 else []
            head = next((h for h in [*heads, k[:2] + "0000"] if h in table), None)
            if head is not None:
                out[k] = table[head]
                continue
        words = k.split()
        for n in range(len(words) - 1, 0, -1):
            code = table.get(" ".join(words[:n]))
            if code is not None:
                out[k] = code
                break
        else:
            if _CJK.match(k):
                for n in range(len(k) - 1, 1, -1):
                    code = table.get(k[:n])
                    if code is not None:
                        out[k] = code
                        break
    return out


def _replace(expr: pl.Expr, table: Mapping[str, str], default: pl.Expr | None) -> pl.Expr:
    """`expr.replace_strict(table, default=default)` for string values (the table's values are never
    null), as a `Lookup`: the same values, without replace_strict's cost per call (a join, and it grows
    with the number of them in one context)."""
    if not table:
        return pl.lit(None, dtype=pl.String) if default is None else default
    found = Lookup.of(table, pl.String)(expr)
    return found if default is None else pl.coalesce(found, default)


def _alias_key(expr: pl.Expr) -> pl.Expr:
    return (
        expr.str.to_uppercase().str.replace_all(_SEPARATORS.pattern, " ").str.replace_all(r"\s+", " ").str.strip_chars()
    )


def _mapped(
    df: pl.DataFrame, col: str, expr: pl.Expr, table: dict[str, str], distinct: Mapping[str, pl.DataFrame]
) -> pl.Expr:
    """`expr` (over column `col` of `df`) through the alias table (its word prefixes included), the table
    narrowed to the keys of the values present, so a small frame carries a small mapping."""
    present = _present_aliases(df, col, expr, table, distinct)
    return _replace(_alias_key(expr), present, expr) if present else expr


def _present_aliases(
    df: pl.DataFrame, col: str, expr: pl.Expr, table: dict[str, str], distinct: Mapping[str, pl.DataFrame] | None = None
) -> dict[str, str]:
    """The entries of the alias table (with word prefixes) for the keys of `expr` over the values of `col`."""
    if not table:
        return {}
    uniq = distinct[col] if distinct and col in distinct else df.select(pl.col(col).unique())
    values = uniq[col].cast(pl.String).drop_nulls().to_list()
    keys = uniq.select(_alias_key(expr).alias("_k"))["_k"].drop_nulls().unique().to_list()
    return _narrowed(table, values, keys)


def _narrowed(table: dict[str, str], values: list[str], keys: list[str]) -> dict[str, str]:
    full = with_prefixes(table, values)
    return {k: full[k] for k in keys if k in full}


def _present_small(
    df: pl.DataFrame, mapped: list[tuple[str, str, pl.Expr]], tables: dict[str, dict[str, str]]
) -> list[tuple[str, dict[str, str]]]:
    """`_present_aliases` of every mapped column of a small frame, in one select."""
    todo = [(i, col, name, cleaned) for i, (col, name, cleaned) in enumerate(mapped) if tables[name]]
    if not todo:
        return []
    found = df.select(
        expr
        for i, col, _, cleaned in todo
        for expr in (
            pl.col(col).cast(pl.String).drop_nulls().unique().implode().alias(f"v{i}"),
            _alias_key(cleaned).drop_nulls().unique().implode().alias(f"k{i}"),
        )
    ).row(0, named=True)
    return [(col, _narrowed(tables[name], found[f"v{i}"], found[f"k{i}"])) for i, col, name, _ in todo]


_PER_UNIQUE_MIN = 10_000


def _distinct(df: pl.DataFrame, cols: list[str]) -> dict[str, pl.DataFrame]:
    """The distinct non-null values of each of `cols` (large frames), computed side by side."""
    if df.height < _PER_UNIQUE_MIN:
        return {}
    frames = pl.collect_all([df.lazy().select(pl.col(c).unique().drop_nulls()) for c in cols], engine="in-memory")
    return dict(zip(cols, frames, strict=True))


def _per_unique(
    df: pl.DataFrame,
    col: str,
    expr: pl.Expr,
    dtype: pl.DataType | type[pl.DataType] = pl.String,
    distinct: Mapping[str, pl.DataFrame] | None = None,
) -> pl.Expr:
    """Evaluate `expr` (over column `col`) once per distinct value and map the results back: codes,
    ids and descriptions repeat, so string work is done on few rows (directly when most values differ)."""
    if df.height < _PER_UNIQUE_MIN:
        return expr.cast(dtype)
    uniq = distinct[col] if distinct and col in distinct else df.select(pl.col(col).unique().drop_nulls())
    if uniq.height > df.height // 5:
        return expr.cast(dtype)
    result = uniq.select(expr.alias("_out"))["_out"].cast(dtype)
    null_result = (
        pl.DataFrame({col: [None]}, schema={col: df.schema[col]}).select(expr.alias("_out"))["_out"].cast(dtype)[0]
    )
    if null_result is None and df.schema[col] == dtype and result.equals(uniq[col], check_names=False):
        return pl.col(col)  # every value already as normalised (clean input): nothing to map back
    return pl.col(col).replace_strict(uniq[col], result, default=pl.lit(null_result, dtype=dtype), return_dtype=dtype)


def _engine(height: int) -> Literal["in-memory", "streaming"]:
    """The streaming engine parallelises a large frame's columns (less wall time at 1M lines, the same
    CPU); on a small one (one declaration at the scoring API) its set-up is most of the cost (11 ms of
    13 for one declaration, against 4 in memory)."""
    return "in-memory" if height < 50_000 else "streaming"


def normalise(
    raw: pl.DataFrame,
    lists: dict[str, NamedList],
    extra_fields: Mapping[str, str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Typed public frame (plus `value_usd`, extras, `_file`, `_row`) and the rejected rows."""
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        from .read import InputError

        raise InputError(
            f"input lacks required column(s) {', '.join(missing)}; "
            f"columns found: {', '.join(c for c in raw.columns if not c.startswith('_'))}. "
            "Rename them or pass --mapping FILE."
        )
    schema = raw.schema
    df = raw.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in DECLARATION_SCHEMA if c not in schema)
    schema = df.schema
    tables = {"offices": _aliases(lists.get("offices")), "regions": _aliases(lists.get("regions"))}
    fx = {it.currency.upper(): it.usd for it in lists["fx_rates"].items} if "fx_rates" in lists else {"USD": 1.0}
    small = df.height < _PER_UNIQUE_MIN
    if small:  # the plan does not depend on the rows: built once per input layout
        key = (tuple(schema.items()), tuple(fx.items()), tuple((extra_fields or {}).items()))
        plan = _PLANS.get(key)
        if plan is None:
            if len(_PLANS) >= 64:
                _PLANS.clear()
            plan = _PLANS[key] = _plan(df, schema, None, fx, extra_fields)
        # alias tables applied after, narrowed to the values present
        post = [
            _replace(_alias_key(pl.col(col)), aliases, pl.col(col)).alias(col)
            for col, aliases in _present_small(df, plan.mapped, tables)
            if aliases
        ]
    else:
        plan, post = _plan(df, schema, tables, fx, extra_fields), []
    exprs, checks, present = plan.exprs, plan.checks, plan.present
    flags = [f"_bad{i}" for i in range(len(checks))]
    temps = [*(f"_has:{c}" for c in present), "_rate"]
    value, cur, rate = pl.col("value"), pl.col("currency"), pl.col("_rate")
    # Typed outputs (and which raw values were present) from the raw columns, then the rate, then the
    # checks over the typed columns, each a column of its own, or-ed last: each piece is computed once.
    typed = (
        df.lazy()
        .with_columns(*exprs, *present.values())
        .with_columns(
            *post,
            plan.rate.alias("_rate"),
        )
        .with_columns(
            (value * pl.when(cur.is_null()).then(pl.lit(1.0)).otherwise(rate)).alias("value_usd"),
            *(c.fill_null(False).alias(f) for (c, _), f in zip(checks, flags, strict=True)),
        )
        .drop(temps)
        .with_columns(pl.any_horizontal(flags).alias("_bad"))
        .collect(engine=_engine(df.height))
    )
    if not typed["_bad"].any():  # nothing rejected: no filter, no reasons
        empty = pl.DataFrame(
            schema={"file": schema["_file"], "row": schema["_row"], "decl_id": pl.String(), "reason": pl.String()}
        )
        return typed.drop("_bad", "_read_error", *flags, strict=False), empty
    # Reasons are text: built only for the (few) rejected rows, from their raw values and flags.
    reason = pl.concat_str(
        [pl.when(pl.col(f)).then(msg) for (_, msg), f in zip(checks, flags, strict=True)],
        separator="; ",
        ignore_nulls=True,
    )
    bad_raw = df.filter(typed["_bad"]).hstack(typed.filter(pl.col("_bad")).select(flags))
    rejects = bad_raw.with_columns(reason.alias("_reason"), _clean("decl_id", schema["decl_id"]).alias("decl_id"))
    typed = typed.drop(flags)
    kept = typed.filter(~pl.col("_bad")).drop("_bad", "_read_error", strict=False)
    rejects = rejects.select(
        pl.col("_file").alias("file"), pl.col("_row").alias("row"), pl.col("decl_id"), pl.col("_reason").alias("reason")
    )
    return kept, rejects


@dataclass(frozen=True)
class _Plan:
    """Typed outputs, checks (flag over the typed columns, message over the raw ones), the raw-present
    columns the flags read, the code columns still to map through an alias table (small inputs), and the
    USD rate of the line's currency."""

    exprs: list[pl.Expr]
    checks: list[tuple[pl.Expr, pl.Expr]]
    present: dict[str, pl.Expr]
    mapped: list[tuple[str, str, pl.Expr]]
    rate: pl.Expr


_PLANS: dict[tuple, _Plan] = {}


def _plan(
    df: pl.DataFrame,
    schema: pl.Schema,
    tables: dict[str, dict[str, str]] | None,
    fx: dict[str, float],
    extra_fields: Mapping[str, str] | None,
) -> _Plan:
    """The expressions of `normalise`; without `tables` (a small input) the alias mapping is left to the
    caller (`_Plan.mapped`), so the plan depends on the layout only."""
    exprs: list[pl.Expr] = []
    mapped: list[tuple[str, str, pl.Expr]] = []
    # A check is (flag over the typed columns, message over the raw ones): the flags read what the
    # outputs computed (a column of their own each), the messages are built for the rejected rows only.
    checks: list[tuple[pl.Expr, pl.Expr]] = []
    present: dict[str, pl.Expr] = {}

    def has(col: str) -> pl.Expr:
        """The raw value of `col` is not empty (a column computed beside the outputs)."""
        present.setdefault(col, _clean(col, schema[col]).is_not_null().alias(f"_has:{col}"))
        return pl.col(f"_has:{col}")

    optional = [c for c in OPTIONAL_SCHEMA if c in schema]
    per_value = [*ID_COLUMNS, *CODE_COLUMNS, *ENUMS, *optional, "description", "brand", "hs_code"]
    distinct = _distinct(df, per_value) if tables is not None else {}
    for col in ID_COLUMNS:
        exprs.append(_per_unique(df, col, id_key(col, schema[col]), distinct=distinct).alias(col))
    for col in CODE_COLUMNS:
        e = _clean(col, schema[col]).str.to_uppercase()
        if col in ("customs_office", "trader_region", "goods_source_region"):
            name = "offices" if col == "customs_office" else "regions"
            if tables is None:
                mapped.append((col, name, e))
            else:
                e = _mapped(df, col, e, tables[name], distinct)
        elif col in COUNTRY_COLUMNS:
            e = pl.coalesce(_COUNTRIES(e), e)
        exprs.append(_per_unique(df, col, e, distinct=distinct).alias(col))
    for col, allowed in ENUMS.items():
        raw_e = _clean(col, schema[col])
        key = raw_e.str.to_uppercase().str.replace_all(r"[\s\-]+", "_")
        table = {a.upper(): a for a in allowed} | ENUM_ALIASES.get(col, {})
        e = _replace(key, table, None)
        exprs.append(_per_unique(df, col, e, distinct=distinct).alias(col))
        checks.append(
            (has(col) & pl.col(col).is_null(), pl.format(f"{col} '{{}}' is not one of {'|'.join(allowed)}", raw_e))
        )
    for col in optional:  # optional columns: cleaned when present
        e = _clean(col, schema[col])
        if col == "exit_office":
            e = e.str.to_uppercase()
            if tables is None:
                mapped.append((col, "offices", e))
            else:
                e = _mapped(df, col, e, tables["offices"], distinct)
        elif col != "trade_mode_code":
            e = e.str.to_uppercase()
        exprs.append(_per_unique(df, col, e, distinct=distinct).alias(col))
    exprs.append(decl_key(schema["decl_id"]).alias("decl_id"))
    for col in ("description", "brand"):
        exprs.append(_per_unique(df, col, _clean(col, schema[col]), distinct=distinct).alias(col))

    date = _parse_date("declared_at", schema["declared_at"])
    exprs.append(date.alias("declared_at"))
    is_text = schema["declared_at"] == pl.String
    raw_date = _clean("declared_at", schema["declared_at"]) if is_text else pl.lit("x")
    has_date = has("declared_at") if is_text else pl.lit(True)
    checks.append((~has_date, pl.lit("declared_at is missing")))
    checks.append(
        (
            has_date & pl.col("declared_at").is_null(),
            pl.format("declared_at '{}' is not a date (use YYYY-MM-DD)", raw_date),
        )
    )

    hs_raw = _clean("hs_code", schema["hs_code"])
    digits = hs_raw.str.replace_all(r"[\s.\-]", "")
    padded = pl.when(digits.str.len_chars() % 2 == 1).then(pl.concat_str([pl.lit("0"), digits])).otherwise(digits)
    hs = pl.when(padded.str.contains(r"^\d{6,10}$")).then(padded)
    exprs.append(_per_unique(df, "hs_code", hs, distinct=distinct).alias("hs_code"))
    checks.append((~has("hs_code"), pl.lit("hs_code is missing")))
    checks.append((has("hs_code") & pl.col("hs_code").is_null(), pl.format("hs_code '{}' is not 6-10 digits", hs_raw)))

    for col in ("quantity", "value", "net_mass_kg", "n_containers", "item_no"):
        target = DECLARATION_SCHEMA[col]
        e = _number(col, schema[col], target)
        exprs.append(e.alias(col))
        if not schema[col].is_numeric():
            raw_e = _clean(col, schema[col])
            checks.append((has(col) & pl.col(col).is_null(), pl.format(f"{col} '{{}}' is not a number", raw_e)))
        if target == pl.Float64:  # NaN, inf and overflowing values (1e400) are not quantities
            checks.append(
                (~pl.col(col).is_finite(), pl.format(f"{col} '{{}}' is not a finite number", _clean(col, schema[col])))
            )
        checks.append((pl.col(col) < 0, pl.format(f"{col} {{}} is negative", e)))

    checks.append((pl.col("decl_id").is_null(), pl.lit("decl_id is missing")))
    if "_read_error" in schema:  # a row the reader could not split into the header's fields (ragged CSV)
        checks.insert(0, (pl.col("_read_error").is_not_null(), pl.col("_read_error")))
    checks.append((~has("direction"), pl.lit("direction is missing")))

    for name, ftype in (extra_fields or {}).items():
        if name in df.columns and name not in DECLARATION_SCHEMA:
            target_type = _TYPE_TO_PL[ftype]
            if ftype in ("int", "float"):
                e = _number(name, schema[name], target_type())
            elif ftype == "date":
                e = _parse_date(name, schema[name])
            elif ftype == "bool":
                e = (
                    _clean(name, schema[name])
                    .str.to_lowercase()
                    .replace_strict(
                        ["true", "1", "yes", "y", "false", "0", "no", "n"], [True] * 4 + [False] * 4, default=None
                    )
                )
            else:
                e = _clean(name, schema[name])
            exprs.append(e.alias(name))
            raw_e = _clean(name, schema[name])
            if ftype == "float":
                checks.append((~pl.col(name).is_finite(), pl.format(f"{name} '{{}}' is not a finite number", raw_e)))
            checks.append((has(name) & pl.col(name).is_null(), pl.format(f"{name} '{{}}' is not a {ftype}", raw_e)))

    cur_raw = next(e for e in exprs if e.meta.output_name() == "currency")
    value, cur, rate = pl.col("value"), pl.col("currency"), pl.col("_rate")
    checks.append(
        (
            value.is_not_null() & cur.is_not_null() & rate.is_null(),
            pl.format("unknown currency '{}': add it to the fx_rates list", cur_raw),
        )
    )
    checks.append((value.is_finite() & ~(value * rate).is_finite(), pl.lit("value overflows when converted to USD")))
    return _Plan(exprs, checks, present, mapped, Lookup.of(fx, pl.Float64)(cur))


#: Header fields every line of one declaration must agree on.
DECLARATION_HEADER = (
    "declared_at",
    "direction",
    "customs_office",
    "transport_mode",
    "trade_mode",
    "declarant_id",
    "trader_id",
)


def whole_declarations(kept: pl.DataFrame, rejects: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A declaration is scored on all its lines or not at all. Moves to the rejects, with the reason, every
    line of a declaration that (1) appears in more than one input file, (2) has lines disagreeing on a
    header field (`DECLARATION_HEADER`), or (3) has a line rejected for another reason. Rows in = rows
    kept + rows rejected still holds."""
    if kept.height == 0:
        return kept, rejects
    reasons: list[pl.DataFrame] = []
    if kept.height == 1 and kept["decl_id"][0] is not None:  # one line (one declaration at the API)
        return _with_partial(kept, rejects, reasons)
    # (1) one decl_id in several files, (2) lines disagreeing on the header: compare each line with the one
    # before it, declarations' lines made adjacent first (a stable sort, only when they are not already)
    several_files = bool(kept["_file"].ne_missing(kept["_file"][0]).any())
    cols = [c for c in (*(["_file"] if several_files else []), *DECLARATION_HEADER) if c in kept.columns]
    ids = kept["decl_id"]
    adjacent = int(ids.ne_missing(ids.shift(1)).sum()) == ids.n_unique()
    frame = kept.select("decl_id", *cols)
    if not adjacent:
        frame = frame.sort("decl_id", maintain_order=True)
    same = pl.col("decl_id").eq_missing(pl.col("decl_id").shift(1))
    flags = frame.select("decl_id", *[(same & pl.col(c).ne_missing(pl.col(c).shift(1))).alias(c) for c in cols])
    flags = flags.filter(pl.any_horizontal(cols))
    if flags.height:
        differ = flags.group_by("decl_id", maintain_order=True).agg(pl.col(c).any() for c in cols)
        header = [c for c in cols if c != "_file"]
        reasons.append(
            differ.select(
                "decl_id",
                pl.when(pl.col("_file") if several_files else pl.lit(False))
                .then(
                    pl.format(
                        "declaration {} is in several input files: a decl_id must be unique across inputs",
                        "decl_id",
                    )
                )
                .otherwise(
                    pl.format(
                        "lines of declaration {} disagree on {}: header fields must be the same on every line",
                        "decl_id",
                        pl.concat_str(
                            [pl.when(pl.col(c)).then(pl.lit(c)) for c in header], separator=", ", ignore_nulls=True
                        ),
                    )
                )
                .alias("reason"),
            )
        )
    return _with_partial(kept, rejects, reasons)


def _with_partial(
    kept: pl.DataFrame, rejects: pl.DataFrame, reasons: list[pl.DataFrame]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`whole_declarations`' last step: (3) a declaration with a rejected line joins the `reasons`
    found so far, and the lines of every declaration with a reason move to the rejects."""
    # (3) a declaration with a rejected line (rejects are few: the reasons are built from them alone)
    partial = rejects.drop_nulls("decl_id")
    if partial.height:
        reasons.append(
            partial.group_by("decl_id", maintain_order=True)
            .agg(pl.col("file").first(), pl.col("row").first())
            .select(
                "decl_id",
                pl.format(
                    "declaration {} has a rejected line ({}:{}): "
                    "a declaration is scored on all its lines or not at all",
                    "decl_id",
                    "file",
                    "row",
                ).alias("reason"),
            )
        )
    if not reasons:
        return kept, rejects
    why = pl.concat(reasons).unique("decl_id", keep="first", maintain_order=True)
    mask = kept["decl_id"].is_in(why["decl_id"].implode())
    moved = (
        kept.filter(mask)
        .join(why, on="decl_id", how="left", maintain_order="left")
        .select(pl.col("_file").alias("file"), pl.col("_row").alias("row"), "decl_id", "reason")
    )
    return kept.filter(~mask), pl.concat([rejects, moved], how="diagonal_relaxed")
