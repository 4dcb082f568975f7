"""Validate written files: XML against an XSD (the bundled NewsML-G2 profile by default), JSON against the bundled JSON Schema.

XML is parsed defensively: no entity expansion, no DTD loading, no network, default size
limits, and any document with a DOCTYPE is refused before its content is used (XXE and
"billion laughs" payloads cannot be used against the validator).  Schemas, in contrast,
may read their local ``xs:include``/``xs:import`` files (the official IPTC XSD imports
``xml.xsd`` from its own folder); network locations are never fetched.
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Union

from lxml import etree

from . import limits
from .safexml import prolog_doctype_line, safe_xml_parser

__all__ = ["Problem", "ValidationReport", "check_newsml_references", "validate"]

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
PROFILE_XSD = "newsml-profile.xsd"
PAGE_SCHEMA = "newsarchive-page.schema.json"
_BUNDLED = "<bundled>"

StrPath = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation problem: the file, a 1-based line (0 = the file as a whole) and a message."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating one file."""

    path: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there are no problems."""
        return not self.problems

    def lines(self) -> list[str]:
        """The problems as ``FILE:LINE: message`` lines."""
        return [str(p) for p in self.problems]


class _SchemaLoadError(Exception):
    """A schema file that cannot be read or compiled (reported as a problem of the schema file)."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(file, line, message)


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def validate(path: StrPath, *, schema: StrPath | None = None) -> ValidationReport:
    """Validate an XML or JSON file against ``schema`` (default: the bundled schema for its kind)."""
    file = os.fspath(path)
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        return ValidationReport(file, (Problem(file, 0, f"cannot read file: {exc.strerror or exc}"),))
    if data.startswith(b"PK\x03\x04"):  # EPUB and DOCX are ZIP packages: their checkers are EPUBCheck and a word processor
        message = "a ZIP package (EPUB or DOCX?), not NewsML-G2 XML or newsarchive JSON: validate checks only those two"
        return ValidationReport(file, (Problem(file, 0, message),))
    kind = _document_kind(file, data)
    schema_file = os.fspath(schema) if schema is not None else None
    if schema_file is not None:
        schema_kind = "json" if schema_file.lower().endswith(".json") else "xml"
        if schema_kind != kind:
            what = "a JSON Schema" if schema_kind == "json" else "an XML Schema"
            return ValidationReport(file, (Problem(file, 0, f"{schema_file} is {what} but this file is {kind.upper()}"),))
    try:
        problems = _validate_json(file, data, schema_file) if kind == "json" else _validate_xml(file, data, schema_file)
    except _SchemaLoadError as exc:
        problems = [exc.problem]
    return ValidationReport(file, tuple(problems))


def _document_kind(file: str, data: bytes) -> str:
    """'json' or 'xml': by extension, else by the first significant character."""
    suffix = Path(file).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".xml":
        return "xml"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "xml"


# --------------------------------------------------------------------------------------
# XML
# --------------------------------------------------------------------------------------


def _parse_xml(file: str, data: bytes) -> tuple[etree._Element | None, list[Problem]]:
    """Parse untrusted XML safely; refuse DTDs; report malformed XML with the parser's line."""
    refusal = "DOCTYPE/DTD declarations are not allowed (refused; entities and DTDs are never read)"
    line = prolog_doctype_line(data)
    if line is not None:
        return None, [Problem(file, line, refusal)]
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        return None, [Problem(file, exc.lineno or 0, f"not well-formed XML: {exc.msg}")]
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        return None, [Problem(file, 1, refusal)]
    return root, []


def _tidy(message: str) -> str:
    """Shorter libxml2 messages: namespace URIs become the usual prefixes."""
    return message.replace(f"{{{NAR_NS}}}", "nar:").replace("{http://www.w3.org/1999/xhtml}", "xhtml:")


