"""Safe YAML reading with source positions, and atomic writing."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import json
import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarbool import ScalarBoolean

from .errors import RiskProfileError


class YamlSyntaxError(RiskProfileError):
    """YAML that does not parse, at its 1-based line and column when known."""

    def __init__(self, message: str, line: int | None, column: int | None, file: str | Path | None = None):
        super().__init__(message, file=file, line=line, column=column)


#: Most nodes a document may expand to through its aliases (a "billion laughs" bomb expands exponentially)
MAX_EXPANDED_NODES = 200_000


class _Constructor(RoundTripConstructor):
    """Round-trip construction where an unquoted value that only looks like a date (`2016-13-45`) stays
    a string, so the rule checks report it at its line instead of the whole file failing."""

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def round_trip_yaml() -> YAML:
    """A round-trip YAML instance: safe (constructs only plain data), keeps comments and layout."""
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.preserve_quotes = True
    y.width = 4096
    return y


#: Set by `fast_reading()`: `read_yaml` may return plain data without positions (see `parse_yaml_fast`).
_FAST: ContextVar[bool] = ContextVar("riskprofile_fast_yaml", default=False)


@contextlib.contextmanager
def fast_reading() -> Iterator[None]:
    """Within the block, `read_yaml` returns plain dicts and lists (no positions) when the fast safe
    loader vouches for a file, and the round-trip tree otherwise. For a first pass whose result is kept
    only when it has no finding to locate (`loader.profile.load_parts`)."""
    token = _FAST.set(True)
    try:
        yield
    finally:
        _FAST.reset(token)


def read_yaml(path: Path | str) -> Any:
    """Parse YAML keeping positions (CommentedMap/Seq). Raises YamlSyntaxError with 1-based line/col
    (also for a file that is not UTF-8 text, an alias bomb, a recursive alias or an unknown tag).
    Within `fast_reading()`, plain data without positions when `parse_yaml_fast` accepts the file."""
    data = Path(path).read_bytes()
    if _FAST.get():
        fast = parse_yaml_fast(data)
        if fast is not REFUSED:
            return fast
    try:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            before = data[: e.start]
            line = before.count(b"\n") + 1
            col = e.start - (before.rfind(b"\n") + 1) + 1
            raise YamlSyntaxError(
                f"the file is not UTF-8 text (byte 0x{data[e.start]:02x} at line {line}, column {col}); "
                "save it as UTF-8",
                line,
                col,
            ) from None
        return parse_yaml(text)
    except YamlSyntaxError as e:
        e.file = str(path)
        raise


def parse_yaml(text: str) -> Any:
    try:
        root = round_trip_yaml().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise YamlSyntaxError(f"{e.problem or e.context}", line, col) from None
    except RecursionError:
        raise YamlSyntaxError("the document nests too deeply", None, None) from None
    except Exception as e:  # ruamel raises a few unmarked errors (e.g. duplicate keys, bad tags)
        raise YamlSyntaxError(str(e).splitlines()[0] if str(e) else type(e).__name__, None, None) from None
    check_tree(root)
    return root


#: What `parse_yaml_fast` returns for a text it leaves to the careful (round-trip) parse.
REFUSED = object()

#: Markup the fast path leaves to the careful parse, where libyaml and ruamel's parser differ or the data
#: is not plain: tags (`!` where a token may start); anchors other than a plain name before a collection;
#: a block scalar header followed by a comment or by a line starting with `#`; a comment right after
#: `key:` or `-` with no `key:` or `- ` on the next line (ruamel's round-trip parser fails on some);
#: merge keys; directives; document end markers; a BOM; tabs; YAML 1.1 line breaks. Found by fuzzing
#: (tests/property/test_fast_yaml.py); over-matching costs only speed.
_CAREFUL_MARKUP = re.compile(
    r"(?:^|[\s\[\]{},:?-])(?:!|&(?![\w-]+(?:[ ]*\r?\n|[ ]+[\[{])))"
    r"|[|>][-+0-9]*(?:[ ]*#|[ ]*\r?\n\s*#)"
    r"|[:-][ ]+#.*\n(?![ ]*(?:-[ \r\n]|[\w\x22\x27][^\n#]*:[ \r\n]))"
    r"|<<|^%|^\.\.\.|[\ufeff\t\x85\u2028\u2029]",
    re.MULTILINE | re.ASCII,
)
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:?-])&", re.MULTILINE)
#: Where a file defines anchors: an alias that is not a plain name ending its item (without anchors any
#: alias is an error to both parsers, which the fast path refuses anyway: `*word*` in a comment is fine).
_ODD_ALIAS = re.compile(r"(?:^|[\s\[\]{},:?-])\*(?![\w-]+(?:[\s,\]}]|$))", re.MULTILINE | re.ASCII)

#: Largest nesting bound (flow brackets + twice the longest line) handed to the C parser, which recurses
#: on the C stack (tens of thousands of levels crash the process); real files stay far below it.
_FAST_NESTING = 3000

#: Deepest plain tree the fast path returns (deeper ones: the careful parse says whether they nest too deeply).
_FAST_DEPTH = 64

_FAST_SCALARS = frozenset({str, int, float, bool, type(None), dt.date})


def _fast_yaml() -> YAML:
    """ruamel's safe loader: libyaml's C parser when ruamel.yaml.clib is installed, else pure Python."""
    return YAML(typ="safe")


def parse_yaml_fast(data: bytes, limit: int = MAX_EXPANDED_NODES) -> Any:
    """The plain data (dicts, lists, scalars) of a YAML file's bytes, or `REFUSED` when the fast safe
    loader cannot vouch that it equals `plain(read_yaml(...))`: text that is not simple UTF-8 YAML (tags,
    merge keys, directives, a BOM, tabs, deep nesting), anything the loader fails on (syntax, duplicate
    keys, an impossible date), a value of another type (a datetime, bytes), a recursive alias or aliases
    expanding past `limit` nodes. A refused file takes the careful path, which parses it or reports the
    located error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return REFUSED
    if _CAREFUL_MARKUP.search(text) or (_ANCHOR.search(text) and _ODD_ALIAS.search(text)):
        return REFUSED
    longest = max(map(len, text.splitlines()), default=0)
    if text.count("[") + text.count("{") + 2 * longest > _FAST_NESTING:
        return REFUSED
    try:
        root = _fast_yaml().load(text)
    except Exception:  # every failure is the careful parse's to report, at its position
        return REFUSED
    return root if _plain_tree(root, limit) else REFUSED


