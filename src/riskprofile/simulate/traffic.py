"""Vectorised declaration traffic: legitimate traders plus infringing actors, one week at a time.

``TrafficModel`` draws a fixed pool of legitimate traders and of infringing *actors* (the traders behind
the infringing schemes of the parameter file) from the seed, then ``generate_week`` produces that
week's goods lines in the DESIGN declaration columns plus ground truth:

- ``infringing`` (bool), ``concealment`` (none|undervaluation|misdescription|misclassification|mixed|
  door; null when legitimate), ``items`` (infringing pieces in the declaration, 0 when legitimate),
  ``ip_kind`` (trademark|patent|copyright), ``on_application`` (the right holder applied to detain it),
  ``scheme``, ``actor_id`` (-1 when legitimate), ``line_infringing`` (the goods line that carries the
  infringing goods; none for door concealment, where they are not declared at all) and ``week``.

No Python loop runs per declaration: every column is drawn with numpy over whole arrays and gathered
into polars string columns. The actors' state (office, channel, concealment, value) is what
``adapt.py`` changes between weeks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from ..model.declaration import HEADER_SCHEMA, LINE_SCHEMA
from ..model.vocab import TRADE_MODES, TRADER_TYPES
from .params import CONCEALMENTS, IP_KINDS, MODES, SimParams

#: Direction by the generator's import flag (0 export, 1 import).
BY_IMPORT_FLAG = ("export", "import")
#: The declaration columns (DESIGN), in their documented order.
#: optional columns the simulator fills
HEADER_COLUMNS = list(HEADER_SCHEMA) + ["trade_mode_code", "exit_office", "overseas_party"]
LINE_COLUMNS = list(LINE_SCHEMA)
DESIGN_COLUMNS = HEADER_COLUMNS + LINE_COLUMNS
TRUTH_COLUMNS = [
    "infringing",
    "concealment",
    "items",
    "ip_kind",
    "on_application",
    "scheme",
    "actor_id",
    "line_infringing",
    "week",
]
# typical quantity of a legitimate goods line, by channel (median, lognormal sigma)
_QTY = {
    "sea": (2000, 1.0),
    "air": (150, 1.2),
    "road": (600, 1.0),
    "rail": (1500, 1.0),
    "postal": (2, 0.7),
    "express": (8, 1.0),
}
N_AGENTS_PER_OFFICE = 40
#: Overseas consignees written on exports (generic distributors), and how a holder's sourcing office is named
#: after its mark on contract manufacturers' exports ("NIKE SOURCING").
DISTRIBUTORS = ["ATLAS TRADING LLC", "NOVA DISTRIBUTION LTD", "PRIME IMPORT EXPORT SARL", "UNITED GMBH",
                "ANDES S.A. DE C.V.", "NILE FZE", "PACIFIC PTY LTD", "BALTIC UAB", "ALPHA TRADING INC"]  # fmt: skip
#: Retail price of genuine branded goods over the export price of the goods (a person's parcel).
RETAIL_MARKUP = 4.0
HOLDER_OFFICES = [" SOURCING", " INC", " EUROPE B.V.", " (HK) LTD", " ASIA PACIFIC LTD"]
#: China trade-mode code written for each trade mode (mixed loads: 1039 market procurement, 9710 B2B e-commerce)
TRADE_MODE_CODES = {"general": "0110", "cross_border_ecommerce": "9610", "border_trade": "4019", "processing": "0615"}


def _norm(w: dict[str, float], keys: list[str]) -> np.ndarray:
    a = np.array([float(w.get(k, 0.0)) for k in keys])
    s = a.sum()
    if s <= 0:
        raise ValueError("distribution with zero weight")
    return a / s


def _choice_grouped(rng: np.random.Generator, groups: np.ndarray, table: np.ndarray) -> np.ndarray:
    """For each row i draw an index from the distribution ``table[groups[i]]`` (loop over groups only)."""
    out = np.zeros(len(groups), dtype=np.int32)
    for g in np.unique(groups):
        m = groups == g
        out[m] = rng.choice(table.shape[1], size=int(m.sum()), p=table[g])
    return out


def _lognormal_int(
    rng: np.random.Generator, median: np.ndarray | float, sigma: np.ndarray | float, size: int, hi: np.ndarray | float
) -> np.ndarray:
    x = np.exp(np.log(median) + sigma * rng.standard_normal(size))
    return np.clip(np.rint(x), 1, hi).astype(np.int64)


@dataclass
class Actors:
    """State of the infringing actors (one row per actor); ``adapt.py`` mutates it between weeks."""

    scheme: np.ndarray  # scheme index
    region: np.ndarray  # region index (source of goods)
    home_region: np.ndarray  # trader's own region index
    mode: np.ndarray  # mode index (current channel)
    home_office: np.ndarray  # office index where it started
    office: np.ndarray  # office index it lodges at now
    ttype: np.ndarray  # trader-type string index
    trader_num: np.ndarray  # number in the trader id space
    agent: np.ndarray  # agent number (-1: lodges itself)
    activity: np.ndarray  # relative activity
    split: np.ndarray  # declarations multiplier (channel shift to parcels)
    items_scheme: np.ndarray  # scheme whose item distribution applies (changes on channel shift)
    conceal_override: np.ndarray  # -1 or concealment index forced by adaptation
    shifts: np.ndarray  # number of shifts made so far
    last_shift: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.scheme)


class TrafficModel:
    """Deterministic traffic generator for one seeded run."""

    def __init__(self, params: SimParams, n_total: int, weeks: int, seed: int) -> None:
        if n_total < 1:
            raise ValueError("n must be >= 1")
        if weeks < 1:
            raise ValueError("weeks must be >= 1")
        self.p = params
        self.n_total = int(n_total)
        self.weeks = int(weeks)
        self.seed = int(seed)
        p = params
        self.modes = list(MODES)
        self.office_codes = [o.code for o in p.offices]
        self.office_idx = {c: i for i, c in enumerate(self.office_codes)}
        self.region_codes = [r.code for r in p.regions]
        self.goods_keys = [g.key for g in p.goods]
        self.goods_idx = {k: i for i, k in enumerate(self.goods_keys)}
        self.schemes = p.infringement.schemes
        self.scheme_keys = [s.key for s in self.schemes]
        self.trader_types = list(TRADER_TYPES)
        self.trade_modes = list(TRADE_MODES)
        self.dest_keys = p.export_destinations.keys()
        self.origin_keys = p.import_origins.keys()
        self.countries = sorted(
            set(self.dest_keys)
            | set(self.origin_keys)
            | set(p.road_destinations.keys())
            | {c for s in self.schemes for c in (s.destinations or {}) | (s.origins or {})}
            | {"CN"}
        )
        self.country_idx = {c: i for i, c in enumerate(self.countries)}
        self._tables()
        self.weekly_n = self._split_weeks()
        self._decl_counter = 0
        rng = self._rng(0, 0)
        self._legit_traders(rng)
        self.actors = self._actors(rng)

    # -- helpers ---------------------------------------------------------------------------------
    def _rng(self, week: int, stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, week, stream])

    def _split_weeks(self) -> np.ndarray:
        base, rem = divmod(self.n_total, self.weeks)
        n = np.full(self.weeks, base, dtype=np.int64)
        n[:rem] += 1
        return n

    def week_start(self, week: int) -> dt.date:
        return self.p.start + dt.timedelta(days=7 * (week - 1))

    def _tables(self) -> None:
        p = self.p
        M, G, O, R = len(self.modes), len(self.goods_keys), len(self.office_codes), len(self.region_codes)  # noqa: E741
        self.mode_share = _norm({m: p.channels[m].share for m in self.modes}, self.modes)
        self.goods_by_mode = np.zeros((M, G))
        for j, g in enumerate(p.goods):
            for m, w in g.weight.items():
                self.goods_by_mode[self.modes.index(m), j] = w
        self.goods_by_mode /= self.goods_by_mode.sum(axis=1, keepdims=True)
        self.office_mode = np.zeros((O, M), dtype=bool)
        for i, o in enumerate(p.offices):
            for m in o.modes:
                self.office_mode[i, self.modes.index(m)] = True
        # usual offices per (region, mode): -1 when the region has none for the mode
        self.usual = np.full((R, M, 3), -1, dtype=np.int32)
        self.drift = np.full((R, M, 3), -1, dtype=np.int32)
        self.usual_set = np.zeros((R, O), dtype=bool)
        for r, reg in enumerate(p.regions):
            for c in reg.usual_offices:
                self.usual_set[r, self.office_idx[c]] = True
            for m in range(M):
                u = [self.office_idx[c] for c in reg.usual_offices if self.office_mode[self.office_idx[c], m]]
                d = [self.office_idx[c] for c in reg.drift_offices if self.office_mode[self.office_idx[c], m]]
                if not d:  # any office handling the mode outside the usual ones
                    d = [i for i in range(O) if self.office_mode[i, m] and not self.usual_set[r, i]]
                self.usual[r, m, : len(u[:3])] = u[:3]
                self.drift[r, m, : len(d[:3])] = d[:3]
        self.region_w = np.array([r.weight for r in p.regions], dtype=float)
        # regions able to ship by each mode through a usual office
        self.region_by_mode = np.zeros((M, R))
        for m in range(M):
            ok = self.usual[:, m, 0] >= 0
            w = self.region_w * ok
            self.region_by_mode[m] = w / w.sum()
        self.g_hs = pl.Series([g.hs for g in p.goods])
        self.g_unit = pl.Series([g.unit for g in p.goods])
        self.g_usd = np.array([g.usd for g in p.goods])
        self.g_kg = np.array([g.kg for g in p.goods])
        # descriptions: flatten variants
        descs, start, count = [], [], []
        for g in p.goods:
            start.append(len(descs))
            count.append(len(g.desc))
            descs.extend(g.desc)
        self.desc_all = pl.Series(descs)
        self.desc_start = np.array(start)
        self.desc_count = np.array(count)
        # marks per goods (first entry list), look-alikes per mark
        marks: list[str] = []
        mstart, mcount = [], []
        for k in self.goods_keys:
            lst = self.p.marks.get(k) or ["NO BRAND"]
            if isinstance(lst, str):
                lst = [lst]
            mstart.append(len(marks))
            mcount.append(len(lst))
            marks.extend(lst)
        self.mark_all = marks
        self.mark_start = np.array(mstart)
        self.mark_count = np.array(mcount)
        spans = zip(mstart, mcount, strict=True)
        self.has_mark = np.array([any(m != "NO BRAND" for m in marks[a : a + c]) for a, c in spans])
        look = {k: v for k, v in self.p.lookalikes.items() if k != "source"}
        self._party_tables()
        self.brand_vocab = list(
            dict.fromkeys(
                marks + [x for v in look.values() for x in v] + list(p.legit_brands.values) + self.party_marks
            )
        )
        bidx = {b: i for i, b in enumerate(self.brand_vocab)}
        self.mark_vocab_idx = np.array([bidx[m] for m in marks])
        la_start, la_count, la_all = [], [], []
        for m in marks:
            v = look.get(m, [])
            la_start.append(len(la_all))
            la_count.append(len(v))
            la_all.extend(bidx[x] for x in v)
        self.la_all = np.array(la_all + [0], dtype=np.int64)
        self.la_start = np.array(la_start)
        self.la_count = np.array(la_count)
        self.party_mark_idx = np.array([bidx[m] for m in self.party_marks] + [0], dtype=np.int64)
        lb = p.legit_brands
        self.legit_brand_idx = np.array([bidx[b] for b in lb.values])
        self.legit_brand_p = np.array(lb.weights) / sum(lb.weights)
        covers = {k: v for k, v in self.p.covers.items() if k != "source"}
        self.cover = np.array([self.goods_idx[covers.get(k, k)] for k in self.goods_keys])
        self.channel_lines = np.array([p.channels[m].lines for m in self.modes])
        self.channel_cont = np.array([p.channels[m].containers for m in self.modes])
        self.channel_agent = np.array([p.channels[m].agent_share for m in self.modes])
        self.channel_import = np.array([p.channels[m].import_share for m in self.modes])
        self.channel_tm = np.array([_norm(p.channels[m].trade_modes, self.trade_modes) for m in self.modes])
        self.types_by_mode = np.array([_norm(p.traders.types[m], self.trader_types) for m in self.modes])
        C = len(self.countries)
        self.dest_p = _norm(p.export_destinations.weights, self.countries)
        self.orig_p = _norm(p.import_origins.weights, self.countries)
        self.road_dest_p = _norm(p.road_destinations.weights, self.countries)
        self.scheme_dest = np.zeros((len(self.schemes), C))
        self.scheme_goods = np.zeros((len(self.schemes), G))
        self.scheme_conc = np.zeros((len(self.schemes), len(CONCEALMENTS)))
        self.scheme_ip = np.zeros((len(self.schemes), len(IP_KINDS)))
        self.scheme_tm = np.zeros((len(self.schemes), len(self.trade_modes)))
        self.scheme_types = np.zeros((len(self.schemes), len(self.trader_types)))
        self.scheme_modes = np.zeros((len(self.schemes), M))
        for s, sc in enumerate(self.schemes):
            self.scheme_dest[s] = _norm(sc.destinations or sc.origins or {}, self.countries)
            self.scheme_goods[s] = _norm(sc.goods, self.goods_keys)
            self.scheme_conc[s] = _norm(sc.concealment, list(CONCEALMENTS))
            self.scheme_ip[s] = _norm(sc.ip_kind, list(IP_KINDS))
            self.scheme_tm[s] = _norm(sc.trade_modes, self.trade_modes)
            self.scheme_types[s] = _norm(sc.trader_types, self.trader_types)
            self.scheme_modes[s] = _norm(sc.channels, self.modes)
        self.scheme_import = np.array([sc.direction == "import" for sc in self.schemes])
        self.scheme_w = np.array([sc.weight for sc in self.schemes])
        self.scheme_w = self.scheme_w / self.scheme_w.sum()
        self.items_median = np.array([sc.items.median for sc in self.schemes])
        self.items_sigma = np.array([sc.items.sigma for sc in self.schemes])
        self.items_max = np.array([sc.items.max for sc in self.schemes])
        self.onapp_p = np.array([sc.on_application for sc in self.schemes])
        self.onapp_factor = np.array([sc.on_application_items_factor for sc in self.schemes])

        # the parcel scheme an actor switches to (per direction)
        def _parcel(direction: str) -> int:
            for i, sc in enumerate(self.schemes):
                if sc.direction == direction and set(sc.channels) == {"postal"}:
                    return i
            return 0

        self.parcel_scheme = {False: _parcel("export"), True: _parcel("import")}
        lo, hi = p.infringement.undervalue["factor"]
        self.under_lo, self.under_hi = float(lo), float(hi)
        self.fx_cny = float(p.fx["CNY"])
        self.misclass_hs = str(p.misclassify_hs.value)
        digits = p.legit_trade.hs_digits if p.legit_trade is not None else None
        self.hs_digit_n = np.array([int(k) for k in digits.keys()]) if digits else None
        self.hs_digit_p = np.array(digits.probs()) if digits else None
        if digits:  # each goods' code in each declared length, gathered per line
            self.g_hs_forms = pl.Series([g.hs[:k] for g in p.goods for k in self.hs_digit_n] + [self.misclass_hs])

    def _party_tables(self) -> None:
        """Marks and party ids of authorised mark users per goods (``legit_trade.parties``)."""
        lt = self.p.legit_trade
        pairs = {k: v for k, v in (lt.parties if lt else {}).items()}
        self.party_marks, self.party_ids, start, count = [], [], [], []
        for k in self.goods_keys:
            lst = pairs.get(k, [])
            start.append(len(self.party_ids))
            count.append(len(lst))
            for x in lst:
                mark, pid = x.split("|")
                self.party_marks.append(mark)
                self.party_ids.append(pid)
        self.party_start, self.party_count = np.array(start), np.array(count)
        codes = {c[3:]: i for i, c in enumerate(self.region_codes)}
        self.party_region = np.array(
            [next((codes[s] for s in pid.split("-")[:2] if s in codes), -1) for pid in self.party_ids] + [-1]
        )

    def trader_ids(self, region: np.ndarray, num: np.ndarray, party: np.ndarray | None = None) -> pl.Series:
        reg = pl.Series(self.region_codes).gather(region).str.slice(3, 2)
        ids = reg + "-T" + pl.Series(num).cast(pl.String).str.zfill(6)
        if party is None or not (party >= 0).any():
            return ids
        named = pl.Series(self.party_ids + [""]).gather(np.where(party >= 0, party, len(self.party_ids)))
        return pl.select(pl.when(pl.Series(party >= 0)).then(named).otherwise(ids)).to_series()

    def _legit_traders(self, rng: np.random.Generator) -> None:
        p = self.p
        T = int(p.traders.count.value)
        self.n_traders = T
        mode = rng.choice(len(self.modes), size=T, p=self.mode_share)
        region = _choice_grouped(rng, mode, self.region_by_mode)
        remote = rng.random(T) < p.traders.remote_share.value
        home = np.where(
            remote, rng.choice(len(self.region_codes), size=T, p=self.region_w / self.region_w.sum()), region
        )
        # usual office: one of the region's usual offices for the mode
        n_usual = (self.usual[region, mode] >= 0).sum(axis=1)
        pick = (rng.random(T) * n_usual).astype(np.int64)
        office = self.usual[region, mode, pick]
        n_drift = (self.drift[region, mode] >= 0).sum(axis=1)
        dpick = (rng.random(T) * np.maximum(n_drift, 1)).astype(np.int64)
        alt = np.where(n_drift > 0, self.drift[region, mode, np.minimum(dpick, 2)], office)
        self.t_mode, self.t_region, self.t_home = mode, region, home
        self.t_office, self.t_alt = office, alt
        self.t_type = _choice_grouped(rng, mode, self.types_by_mode)
        self.t_goods = _choice_grouped(rng, mode, self.goods_by_mode)
        act = np.exp(float(p.traders.activity_sigma.value) * rng.standard_normal(T))
        self.t_act = act / act.sum()
        self.t_agent = np.where(rng.random(T) < self.channel_agent[mode], rng.integers(0, N_AGENTS_PER_OFFICE, T), -1)
        # trader numbers: a shuffled id space shared with the actors so ids carry no signal
        self.id_space = rng.permutation(10 * (T + 20000))
        self.t_num = self.id_space[:T]
        lo, hi = p.traders.known_days.value
        self.t_known = rng.integers(int(lo), int(hi) + 1, T)
        self._mark_users()

    def _mark_users(self) -> None:
        """Some traders of marked goods are authorised users of a mark (own random stream, so the rest of
        the traffic is drawn as before): their id, region and usual office become the party's."""
        T = self.n_traders
        self.t_party = np.full(T, -1, dtype=np.int64)
        self.t_unlisted = np.zeros(T, dtype=bool)
        lt = self.p.legit_trade
        if lt is None or not len(self.party_ids):
            return
        rng = self._rng(0, 7)
        cnt = self.party_count[self.t_goods]
        parcel = np.isin(self.t_mode, [self.modes.index("postal")])
        user = (rng.random(T) < lt.mark_users.value) & (cnt > 0) & ~parcel
        pick = self.party_start[self.t_goods] + (rng.random(T) * np.maximum(cnt, 1)).astype(np.int64)
        party = np.where(user, pick, -1)
        preg = self.party_region[np.maximum(party, 0)]
        office = np.where(preg >= 0, self.usual[np.maximum(preg, 0), self.t_mode, 0], -1)
        move = user & (preg >= 0) & (office >= 0)
        self.t_region = np.where(move, preg, self.t_region)
        self.t_home = np.where(move, preg, self.t_home)
        self.t_office = np.where(move, office, self.t_office)
        self.t_type = np.where(user, self.trader_types.index("manufacturer"), self.t_type)
        self.t_party = party
        if lt.unlisted_mark_users is not None:  # own stream: the rest of the traffic is drawn as before
            draw = self._rng(0, 8).random(T)
            freight = ~np.isin(self.t_mode, [self.modes.index("postal"), self.modes.index("express")])
            firm = self.t_type != self.trader_types.index("individual")
            marked = self.has_mark[self.t_goods]
            self.t_unlisted = (draw < lt.unlisted_mark_users.value) & marked & ~user & freight & firm

    def _actors(self, rng: np.random.Generator) -> Actors:
        p = self.p
        rate = p.infringement.rate.value
        per = float(p.infringement.actors_per_1000.value) / 1000.0
        counts = np.maximum(3, np.ceil(self.n_total * rate * self.scheme_w * per)).astype(int)
        S = np.repeat(np.arange(len(self.schemes)), counts)
        A = len(S)
        mode = _choice_grouped(rng, S, self.scheme_modes)
        region = _choice_grouped(rng, mode, self.region_by_mode)
        remote = rng.random(A) < p.traders.remote_share.value
        home_region = np.where(
            remote, rng.choice(len(self.region_codes), size=A, p=self.region_w / self.region_w.sum()), region
        )
        n_usual = (self.usual[region, mode] >= 0).sum(axis=1)
        office = self.usual[region, mode, (rng.random(A) * n_usual).astype(np.int64)]
        ttype = _choice_grouped(rng, S, self.scheme_types)
        nums = self.id_space[self.n_traders : self.n_traders + A]
        agent = np.where(rng.random(A) < self.channel_agent[mode], rng.integers(0, N_AGENTS_PER_OFFICE, A), -1)
        act = np.exp(0.5 * rng.standard_normal(A))
        lo, hi = p.infringement.known_days.value
        self.a_known = rng.integers(int(lo), int(hi) + 1, A)
        return Actors(
            scheme=S,
            region=region,
            home_region=home_region,
            mode=mode,
            home_office=office.copy(),
            office=office,
            ttype=ttype,
            trader_num=nums,
            agent=agent,
            activity=act,
            split=np.ones(A),
            items_scheme=S.copy(),
            conceal_override=np.full(A, -1, dtype=np.int32),
            shifts=np.zeros(A, dtype=np.int32),
            last_shift=[""] * A,
        )

    def anchors(self) -> pl.DataFrame:
        """History rows dating each trader's first appearance before the run (see ``_anchor_frame``)."""
        if getattr(self, "_anchors", None) is None:
            self._anchors = _anchor_frame(self)
        return self._anchors

    # -- one week --------------------------------------------------------------------------------
    def generate_week(self, week: int) -> pl.DataFrame:
        """Goods lines of week ``week`` (1-based), DESIGN columns then truth columns."""
        if not 1 <= week <= self.weeks:
            raise ValueError(f"week {week} outside 1..{self.weeks}")
        n_week = int(self.weekly_n[week - 1])
        rng = self._rng(week, 1)
        a = self.actors
        rate = self.p.infringement.rate.value
        # expected infringing declarations per actor this week
        lam_s = n_week * rate * self.scheme_w
        act_sum = np.bincount(a.scheme, weights=a.activity, minlength=len(self.schemes))
        lam = lam_s[a.scheme] * a.activity / act_sum[a.scheme] * a.split
        k = rng.poisson(lam)
        n_inf = int(min(k.sum(), n_week))
        if k.sum() > n_week:  # tiny runs: thin to fit
            keep = rng.permutation(np.repeat(np.arange(len(a)), k))[:n_week]
            k = np.bincount(keep, minlength=len(a))
        n_leg = n_week - n_inf
        inf_actor = np.repeat(np.arange(len(a)), k)
        hdr = self._headers(rng, week, n_leg, inf_actor)
        return self._lines(rng, hdr)

    def _headers(self, rng: np.random.Generator, week: int, n_leg: int, inf_actor: np.ndarray) -> dict:
        p, a = self.p, self.actors
        n_inf = len(inf_actor)
        n = n_leg + n_inf
        # legitimate part
        t = rng.choice(self.n_traders, size=n_leg, p=self.t_act)
        mode = np.concatenate([self.t_mode[t], a.mode[inf_actor]])
        switch = rng.random(n_leg) < p.legit_port_switch.value
        office = np.concatenate([np.where(switch, self.t_alt[t], self.t_office[t]), a.office[inf_actor]])
        region = np.concatenate([self.t_region[t], a.region[inf_actor]])
        home = np.concatenate([self.t_home[t], a.home_region[inf_actor]])
        ttype = np.concatenate([self.t_type[t], a.ttype[inf_actor]])
        tnum = np.concatenate([self.t_num[t], a.trader_num[inf_actor]])
        agent = np.concatenate([self.t_agent[t], a.agent[inf_actor]])
        primary = np.concatenate([self.t_goods[t], np.full(n_inf, -1)])
        scheme = a.scheme[inf_actor]
        imp = np.concatenate([rng.random(n_leg) < self.channel_import[self.t_mode[t]], self.scheme_import[scheme]])
        # destination / origin
        country = np.zeros(n, dtype=np.int64)
        leg_road = self.t_mode[t] == self.modes.index("road")
        leg_imp = imp[:n_leg]
        cl = np.where(
            leg_imp,
            rng.choice(len(self.countries), n_leg, p=self.orig_p),
            np.where(
                leg_road,
                rng.choice(len(self.countries), n_leg, p=self.road_dest_p),
                rng.choice(len(self.countries), n_leg, p=self.dest_p),
            ),
        )
        country[:n_leg] = cl
        country[n_leg:] = _choice_grouped(rng, scheme, self.scheme_dest) if n_inf else []
        tm = np.concatenate(
            [
                _choice_grouped(rng, self.t_mode[t], self.channel_tm),
                _choice_grouped(rng, scheme, self.scheme_tm) if n_inf else np.zeros(0, np.int32),
            ]
        )
        # truth
        infringing = np.concatenate([np.zeros(n_leg, bool), np.ones(n_inf, bool)])
        conc = np.full(n, -1, dtype=np.int32)
        if n_inf:
            c = _choice_grouped(rng, scheme, self.scheme_conc)
            ov = a.conceal_override[inf_actor]
            c = np.where(ov >= 0, ov, c)
            # door concealment needs containers; mixed needs several lines: parcels fall back
            parcel = np.isin(a.mode[inf_actor], [self.modes.index("postal"), self.modes.index("express")])
            door_or_mixed = np.isin(c, [CONCEALMENTS.index("door"), CONCEALMENTS.index("mixed")])
            c = np.where(parcel & door_or_mixed, CONCEALMENTS.index("misdescription"), c)
            conc[n_leg:] = c
        ip = np.full(n, -1, dtype=np.int32)
        items = np.zeros(n, dtype=np.int64)
        onapp = np.zeros(n, dtype=bool)
        igoods = np.full(n, -1, dtype=np.int64)
        if n_inf:
            ip[n_leg:] = _choice_grouped(rng, scheme, self.scheme_ip)
            isch = a.items_scheme[inf_actor]
            it = _lognormal_int(rng, self.items_median[isch], self.items_sigma[isch], n_inf, self.items_max[isch])
            oa = rng.random(n_inf) < self.onapp_p[isch]
            it = np.where(oa, np.clip(np.rint(it * self.onapp_factor[isch]), 1, None).astype(np.int64), it)
            items[n_leg:] = it
            onapp[n_leg:] = oa
            igoods[n_leg:] = _choice_grouped(rng, scheme, self.scheme_goods)
        actor = np.concatenate([np.full(n_leg, -1), inf_actor])
        party = np.concatenate([self.t_party[t], np.full(n_inf, -1)])
        unlisted = np.concatenate([self.t_unlisted[t], np.zeros(n_inf, dtype=bool)])
        mixed, exit_office = self._legit_forms(week, n_leg, n_inf, mode, office, region, imp, tm)
        # shuffle so infringing declarations are not grouped
        perm = rng.permutation(n)
        day = rng.integers(0, 7, n)
        ids = self._decl_counter + np.arange(n)
        self._decl_counter += n
        h = dict(
            mode=mode,
            office=office,
            region=region,
            home=home,
            ttype=ttype,
            tnum=tnum,
            agent=agent,
            primary=primary,
            imp=imp,
            country=country,
            tm=tm,
            infringing=infringing,
            conc=conc,
            ip=ip,
            items=items,
            onapp=onapp,
            igoods=igoods,
            actor=actor,
            scheme=np.concatenate([np.full(n_leg, -1), scheme]),
            party=party,
            unlisted=unlisted,
            mixed=mixed,
            exit_office=exit_office,
        )
        h = {k: v[perm] for k, v in h.items()}
        h["day"] = day
        h["num"] = ids
        h["week"] = week
        return h

    def _legit_forms(self, week, n_leg, n_inf, mode, office, region, imp, tm) -> tuple[np.ndarray, np.ndarray]:
        """Mixed loads (1039 / 9710; their trade mode is set in `tm`) and integrated clearance (an exit
        office other than the lodging one) among legitimate exports, from their own random stream."""
        n = n_leg + n_inf
        mixed = np.zeros(n, dtype=bool)
        exit_office = np.full(n, -1, dtype=np.int64)
        lt = self.p.legit_trade
        if lt is None or n_leg == 0:
            return mixed, exit_office
        rng = self._rng(week, 5)
        legit_export = np.zeros(n, dtype=bool)
        legit_export[:n_leg] = ~imp[:n_leg]
        bulk = np.isin(mode, [self.modes.index(m) for m in ("sea", "road", "rail")])
        mixed = legit_export & bulk & (rng.random(n) < lt.mixed_loads.value)
        market = rng.random(n) < 0.6
        code = np.where(market, self.trade_modes.index("other"), self.trade_modes.index("cross_border_ecommerce"))
        tm[:] = np.where(mixed, code, tm)
        integ = legit_export & ~mixed & (rng.random(n) < lt.integrated_clearance.value)
        # the exit: another usual office of the goods' region handling the mode
        for k in range(self.usual.shape[2]):
            cand = self.usual[region, mode, k]
            exit_office = np.where(integ & (exit_office < 0) & (cand >= 0) & (cand != office), cand, exit_office)
        return mixed, exit_office

    def _legit_marks(self, rng, h: dict, d, declared, prim, is_inf, brand) -> tuple[np.ndarray, np.ndarray]:
        """Marks on legitimate lines: an authorised user's mark on its own goods, genuine foreign marks on a
        share of imports of branded goods (parallel imports), genuine marks declared by traders on no list,
        and in people's parcels (the second array: lines bought at retail, priced as such)."""
        lt = self.p.legit_trade
        retail = np.zeros(len(d), dtype=bool)
        if lt is None:
            return brand, retail
        party = h["party"][d]
        own = (party >= 0) & (declared == prim) & ~is_inf
        brand = np.where(own, self.party_mark_idx[np.maximum(party, 0)], brand)
        L = len(d)
        goods_ok = np.isin(declared, [self.goods_idx[k] for k in lt.parallel_goods if k in self.goods_idx])
        par = ~is_inf & h["imp"][d] & goods_ok & (rng.random(L) < lt.parallel_imports.value)
        mk = self.mark_start[declared] + (rng.random(L) * self.mark_count[declared]).astype(np.int64)
        brand = np.where(par, self.mark_vocab_idx[mk], brand)
        marked_goods = self.has_mark[declared] & ~is_inf
        # traders on no list declaring genuine marks (contract factories, unlisted plants, resellers)
        unl = self.mark_vocab_idx[h["unl_mark"][d]]
        brand = np.where(h["unlisted"][d] & (declared == prim) & marked_goods, unl, brand)
        if lt.personal_marks is not None:  # a pair of shoes bought in a shop, sent abroad by a person
            parcel = np.isin(h["mode"][d], [self.modes.index("postal"), self.modes.index("express")])
            person = h["ttype"][d] == self.trader_types.index("individual")
            retail = parcel & person & marked_goods & (rng.random(L) < lt.personal_marks.value)
            brand = np.where(retail, self.mark_vocab_idx[mk], brand)
        return brand, retail

    def _legit_parties(self, h: dict) -> None:
        """Per declaration (own stream): the genuine mark an unlisted mark user declares (`unl_mark`), whether it
        ships to the mark's holder (`to_holder`: named after the mark, as sourcing offices are, often under
        processing trade) and a distributor's name as overseas party of other exports (`party_name`, -1 none)."""
        n = len(h["mode"])
        rng = self._rng(h["week"], 10)
        prim = np.maximum(h["primary"], 0)
        h["unl_mark"] = self.mark_start[prim] + (rng.random(n) * self.mark_count[prim]).astype(np.int64)
        lt = self.p.legit_trade
        share = lt.unlisted_to_holder.value if lt is not None and lt.unlisted_to_holder is not None else 0.0
        h["to_holder"] = h["unlisted"] & ~h["imp"] & (rng.random(n) < share)
        processing = h["to_holder"] & (rng.random(n) < 0.4)
        h["tm"] = np.where(processing, self.trade_modes.index("processing"), h["tm"])
        freight = ~np.isin(h["mode"], [self.modes.index("postal"), self.modes.index("express")])
        named = ~h["imp"] & ~h["to_holder"] & freight & (rng.random(n) < 0.3)
        h["party_name"] = np.where(named, rng.integers(0, len(DISTRIBUTORS), n), -1)

    def _overseas_party(self, h: dict) -> pl.Series:
        names = [m + HOLDER_OFFICES[i % len(HOLDER_OFFICES)] for i, m in enumerate(self.mark_all)]
        table = pl.Series(names + DISTRIBUTORS + [None], dtype=pl.String)
        pick = np.where(h["party_name"] >= 0, len(names) + h["party_name"], len(table) - 1)
        return table.gather(np.where(h["to_holder"], h["unl_mark"], pick))

    def _lines(self, rng: np.random.Generator, h: dict) -> pl.DataFrame:
        p = self.p
        n = len(h["mode"])
        self._legit_parties(h)
        mode = h["mode"]
        conc = h["conc"]
        inf = h["infringing"]
        lo, hi = self.channel_lines[mode, 0], self.channel_lines[mode, 1]
        nl = rng.integers(lo, hi + 1)
        rng2 = self._rng(h["week"], 6)  # legitimate mixed loads and marks: own stream
        nl = np.where(h["mixed"], rng2.integers(4, 13, n), nl)
        mixed = conc == CONCEALMENTS.index("mixed")
        nl = np.where(mixed, rng.integers(5, 23, n), nl)
        door = conc == CONCEALMENTS.index("door")
        nl = np.where(door, rng.integers(1, 3, n), nl)
        # which line carries the infringing goods (-1: none declared, door concealment)
        inf_pos = np.where(inf & ~door, (rng.random(n) * nl).astype(np.int64), -1)
        inf_pos = np.where(inf & ~door & ~mixed, 0, inf_pos)
        L = int(nl.sum())
        d = np.repeat(np.arange(n), nl)
        starts = np.cumsum(nl) - nl
        pos = np.arange(L) - starts[d]
        is_inf = pos == inf_pos[d]
        lmode = mode[d]
        # filler goods: a trader's primary goods 60% of the time, else the channel mix
        filler = _choice_grouped(rng, lmode, self.goods_by_mode)
        prim = h["primary"][d]
        filler = np.where((prim >= 0) & (rng.random(L) < 0.6) & ~h["mixed"][d], prim, filler)
        lconc = conc[d]
        ig = h["igoods"][d]
        misdesc = lconc == CONCEALMENTS.index("misdescription")
        ldoor = lconc == CONCEALMENTS.index("door")
        # declared goods: the infringing goods, its cover (misdescription), or filler / door cover
        declared = np.where(is_inf, np.where(misdesc, self.cover[np.maximum(ig, 0)], ig), filler)
        declared = np.where(ldoor, self.cover[np.maximum(ig, 0)], declared)
        # quantities
        med = np.array([_QTY[m][0] for m in self.modes])[lmode]
        sig = np.array([_QTY[m][1] for m in self.modes])[lmode]
        qty = _lognormal_int(rng, med, sig, L, 10_000_000)
        items_l = h["items"][d]
        qty = np.where(is_inf, items_l, qty)
        qty = np.where(ldoor, np.maximum(1, (items_l * rng.uniform(0.1, 0.4, L)).astype(np.int64)), qty)
        usd = self.g_usd[declared] * np.exp(float(p.value_noise.value) * rng.standard_normal(L))
        under = is_inf & (lconc == CONCEALMENTS.index("undervaluation"))
        usd = np.where(under, usd * rng.uniform(self.under_lo, self.under_hi, L), usd)
        value_usd = qty * usd
        cny = rng.random(L) < p.cny_share.value
        value = np.round(np.where(cny, value_usd / self.fx_cny, value_usd), 2)
        mass = np.round(qty * self.g_kg[declared] * np.exp(0.1 * rng.standard_normal(L)), 3)
        # brands
        brand = self.legit_brand_idx[rng.choice(len(self.legit_brand_idx), L, p=self.legit_brand_p)]
        open_brand = is_inf & np.isin(lconc, [CONCEALMENTS.index("none"), CONCEALMENTS.index("undervaluation")])
        gi = np.maximum(ig, 0)
        mk = self.mark_start[gi] + (rng.random(L) * self.mark_count[gi]).astype(np.int64)
        mark_b = self.mark_vocab_idx[mk]
        la_n = self.la_count[mk]
        use_la = (rng.random(L) < p.infringement.lookalike_share.value) & (la_n > 0)
        la_b = self.la_all[self.la_start[mk] + (rng.random(L) * np.maximum(la_n, 1)).astype(np.int64)]
        mark_b = np.where(use_la, la_b, mark_b)
        brand = np.where(open_brand, mark_b, brand)
        hide = is_inf & ~open_brand  # misdescribed / mixed / misclassified lines declare no brand
        no_brand = self.brand_vocab.index("NO BRAND")
        brand = np.where(hide | ldoor, no_brand, brand)
        brand, retail = self._legit_marks(rng2, h, d, declared, prim, is_inf, brand)
        value = np.where(retail, np.round(value * RETAIL_MARKUP, 2), value)  # genuine goods bought in a shop
        # descriptions and HS codes
        dv = self.desc_start[declared] + (rng.random(L) * self.desc_count[declared]).astype(np.int64)
        misclass = is_inf & (lconc == CONCEALMENTS.index("misclassification"))
        if self.hs_digit_p is not None:  # 10, 8 or 6 digits declared, every line alike (own stream)
            k = len(self.hs_digit_n)
            form = self._rng(h["week"], 9).choice(k, L, p=self.hs_digit_p)
            # one gather from every goods' code in every length, the misclassification heading last
            hs = self.g_hs_forms.gather(np.where(misclass, len(self.g_hs_forms) - 1, declared * k + form))
        else:
            hs = self.g_hs.gather(declared)
            if misclass.any():
                hs = pl.select(pl.when(pl.Series(misclass)).then(pl.lit(self.misclass_hs)).otherwise(hs)).to_series()
        # header columns
        hd = {}
        hd["decl_id"] = (
            ("SIM" + pl.Series([f"{self.seed}"]).str.zfill(4)).gather(np.zeros(n, np.int64))
            + "-"
            + pl.Series(h["num"]).cast(pl.String).str.zfill(8)
        )
        start = self.week_start(h["week"])
        hd["declared_at"] = pl.Series(h["day"].astype("timedelta64[D]") + np.datetime64(start, "D")).cast(pl.Date)
        hd["direction"] = pl.Series(list(BY_IMPORT_FLAG)).gather(h["imp"].astype(np.int64))
        hd["customs_office"] = pl.Series(self.office_codes).gather(h["office"])
        hd["transport_mode"] = pl.Series(self.modes).gather(mode)
        hd["trade_mode"] = pl.Series(self.trade_modes).gather(h["tm"])
        trader = self.trader_ids(h["home"], h["tnum"], h["party"])
        agent_id = (
            "AG-" + hd["customs_office"] + "-" + pl.Series(np.maximum(h["agent"], 0)).cast(pl.String).str.zfill(3)
        )
        hd["declarant_id"] = pl.select(pl.when(pl.Series(h["agent"] >= 0)).then(agent_id).otherwise(trader)).to_series()
        hd["trader_id"] = trader
        hd["trader_type"] = pl.Series(self.trader_types).gather(h["ttype"])
        region_s = pl.Series(self.region_codes)
        hd["trader_region"] = region_s.gather(h["home"])
        hd["goods_source_region"] = region_s.gather(h["region"])
        cs = pl.Series(self.countries)
        cn = self.country_idx["CN"]
        ctry = h["country"]
        hd["origin_country"] = cs.gather(np.where(h["imp"], ctry, cn))
        hd["destination_country"] = cs.gather(np.where(h["imp"], cn, ctry))
        hd["departure_country"] = cs.gather(np.where(h["imp"], ctry, cn))
        clo, chi = self.channel_cont[mode, 0], self.channel_cont[mode, 1]
        hd["n_containers"] = pl.Series(rng.integers(clo, chi + 1).astype(np.int32))
        codes = [TRADE_MODE_CODES.get(m) for m in self.trade_modes]
        code = pl.Series(codes, dtype=pl.String).gather(h["tm"])
        mixed_code = pl.Series(["9710", "1039"]).gather((h["tm"] == self.trade_modes.index("other")).astype(np.int64))
        hd["trade_mode_code"] = pl.select(pl.when(pl.Series(h["mixed"])).then(mixed_code).otherwise(code)).to_series()
        offices = pl.Series(self.office_codes + [None], dtype=pl.String)
        hd["exit_office"] = offices.gather(np.where(h["exit_office"] >= 0, h["exit_office"], len(self.office_codes)))
        hd["overseas_party"] = self._overseas_party(h)
        frame = pl.DataFrame({k: v for k, v in hd.items()})
        # truth (declaration level)
        frame = frame.with_columns(
            infringing=pl.Series(h["infringing"]),
            concealment=pl.Series(list(CONCEALMENTS) + [None]).gather(
                np.where(h["conc"] >= 0, h["conc"], len(CONCEALMENTS))
            ),
            items=pl.Series(h["items"]),
            ip_kind=pl.Series(list(IP_KINDS) + [None]).gather(np.where(h["ip"] >= 0, h["ip"], len(IP_KINDS))),
            on_application=pl.Series(h["onapp"]),
            scheme=pl.Series(self.scheme_keys + [None]).gather(
                np.where(h["scheme"] >= 0, h["scheme"], len(self.scheme_keys))
            ),
            actor_id=pl.Series(h["actor"].astype(np.int32)),
        )
        lines = frame[
            HEADER_COLUMNS + ["infringing", "concealment", "items", "ip_kind", "on_application", "scheme", "actor_id"]
        ].gather(d)
        lines = lines.with_columns(
            item_no=pl.Series((pos + 1).astype(np.int32)),
            hs_code=hs,
            description=self.desc_all.gather(dv),
            brand=pl.Series(self.brand_vocab).gather(brand),
            quantity=pl.Series(qty.astype(np.float64)),
            unit=self.g_unit.gather(declared),
            value=pl.Series(value),
            currency=pl.Series(["USD", "CNY"]).gather(cny.astype(np.int64)),
            net_mass_kg=pl.Series(mass),
            line_infringing=pl.Series(is_inf),
            week=pl.lit(h["week"], dtype=pl.Int32),
        )
        return lines.select(DESIGN_COLUMNS + TRUTH_COLUMNS)


