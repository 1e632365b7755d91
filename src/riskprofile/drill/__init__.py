"""Trainer drills (`riskprofile drill`): scenario-based exercises, scored, with variants that can't be memorised.

Layout (a consumer of the profile's scoring path; nothing here evaluates a rule):

- `taxonomy`   indicators a trainee can name (English/Chinese), mapped to rule families, fields and tags
- `scenarios`  `scenarios/Cnn.yaml` through the one loader (`model.scenario`, `loader.scenario`); unusable files
               reported, not fatal; indicator aliases mapped to the taxonomy
- `engine`     `Assessor`: `Profile.with_context(...).score(...)` / `.explain(...)` for a case, cached
- `variants`   seeded surface changes (marks, offices, dates, quantities, ids), accepted only when the
               profile scores the variant exactly as the original (every declaration's lane and rules)
- `items`      drill items (documented scenario, control, variant, control variant) and reproducible runs
- `scoring`    lane with asymmetric costs, indicator precision/recall, summaries
- `session`    the one core loop for the interactive (rich prompts) and scripted (`--answers`) paths
- `results`    append-only JSON Lines (one write + fsync per line, SIGINT held during the write)
- `report`     per trainee and per indicator (weakest first) tables and a PNG chart
- `handout`    printable HTML/Markdown pack, answers on separate pages
- `view`       what a trainee sees, as plain data, in both languages

Scripted answers (`--answers FILE`, YAML, JSON or JSONL): a list in item order, or a mapping keyed by item
number or item id; each answer `{lane: g|y|r|green|yellow|red|绿|黄|红, indicators: [ids, aliases or numbers]
or "3 8 16", note: "..."}`, or the compact string `"r 3 8 16"`.

Results (one JSON object per answered item): `v`, `session`, `trainee`, `at`, `seed`, `lang`, `n`, `of`,
`item`, `kind`, `scenario`, `base`, `variant_seed`, `decl_id`, `shown` (the surface seen), `answer`
{lane, indicators, note}, `expected` {lane, infringing, indicators}, `profile` {lane, score, rules,
forced_by, indicators} (or {error}), `score` {lane_ok, lane_outcome, cost, tp, fp, fn, precision, recall,
hit, missed, extra, points}, `seconds`, `profile_file`, `run_scenarios`.
"""