def _plain_tree(root: Any, limit: int) -> bool:
    """Whether `root` holds only plain types, nests at most `_FAST_DEPTH` deep and, counting a node shared
    through aliases at each use, expands to at most `limit` nodes with no node inside itself. One pass
    over the distinct nodes (as `check_tree`)."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        kind = type(node)
        if kind is not dict and kind is not list:
            if kind not in _FAST_SCALARS:
                return False
            continue
        kids = [*node, *node.values()] if kind is dict else node
        key = id(node)
        if done:
            open_.discard(key)
            size[key] = 1 + sum(size.get(id(k), 1) for k in kids)
            if size[key] > limit:
                return False
            continue
        if key in size:
            continue
        if key in open_ or depth >= _FAST_DEPTH:
            return False
        open_.add(key)
        stack.append((node, depth, True))
        stack.extend((k, depth + 1, False) for k in kids if id(k) not in size)
    return True


def _position(node: Any) -> tuple[int | None, int | None]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return None, None
    return lc.line + 1, lc.col + 1


def _tag(node: Any) -> str | None:
    if isinstance(node, TaggedScalar):
        return str(node.tag.value if hasattr(node.tag, "value") else node.tag)
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", None)
    return str(value) if value else None


_PLAIN_SCALARS = (str, int, float, bool, type(None), dt.date)


def _kids(node: Any) -> list[tuple[Any, tuple[int | None, int | None]]]:
    """Children of a mapping (keys and values) or sequence with the position each sits at."""
    data = getattr(getattr(node, "lc", None), "data", None) or {}
    here = _position(node)
    out = []
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for k, v in items:
        pos = data.get(k) if isinstance(data, dict) else None
        at = (pos[0] + 1, pos[1] + 1) if pos else here
        if isinstance(node, dict):
            out.append((k, at))
        out.append((v, (pos[2] + 1, pos[3] + 1) if pos and len(pos) == 4 else at))
    return out


def check_tree(root: Any, limit: int = MAX_EXPANDED_NODES) -> None:
    """Refuse what plain data never holds: an application tag (`!foo`) or a non-plain type (`!!binary`,
    `!!set`), an alias that contains itself, and aliases expanding the document past `limit` nodes.
    One pass over the distinct nodes (shared nodes are sized once), so a bomb is refused in
    milliseconds. Raises YamlSyntaxError located at the offending node."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, bool, tuple[int | None, int | None]]] = [(root, False, (None, None))]
    while stack:
        node, done, at = stack.pop()
        if not isinstance(node, (dict, list)):
            tag = _tag(node)
            if tag:
                raise YamlSyntaxError(f"unknown YAML tag `{tag}`: these files hold plain data", *at)
            if not isinstance(node, _PLAIN_SCALARS):
                raise YamlSyntaxError(
                    f"a YAML {type(node).__name__} value is not plain data (strings, numbers, lists, mappings)", *at
                )
            continue
        key = id(node)
        if done:
            open_.discard(key)
            total = 1 + sum(size.get(id(k), 1) for k, _ in _kids(node))
            size[key] = total
            if total > limit:
                raise YamlSyntaxError(
                    f"aliases expand this node to more than {limit:,} nodes (an alias bomb?); write the data out",
                    *(_position(node) if _position(node)[0] else at),
                )
            continue
        if key in size:
            continue
        here = _position(node) if _position(node)[0] else at
        if key in open_:
            raise YamlSyntaxError("an alias refers to a node that contains it (a recursive alias)", *here)
        tag = _tag(node)
        if tag:
            raise YamlSyntaxError(f"unknown YAML tag `{tag}`: these files hold plain data", *here)
        open_.add(key)
        stack.append((node, True, here))
        stack.extend((k, False, pos) for k, pos in _kids(node) if id(k) not in size)


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
        line, col = _position(cur)
    for key in path:
        if (
            isinstance(cur, CommentedMap)
            and key in cur
            or (isinstance(cur, CommentedSeq) and isinstance(key, int) and 0 <= key < len(cur))
        ):
            pos = cur.lc.data.get(key) if isinstance(cur.lc.data, dict) else None
            if pos:
                line, col = pos[0] + 1, pos[1] + 1
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
    if isinstance(node, ScalarBoolean):  # an anchored `true`: an int subclass, but a bool in the file
        return bool(node)
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


