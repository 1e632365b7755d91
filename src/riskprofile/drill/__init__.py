"""Trainer drills (`riskprofile drill`): scenario-based exercises, marked fairly, with variants that can't
be memorised. A library first; the terminal and the CLI are front ends of it.

Using it without a terminal (e.g. a browser front end)::

    from riskprofile import load_profile
    from riskprofile.drill import Answer, start

    drill = start(load_profile("rules/profile.yaml"), Path("scenarios"), n=5, seed=7, lang="zh")
    view = drill.show(1)                  # ItemView: item 1 as knowable at lodging (plain data, .to_json())
    marked = drill.mark(1, Answer("red", ["port_switch", "agent_declarant"]), trainee="li")
    reveal = drill.reveal(marked)         # RevealView: the profile's verdict, what was found, the marks
    marked.record                         # the results record (append with ResultsWriter)
    drill.marking_rule                    # the marking rule as shown to trainees

`start(profile, scenarios, n=, seed=, lang=, scenario_ids=, family=)` prepares the run (raises
`DrillError` with a hint); items are numbered from 1; `drill.choices` are the numbered indicators,
`drill.seed` the seed (drawn when None). `run(drill, source, writer, trainee=, on_item=, on_reveal=)` is
the one loop for a whole run from an answer source (`ScriptedAnswers`, `PromptAnswers`).

Layout (a consumer of the profile's scoring path; nothing here evaluates a rule):

- `taxonomy`   indicators a trainee can name (English/Chinese), their fact tests, rule families
- `scenarios`  `scenarios/Cnn.yaml` through the one loader (`model.scenario`, `loader.scenario`); unusable files
               reported, not fatal; indicator aliases mapped to the taxonomy
- `engine`     `Assessor`: `Profile.with_context(...).score(...)` / `.explain(...)` for a case, cached; facts
- `variants`   seeded surface changes (marks, offices, dates, quantities, ids), accepted only when the
               profile scores the variant exactly as the original (every declaration's lane and rules)
- `items`      drill items (documented scenario, control, variant, control variant), what is key and what
               is present on each, reproducible runs spread over cases
- `scoring`    the marking rule (lane values, fair indicator marks) and summaries
- `answers`    parsing what a trainee typed; `sources` scripted and prompted answers
- `view`       what a trainee sees (item as lodged, reveal) as plain data, in both languages
- `session`    `Drill`, `start`, `run`: the library API and the one loop
- `terminal`   the rich rendering and prompts; `handout` printable HTML/Markdown pack
- `results`    append-only JSON Lines (one write + fsync per line, SIGINT held during the write)
- `report`     per trainee and per indicator (weakest first) tables and a PNG chart

Scripted answers (`--answers FILE`, YAML, JSON or JSONL): a list in item order, or a mapping keyed by item
number or item id; each answer `{lane: g|y|r|green|yellow|red|绿|黄|红, indicators: [ids, aliases or numbers]
or "3 8 16", note: "..."}`, or the compact string `"r 3 8 16"`.

Results (one JSON object per answered item): `v`, `session`, `trainee`, `at`, `seed`, `lang`, `n`, `of`,
`item`, `kind`, `scenario`, `base`, `variant_seed`, `decl_id`, `shown` (the surface seen), `answer`
{lane, indicators, note}, `expected` {lane, infringing, indicators (key), present, case_indicators},
`profile` {lane, score, rules, forced_by, indicators} (or {error}), `score` {lane_ok, lane_outcome,
lane_value, cost, tp, fp, fn, also, precision, recall, hit, missed, extra, also_present, points},
`seconds`, `profile_file`, `run_scenarios`.
"""

from .answers import Answer, BadAnswer, Stop, parse_answer
from .results import ResultsWriter, read_results
from .scoring import MARKING_RULE
from .session import Drill, DrillError, Marked, SessionResult, run, start
from .sources import AnswerSource, PromptAnswers, ScriptedAnswers
from .view import ItemView, RevealView

__all__ = [
    "MARKING_RULE",
    "Answer",
    "AnswerSource",
    "BadAnswer",
    "Drill",
    "DrillError",
    "ItemView",
    "Marked",
    "PromptAnswers",
    "ResultsWriter",
    "RevealView",
    "ScriptedAnswers",
    "SessionResult",
    "Stop",
    "parse_answer",
    "read_results",
    "run",
    "start",
]
