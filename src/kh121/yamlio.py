"""Reading YAML so that nothing is lost and every node keeps its place.

PyYAML's constructors silently keep the last of two equal keys, expand aliases
without bound and read `no` as false. We compose the node graph with the C
parser when it is there, then build plain Python values ourselves from that
graph, so that each of those cases becomes a problem with a line and a column.
"""

from __future__ import annotations

import stat
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kh121.problems import Problem, error, warning
from kh121.text import UNSAFE, UNSAFE_RAW
from kh121.yamlout import YAML11_BOOLS

try:
    _Base: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader

MAX_BYTES = 5 * 1024 * 1024  # an agency's report; more is not a report but an accident
MAX_DATA_BYTES = 64 * 1024 * 1024  # the plan itself, for a national roll-out
MAX_DEPTH = 40
KEEP_NODES_CHARS = 1024 * 1024
_MAX_NUMBER_CHARS = 40  # a number longer than this is no count, date or year of a plan
_RESOLVER = yaml.resolver.Resolver()
_TAG = "tag:yaml.org,2002:"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = _TAG + "str"
_IMPLICIT: dict[str, str] = {}  # a plain scalar's text -> the tag YAML reads it as
_IMPLICIT_MAX = 20_000  # short texts only (keys, codes, dates): the memo stays small