class WriteError(RiskProfileError):
    """A file could not be written (a folder in the way, no permission, disk full); nothing was replaced."""

    def __init__(self, message: str, *, file: str | Path | None = None, errno: int | None = None):
        super().__init__(message, file=file, hint="Check the path: a file name in a writable folder with free space.")
        self.errno = errno


def write_error(path: Path, e: OSError | WriteError) -> WriteError:
    if isinstance(e, WriteError):
        return e
    what = {
        errno.EISDIR: "it is a folder",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOENT: "its folder does not exist",
        errno.ENOTDIR: "a part of its path is not a folder",
    }.get(e.errno or 0, e.strerror or str(e))
    return WriteError(f"cannot write {path}: {what}", file=path, errno=e.errno)


def new_file_mode() -> int:
    """The mode `open()` gives a new file under the current umask (0o666 & ~umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _temp_beside(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(tmp)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _prepare(path: Path, write: Callable[[Path], object]) -> Path:
    """Write a temp file beside `path` through `write(temp)`, fsync it, give it the final mode."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    tmp = _temp_beside(path)
    try:
        write(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else new_file_mode())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: Path | str, write: Callable[[Path], object]) -> None:
    """Replace `path` atomically with what `write(temp_path)` writes: the old file stays whole until the
    new one is complete (then a rename), no temp file is left behind, and a new file gets the umask's mode
    (an existing one keeps its mode). Raises `WriteError` (an OSError) with a message saying why."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _prepare(path, write)
        try:
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except (OSError, WriteError) as e:
        raise write_error(path, e) from None


def atomic_write_text(path: Path | str, text: str) -> None:
    """Replace `path` with `text` atomically (no newline translation: write CRLF text to keep CRLF)."""
    atomic_write(path, lambda p: p.write_bytes(text.encode("utf-8")))


def read_text_exact(path: Path | str) -> str:
    """A file's text with its line endings as they are (CRLF stays CRLF)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _bytes_writer(text: str) -> Callable[[Path], object]:
    return lambda p: p.write_bytes(text.encode("utf-8"))


