"""Safe YAML reading with source positions, and atomic writing."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import RiskProfileError


class YamlSyntaxError(RiskProfileError):
    """YAML that does not parse, at its 1-based line and column when known."""

    def __init__(self, message: str, line: int | None, column: int | None, file: str | Path | None = None):
        super().__init__(message, file=file, line=line, column=column)


def round_trip_yaml() -> YAML:
    """A round-trip YAML instance: safe (constructs only plain data), keeps comments and layout."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    return y


def read_yaml(path: Path | str) -> Any:
    """Parse YAML keeping positions (CommentedMap/Seq). Raises YamlSyntaxError with 1-based line/col."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        return parse_yaml(text)
    except YamlSyntaxError as e:
        e.file = str(path)
        raise


def parse_yaml(text: str) -> Any:
    try:
        return round_trip_yaml().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise YamlSyntaxError(f"{e.problem or e.context}", line, col) from None
    except Exception as e:  # ruamel raises a few unmarked errors (e.g. duplicate keys, bad tags)
        raise YamlSyntaxError(str(e).splitlines()[0] if str(e) else type(e).__name__, None, None) from None


def walk(node: Any, path) -> tuple[Any, int]:
    """Follow `path` (mapping keys, list indexes) as far as it exists: (the node reached, steps taken)."""
    for depth, key in enumerate(path):
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return node, depth
    return node, len(path)


def locate(node: Any, path: tuple) -> tuple[int | None, int | None]:
    """1-based (line, column) of the deepest node along `path` that exists in the parsed YAML."""
    line = col = None
    cur = node
    if isinstance(cur, (CommentedMap, CommentedSeq)):
        line, col = cur.lc.line + 1, cur.lc.col + 1
    for key in path:
        if isinstance(cur, CommentedMap) and key in cur:
            ln, cl = cur.lc.key(key)
            line, col = ln + 1, cl + 1
            cur = cur[key]
        elif isinstance(cur, CommentedSeq) and isinstance(key, int) and 0 <= key < len(cur):
            ln, cl = cur.lc.item(key)
            line, col = ln + 1, cl + 1
            cur = cur[key]
        else:
            break
    return line, col


def plain(node: Any) -> Any:
    """Plain dict/list/scalars from ruamel nodes."""
    if isinstance(node, dict):
        return {plain(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def dump_yaml(data: Any) -> str:
    buf = io.StringIO()
    round_trip_yaml().dump(data, buf)
    return buf.getvalue()


def atomic_write_text(path: Path | str, text: str) -> None:
    """Replace `path` with `text` atomically (write a temp file beside it, fsync, rename)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
