"""`riskprofile serve`: a small local web application on the library, nothing re-implemented.

- `service`: what the pages and the API do, as plain Python (no web framework): score and explain
  through `Profile.score` / `Profile.explain`, the officer's lookup, drill classes.
- `app`: the FastAPI application (`create_app`): JSON API under `/api/`, server-rendered Jinja2 pages
  (`/lookup`, `/drill`, `/drill/class/{id}`), static CSS. No JavaScript build step.

Safe by default: binds to 127.0.0.1, every template autoescapes, request bodies are size-limited, and
the only file written is the drill results file the server was started with.
"""