#: The journal of a multi-file commit in progress, in the targets' common folder (see `commit_files`).
JOURNAL = ".riskprofile-commit.json"


def _journal_dir(paths: Iterable[Path]) -> Path:
    return Path(os.path.commonpath([str(Path(p).absolute().parent) for p in paths]))


def recover(folder: Path | str) -> list[Path]:
    """Complete a multi-file commit that was killed half-way (kill -9, power loss) in `folder`: every new
    text was complete on disk before its journal was written, so the commit is rolled forward (each temp
    file still there is renamed over its target, the old files' links removed). Returns the targets, or
    [] when there was nothing to recover."""
    folder = Path(folder)
    journal = folder / JOURNAL
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise WriteError(f"{journal}: cannot read the journal of an interrupted write: {e}") from None
    targets = []
    for target, tmp, backup in entries:
        if (folder / tmp).exists():
            os.replace(folder / tmp, folder / target)
        if backup:
            (folder / backup).unlink(missing_ok=True)
        targets.append(folder / target)
    for sub in {t.parent for t in targets} | {folder}:
        _fsync_dir(sub)
    journal.unlink()
    _fsync_dir(folder)
    return targets


def commit_files(texts: dict[Path, str]) -> None:
    """Replace several files together: every new text is written to a temp file beside its target and
    fsync'd first; only when all are complete are they renamed into place, with SIGINT/SIGTERM held back,
    so a failure while writing (disk full, no permission) leaves every target as it was and removes the
    temp files, and an interruption cannot stop the renames half-way. A rename that fails is undone
    (the old files are kept as hard links until every rename succeeded). Before the renames a journal
    (`JOURNAL`, in the targets' common folder) lists them: a process killed between two renames (kill -9)
    leaves it, and the next `recover` of that folder (loading the profile, or the next commit) completes
    the commit, so the files are all old or all new. Raises `WriteError`."""
    if not texts:
        return
    folder = _journal_dir(texts)
    recover(folder)
    done: dict[Path, Path] = {}
    try:
        for path, text in texts.items():
            path = Path(path)
            try:
                done[path] = _prepare(path, _bytes_writer(text))
            except (OSError, WriteError) as e:
                raise write_error(path, e) from None
    except BaseException:
        for tmp in done.values():
            tmp.unlink(missing_ok=True)
        raise
    with _held_signals():
        backups: dict[Path, Path] = {}
        replaced: list[Path] = []
        journal = folder / JOURNAL
        try:
            for path in done:  # hard links to the old files: a failed rename can be undone
                if path.exists():
                    backup = _temp_beside(path)
                    backup.unlink()
                    os.link(path, backup)
                    backups[path] = backup
            rel: list[list[str | None]] = [
                [
                    os.path.relpath(p.absolute(), folder),
                    os.path.relpath(t.absolute(), folder),
                    os.path.relpath(backups[p].absolute(), folder) if p in backups else None,
                ]
                for p, t in done.items()
            ]
            _prepare_journal(journal, rel)
            for path, tmp in done.items():
                os.replace(tmp, path)
                replaced.append(path)
        except OSError as e:
            for path in replaced:
                if path in backups:
                    os.replace(backups.pop(path), path)
                else:
                    path.unlink(missing_ok=True)
            for p in [*done.values(), *backups.values()]:
                p.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
            raise write_error(Path(e.filename or next(iter(done))), e) from None
        for backup in backups.values():
            backup.unlink(missing_ok=True)
        for sub in {p.parent for p in done}:
            _fsync_dir(sub)
        journal.unlink(missing_ok=True)
        _fsync_dir(folder)


def _prepare_journal(journal: Path, entries: list) -> None:
    """Write the journal atomically (temp, fsync, rename, fsync the folder): it exists whole or not at all."""
    tmp = _prepare(journal, _bytes_writer(json.dumps({"files": entries})))
    os.replace(tmp, journal)
    _fsync_dir(journal.parent)


@contextlib.contextmanager
def _held_signals():
    """Defer SIGINT and SIGTERM until the block is done (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for signum in pending:
            signal.raise_signal(signum)