def _implicit(value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar: what the resolver says, looked up once a text."""
    tag = _IMPLICIT.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, True))  # type: ignore[no-untyped-call]
        if len(value) <= 64 and len(_IMPLICIT) < _IMPLICIT_MAX:
            _IMPLICIT[value] = tag
    return tag


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader, its tags resolved as before with the work done once a text: a safe
    loader has no path resolvers, so a node's tag depends on its own text alone."""

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _implicit(value) if implicit[0] else _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


assert not _Base.yaml_path_resolvers, "a path resolver would make the memo wrong"

PathT = tuple[str | int, ...]


@dataclass
class Document:
    """A YAML file read into plain values; it can find the place of any path in it."""

    path: str  # as shown to the user
    text: str
    data: Any
    _root: yaml.Node | None = field(default=None, repr=False)

    def root(self) -> yaml.Node | None:
        if self._root is None and self.text:
            try:
                self._root = yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError:
                return None
        return self._root

    def where(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of its key."""
        node = self.root()
        line, col = 1, 1
        if node is None:
            return line, col
        line, col = _mark(node)
        for step in path:
            found = _child(node, step)
            if found is None:
                continue  # a step of the schema's, e.g. a union's tag, not of the file's
            key_node, node = found
            line, col = _mark(node)
            if key and key_node is not None and step == path[-1]:
                line, col = _mark(key_node)
        return line, col

    def error(
        self, path: Sequence[str | int], code: str, /, at_key: bool = False, **args: Any
    ) -> Problem:
        line, col = self.where(path, at_key)
        return error(self.path, line, col, code, **args)

    def warning(
        self, path: Sequence[str | int], code: str, /, at_key: bool = False, **args: Any
    ) -> Problem:
        line, col = self.where(path, at_key)
        return warning(self.path, line, col, code, **args)

    def raw_scalar(self, path: Sequence[str | int]) -> tuple[str, bool] | None:
        """The source text of a scalar and whether it was quoted."""
        node = self.root()
        for step in path:
            if node is None:
                return None
            found = _child(node, step)
            node = found[1] if found else None
        if isinstance(node, yaml.ScalarNode):
            return node.value, node.style in ("'", '"')
        return None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                return k, v
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return None, node.value[step]
    return None


def read_yaml(
    path: Path, shown: str, max_bytes: int = MAX_BYTES, keep_nodes: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file from disk; None when nothing usable could be read. `keep_nodes`:
    see parse_yaml."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would hang the read, a folder fail it
            return None, [error(shown, 1, 1, "E013", what=_file_type(info.st_mode))]
        size = info.st_size
        if size > max_bytes:
            return None, [error(shown, 1, 1, "E011", size=size, limit=max_bytes)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(shown, 1, 1, "E001", reason=exc.strerror or str(exc))]
    return parse_yaml(raw, shown, max_bytes, keep_nodes)


def _file_type(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return ("một thư mục", "a folder")
    if stat.S_ISFIFO(mode):
        return ("một đường ống (FIFO)", "a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return ("một socket", "a socket")
    return ("một thiết bị", "a device")


def parse_yaml(
    raw: bytes, shown: str, max_bytes: int = MAX_BYTES, keep_nodes: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Decode, normalise and parse YAML bytes into a Document and its problems.

    The node tree (about 14 times the text in memory) is dropped and composed again only if
    a problem needs a place; `keep_nodes` keeps it for a file of at most KEEP_NODES_CHARS,
    for the few files a workspace has one of (the plan: its warnings are on every run)."""
    if len(raw) > max_bytes:
        return None, [error(shown, 1, 1, "E011", size=len(raw), limit=max_bytes)]
    text, problems = _decode(raw, shown)
    if text is None:
        return None, problems
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [*problems, error(shown, 1, 1, "E003")]
    controls = [_control_problem(text, m.start(), shown) for m in UNSAFE_RAW.finditer(text)]
    if controls:
        return None, [*problems, *controls[:20]]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [*problems, _syntax_problem(text, exc, shown)]
    except yaml.YAMLError as exc:
        return None, [*problems, error(shown, 1, 1, "E004", what=str(exc))]
    if root is None:
        return None, [*problems, error(shown, 1, 1, "E003")]
    builder = _Builder(shown)
    data = builder.build(root, 0)
    problems.extend(builder.problems)
    if not isinstance(root, yaml.MappingNode):
        line, col = _mark(root)
        got = (
            ("một danh sách", "a list")
            if isinstance(root, yaml.SequenceNode)
            else (
                "một giá trị đơn",
                "a single value",
            )
        )
        problems.append(error(shown, line, col, "E005", got=got))
        return None, problems
    kept = root if keep_nodes and len(text) <= KEEP_NODES_CHARS else None
    return Document(shown, text, data, kept), problems


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        guess = ("", "")
        try:
            raw.decode("cp1258")
            guess = (
                " — có thể tệp được lưu bằng Windows-1258 hoặc Latin-1",
                " — it may have been saved as Windows-1258 or Latin-1",
            )
        except UnicodeDecodeError:
            pass
        byte = f"0x{raw[exc.start]:02X}"
        return None, [error(shown, line, col, "E002", byte=byte, guess=guess)]
    problems: list[Problem] = []
    if not unicodedata.is_normalized("NFC", text):
        for i, ln in enumerate(text.splitlines(), 1):
            if not unicodedata.is_normalized("NFC", ln):
                col = next(
                    j
                    for j, ch in enumerate(ln, 1)
                    if unicodedata.combining(ch) or not unicodedata.is_normalized("NFC", ch)
                )
                problems.append(warning(shown, i, max(col - 1, 1), "W051"))
                break
        text = unicodedata.normalize("NFC", text)
    # A CR alone (old Mac) or CRLF is a line break to YAML: count lines as it does.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems


def _control_problem(text: str, pos: int, shown: str) -> Problem:
    before = text[:pos]
    line = before.count("\n") + 1
    col = pos - (before.rfind("\n") + 1) + 1
    return error(shown, line, col, "E012", codepoint=f"{ord(text[pos]):04X}")


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError, shown: str) -> Problem:
    from kh121.yamlsyntax import diagnose

    found = diagnose(text, exc)
    return error(shown, found.line, found.col, "E004", what=(found.vi, found.en))


class _Builder:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def _err(self, node: yaml.Node, code: str, **args: Any) -> None:
        line, col = _mark(node)
        self.problems.append(error(self.shown, line, col, code, **args))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self.seen:
            self._err(node, "E007")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._err(node, "E010", limit=MAX_DEPTH)
            return None
        tag = node.tag
        if isinstance(node, yaml.MappingNode):
            if tag != _TAG + "map":
                self._err(node, "E008", tag=_short_tag(tag))
                return None
            out: dict[str, Any] = {}
            first: dict[str, int] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode) or knode.tag == _TAG + "merge":
                    self._err(knode, "E008", tag=_short_tag(knode.tag))
                    continue
                key = knode.value
                if key in first:
                    self._err(knode, "E006", key=key, first_line=first[key])
                    continue
                first[key] = knode.start_mark.line + 1
                out[key] = self.build(vnode, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if tag != _TAG + "seq":
                self._err(node, "E008", tag=_short_tag(tag))
                return None
            return [self.build(item, depth + 1) for item in node.value]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        plain = not node.style  # libyaml says '' for a plain scalar, PyYAML None
        implicit = _implicit(value) if plain else _STR
        if tag != implicit and not (not plain and tag == _STR):
            # an explicit tag (!!null text, !!int abc, !!timestamp …): never obeyed
            self._err(node, "E008", tag=_short_tag(tag))
            return None
        if tag == _TAG + "str":
            bad = UNSAFE.search(value)
            if bad:  # written as an escape ("\e", "\u202e"): the raw check could not see it
                self._err(node, "E012", codepoint=f"{ord(bad.group()):04X}")
                return None
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            if value.lower() in YAML11_BOOLS:
                self._err(node, "E009", value=value)
                return value
            return value.lower() == "true"
        if tag in (_TAG + "int", _TAG + "float"):
            if len(value) > _MAX_NUMBER_CHARS:
                self._err(node, "E014", value=value[:20] + "…")
                return None
            try:
                if tag == _TAG + "int":
                    return _CONSTRUCTOR.construct_yaml_int(node)
                return _CONSTRUCTOR.construct_yaml_float(node)
            except ValueError:
                self._err(node, "E014", value=value[:40])
                return None
        if tag == _TAG + "timestamp":
            return _timestamp(node)
        self._err(node, "E008", tag=_short_tag(tag))
        return None


_TIMESTAMPS: dict[str, Any] = {}  # a date's text -> the date (dates repeat: due days, sent days)


def _timestamp(node: yaml.ScalarNode) -> Any:
    """The date or datetime a timestamp scalar says, or its text when it is no day (the
    schema reports it where it stands); each text read once."""
    value = node.value
    found = _TIMESTAMPS.get(value)
    if found is None:
        try:
            found = _CONSTRUCTOR.construct_yaml_timestamp(node)
        except ValueError:
            found = value  # an impossible date: the schema reports it where it stands
        if len(_TIMESTAMPS) < _IMPLICIT_MAX:
            _TIMESTAMPS[value] = found
    return found


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