class _LocalOnly(etree.Resolver):
    """Resolves schema includes/imports from files only; network locations are recorded, not fetched."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
        if re.match(r"(?i)(https?|ftp)://", system_url or ""):
            self.blocked.append(system_url)
            return self.resolve_string("<blocked/>", context)
        return None  # local files: libxml2's default loader


@functools.lru_cache(maxsize=16)
def _compiled_xsd(key: tuple[str, int, int]) -> etree.XMLSchema:
    """Compile an XSD once per (path, mtime, size); ``key[0] == _BUNDLED`` means the bundled profile."""
    path = key[0]
    resolver = _LocalOnly()
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False)
    parser.resolvers.add(resolver)
    shown = PROFILE_XSD if path == _BUNDLED else path
    try:
        if path == _BUNDLED:
            doc = etree.fromstring(resources.files("newsarchive.schemas").joinpath(PROFILE_XSD).read_bytes(), parser)
        else:
            doc = etree.parse(path, parser).getroot()
        schema = etree.XMLSchema(doc)
    except etree.XMLSyntaxError as exc:
        raise _SchemaLoadError(shown, exc.lineno or 0, f"schema is not well-formed XML: {exc.msg}") from exc
    except etree.XMLSchemaParseError as exc:
        line = exc.error_log.last_error.line if exc.error_log else 0
        raise _SchemaLoadError(shown, line, f"cannot compile schema: {_tidy(str(exc))}") from exc
    except OSError as exc:
        raise _SchemaLoadError(shown, 0, f"cannot read schema: {exc}") from exc
    if resolver.blocked:
        raise _SchemaLoadError(shown, 0, f"schema needs network resources (not fetched): {', '.join(resolver.blocked)}")
    return schema


def _schema_key(schema_file: str | None) -> tuple[str, int, int]:
    if schema_file is None:
        return (_BUNDLED, 0, 0)
    try:
        st = os.stat(schema_file)
    except OSError as exc:
        raise _SchemaLoadError(schema_file, 0, f"cannot read schema: {exc.strerror or exc}") from exc
    # mtime and size in the key: an edited schema is recompiled, an unchanged one reused.
    return (os.path.abspath(schema_file), st.st_mtime_ns, st.st_size)


def _validate_xml(file: str, data: bytes, schema_file: str | None) -> list[Problem]:
    root, problems = _parse_xml(file, data)
    if root is None:
        return problems
    schema = _compiled_xsd(_schema_key(schema_file))
    if not schema.validate(root):
        problems = [Problem(file, e.line, _tidy(e.message)) for e in schema.error_log]
    if etree.QName(root).namespace == NAR_NS:
        # lxml checks neither IDREF targets nor residrefs; skip what the schema already reported on that line.
        lines = {p.line for p in problems}
        problems += [p for p in check_newsml_references(root, file=file) if p.line not in lines]
    return problems


def check_newsml_references(tree: etree._Element | etree._ElementTree, *, file: str = "<document>") -> tuple[Problem, ...]:
    """Check NewsML-G2 references: groupSet/@root and groupRef/@idref name groups, no cycles, itemRefs name message items."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    ns = {"nar": NAR_NS}
    problems: list[Problem] = []

    def add(el: etree._Element, message: str) -> None:
        problems.append(Problem(file, el.sourceline or 0, message))

    for group_set in root.iter(f"{{{NAR_NS}}}groupSet"):
        groups = {g.get("id"): g for g in group_set.findall("nar:group", ns) if g.get("id")}
        root_id = group_set.get("root")
        if root_id not in groups:
            add(group_set, f"groupSet/@root {root_id!r} names no group of this package")
        for ref in group_set.iterfind("nar:group/nar:groupRef", ns):
            if ref.get("idref") not in groups:
                add(ref, f"groupRef/@idref {ref.get('idref')!r} names no group of this package")
        if root_id in groups:
            _check_group_tree(groups, root_id, add)

    if etree.QName(root).localname == "newsMessage":
        guids: dict[str, etree._Element] = {}
        for item in root.iterfind("nar:itemSet/*", ns):
            guid = item.get("guid")
            if guid is None:
                continue
            if guid in guids:
                add(item, f"guid {guid!r} is used by more than one item")
            guids.setdefault(guid, item)
        for ref in root.iter(f"{{{NAR_NS}}}itemRef"):
            residref = ref.get("residref")
            if residref not in guids:
                add(ref, f"itemRef/@residref {residref!r} names no item of this message")
    return tuple(problems)


