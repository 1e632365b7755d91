"""`--help` as people read it: paragraphs wrapped whole, flags without a `<bool>` type.

Typer keeps a docstring's line breaks inside a paragraph and then wraps again at the terminal width,
which breaks sentences in the middle; and it shows `<bool>` after plain flags and `<list[Path]>` after
repeatable options. `tidy(app)` rewrites each command's help (paragraphs joined into one line each, so the
terminal wraps them once; a paragraph starting with `\\b` keeps its lines) and gives flags an empty type
and repeatable options their element type (`<path>...`).
"""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import typer
from typer.models import OptionInfo, ParameterInfo


def paragraphs(doc: str) -> str:
    """Each paragraph on one line; paragraphs starting with a `\\b` line keep their line breaks, and so do
    an `Example:` block (one command a line, later ones indented under the first)."""
    out = []
    for para in inspect.cleandoc(doc).split("\n\n"):
        lines = para.splitlines()
        indent = para[: len(para) - len(para.lstrip(" "))]
        if para.startswith("\b"):
            out.append(para)
        elif lines[0].startswith(("Example:", "Examples:")) and all(line.startswith(" ") for line in lines[1:]):
            out.append("\b\n" + para)
        else:
            out.append(indent + " ".join(line.strip() for line in lines))
    return "\n\n".join(out)


def _element(tp: typing.Any) -> str:
    if tp is Path:
        return "path"
    return getattr(tp, "__name__", str(tp)).lower()


def _tidy_params(callback: typing.Callable) -> None:
    try:
        hints = typing.get_type_hints(callback)
    except Exception:  # an annotation that cannot be resolved: leave typer's display
        return
    for name, param in inspect.signature(callback).parameters.items():
        info = param.default
        if not isinstance(info, ParameterInfo) or info.metavar is not None:
            continue
        tp = hints.get(name)
        if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
        if tp is bool and isinstance(info, OptionInfo):
            info.metavar = ""
        elif typing.get_origin(tp) is list and isinstance(info, OptionInfo):
            (elem,) = typing.get_args(tp) or (str,)
            info.metavar = f"<{_element(elem)}>..."


def tidy(app: typer.Typer) -> None:
    """Rewrite the help of every command of `app` (recursively); see the module doc."""
    for info in app.registered_commands:
        if info.callback is None:
            continue
        doc = info.help or inspect.getdoc(info.callback)
        if doc:
            info.help = paragraphs(doc)
        _tidy_params(info.callback)
    cb = app.registered_callback
    if cb is not None and cb.callback is not None:
        doc = cb.help or inspect.getdoc(cb.callback)
        if doc:
            cb.help = paragraphs(doc)
        _tidy_params(cb.callback)
    for group in app.registered_groups:
        if group.help:
            group.help = paragraphs(group.help)
        if group.typer_instance is not None:
            if group.typer_instance.info.help:
                group.typer_instance.info.help = paragraphs(group.typer_instance.info.help)
            tidy(group.typer_instance)