def _anchor_frame(model: TrafficModel) -> pl.DataFrame:
    """One line per trader (legitimate and infringing) dated when the trader was first seen, before the
    simulated period, at its usual office: history starts before the run, so `trader_days_known` and
    `trader_new_office` mean what they mean for established traders (assumption documented in params)."""
    a = model.actors
    region = np.concatenate([model.t_home, a.home_region])
    src = np.concatenate([model.t_region, a.region])
    num = np.concatenate([model.t_num, a.trader_num])
    office = np.concatenate([model.t_office, a.home_office])
    mode = np.concatenate([model.t_mode, a.mode])
    known = np.concatenate([model.t_known, model.a_known])
    goods = np.concatenate([model.t_goods, model.scheme_goods[a.scheme].argmax(axis=1)])
    ttype = np.concatenate([model.t_type, a.ttype])
    n = len(num)
    tid = model.trader_ids(region, num, np.concatenate([model.t_party, np.full(len(a), -1)]))
    first = pl.Series(np.datetime64(model.p.start, "D") - known.astype("timedelta64[D]")).cast(pl.Date)
    regions = pl.Series(model.region_codes)
    return pl.DataFrame(
        {
            "decl_id": "PRE-" + tid,
            "declared_at": first,
            "direction": pl.Series(["export"] * n),
            "customs_office": pl.Series(model.office_codes).gather(office),
            "transport_mode": pl.Series(model.modes).gather(mode),
            "trade_mode": pl.Series(["general"] * n),
            "declarant_id": tid,
            "trader_id": tid,
            "trader_type": pl.Series(model.trader_types).gather(ttype),
            "trader_region": regions.gather(region),
            "goods_source_region": regions.gather(src),
            "origin_country": pl.Series(["CN"] * n),
            "destination_country": pl.Series(["US"] * n),
            "departure_country": pl.Series(["CN"] * n),
            "n_containers": pl.Series(np.zeros(n, dtype=np.int32)),
            "trade_mode_code": pl.Series(["0110"] * n),
            "exit_office": pl.Series([None] * n, dtype=pl.String),
            "overseas_party": pl.Series([None] * n, dtype=pl.String),
            "item_no": pl.Series(np.ones(n, dtype=np.int32)),
            "hs_code": model.g_hs.gather(goods),
            "description": model.desc_all.gather(model.desc_start[goods]),
            "brand": pl.Series(["NO BRAND"] * n),
            "quantity": pl.Series(np.ones(n)),
            "unit": model.g_unit.gather(goods),
            "value": pl.Series(np.round(model.g_usd[goods], 2)),
            "currency": pl.Series(["USD"] * n),
            "net_mass_kg": pl.Series(np.round(model.g_kg[goods], 3)),
        }
    ).select(DESIGN_COLUMNS)


def declarations(lines: pl.DataFrame) -> pl.DataFrame:
    """One row per declaration: header and truth columns (the first line's), in input order."""
    cols = [c for c in HEADER_COLUMNS + TRUTH_COLUMNS if c in lines.columns and c not in ("line_infringing",)]
    return lines.filter(pl.col("item_no") == 1).select(cols)


def expected_infringing(params: SimParams, n: int) -> float:
    return n * params.infringement.rate.value


__all__ = [
    "TrafficModel",
    "Actors",
    "declarations",
    "DESIGN_COLUMNS",
    "TRUTH_COLUMNS",
    "HEADER_COLUMNS",
    "LINE_COLUMNS",
]