def _check_group_tree(groups: dict[str, etree._Element], root_id: str, add: Any) -> None:
    """Report groupRef cycles and groups the root cannot reach (the groups must form a tree)."""
    ns = {"nar": NAR_NS}
    reached: set[str] = set()

    def walk(group_id: str, path: tuple[str, ...]) -> None:
        reached.add(group_id)
        for ref in groups[group_id].iterfind("nar:groupRef", ns):
            target = ref.get("idref")
            if target not in groups:
                continue  # reported by the caller
            if target in path or target == group_id:
                add(ref, f"groupRef/@idref {target!r} makes a cycle ({' > '.join(path + (group_id, target))})")
            elif target not in reached:
                walk(target, path + (group_id,))

    walk(root_id, ())
    for group_id, group in groups.items():
        if group_id not in reached:
            add(group, f"group {group_id!r} is not reachable from the root group {root_id!r}")


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _json_validator(key: tuple[str, int, int]) -> Any:
    """Load and check a JSON Schema once per (path, mtime, size)."""
    import jsonschema

    path = key[0]
    shown = PAGE_SCHEMA if path == _BUNDLED else path
    try:
        if path == _BUNDLED:
            text = resources.files("newsarchive.schemas").joinpath(PAGE_SCHEMA).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        schema = json.loads(text)
    except OSError as exc:
        raise _SchemaLoadError(shown, 0, f"cannot read schema: {exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _SchemaLoadError(shown, getattr(exc, "lineno", 0), f"schema is not valid JSON: {exc}") from exc
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise _SchemaLoadError(shown, 0, f"not a valid JSON Schema: {exc.message}") from exc
    return cls(schema)


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN/Infinity; JSON (RFC 8259) does not.
    raise ValueError(f"{name} is not valid JSON")


def _validate_json(file: str, data: bytes, schema_file: str | None) -> list[Problem]:
    from jsonschema.exceptions import best_match

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [Problem(file, data.count(b"\n", 0, exc.start) + 1, f"not UTF-8: {exc.reason}")]
    if limits.json_nesting(text) > limits.MAX_JSON_DEPTH:  # not left to the recursion limit a program may have raised
        return [Problem(file, 1, f"JSON nested too deeply (more than {limits.MAX_JSON_DEPTH} levels)")]
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return [Problem(file, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")]
    except ValueError as exc:  # NaN / Infinity
        match = re.search(r"-?\b(NaN|Infinity)\b", text)
        return [Problem(file, _Lines(text).line(match.start()) if match else 1, str(exc))]
    except RecursionError:
        return [Problem(file, 1, "JSON nested too deeply")]
    validator = _json_validator(_schema_key(schema_file))
    locations = _json_locations(text)
    found = []
    for error in validator.iter_errors(document):
        # oneOf/anyOf errors say little; their best sub-error says what is wrong.
        detail = best_match(error.context) if error.context else error
        path = tuple(detail.absolute_path)
        found.append(Problem(file, _locate(locations, path), f"{_pointer(path)}: {detail.message}"))
    return sorted(found, key=lambda p: (p.line, p.message))


def _pointer(path: tuple[Any, ...]) -> str:
    """A JSON Pointer for a path (``/`` for the document)."""
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


class _Lines:
    """Offset → 1-based line number."""

    def __init__(self, text: str) -> None:
        self.starts = [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) + 1


_WS = re.compile(r"[ \t\n\r]*")


def _json_locations(text: str) -> dict[tuple[Any, ...], int]:
    """The line of every value in a JSON text, by path (object members: the line of the key)."""
    lines = _Lines(text)
    found: dict[tuple[Any, ...], int] = {}
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        return _WS.match(text, i).end()  # type: ignore[union-attr]  # [ \t\n\r]* matches everywhere

    def value(i: int, path: tuple[Any, ...]) -> int:
        i = skip(i)
        found.setdefault(path, lines.line(i))
        if text[i] == "{":
            i = skip(i + 1)
            if text[i] == "}":
                return i + 1
            while True:
                i = skip(i)
                key, after = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]  # the C scanner, not in the stubs
                found[path + (key,)] = lines.line(i)
                i = value(skip(after) + 1, path + (key,))  # past the ':'
                i = skip(i)
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        if text[i] == "[":
            i = skip(i + 1)
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(value(i, path + (index,)))
                index += 1
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        return decoder.raw_decode(text, i)[1]

    try:
        value(0, ())
    except (ValueError, IndexError, RecursionError):
        pass  # only called on text json.loads accepted; keep what was found
    return found


def _locate(locations: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> int:
    """The line of the deepest known part of ``path``."""
    while path not in locations and path:
        path = path[:-1]
    return locations.get(path, 1)
