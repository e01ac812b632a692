"""File layer: reading a design file, refusing bad input with one clear sentence.

Every way a file can be wrong becomes a :class:`DesignLoadError` that names the
file and the JSON path of the problem — never a traceback. Contents are only ever parsed
as data: nothing in a file is executed, and no path inside a design is followed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from canvas.core.catalog import KINDS
from canvas.core.model import Design
from canvas.io.attributes import attribute_problem, shown, validate_property
from canvas.io.errors import DesignLoadError, json_path
from canvas.io.file_format import FORMAT, SCHEMA_VERSION, Component, DesignFile, Group, Link, Note
from canvas.io.migrations import migrate

MAX_BYTES = 64 * 1024 * 1024
MAX_COMPONENTS = 200_000
MAX_LINKS = 400_000
MAX_PROPERTY_DEPTH = 16


def load_design(path: str | Path) -> Design:
    """Read and validate a design file."""
    return parse_design(read_design_bytes(path), str(path))


def read_design_bytes(path: str | Path) -> bytes:
    """The bytes of a design file, or a DesignLoadError that names it and says why not."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise DesignLoadError(name, "is a folder, not a design file")
        if size > MAX_BYTES:
            raise DesignLoadError(
                name, f"the file is {size / 2**20:.0f} MB, larger than the {MAX_BYTES // 2**20} MB a design may be"
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise DesignLoadError(name, "no such file") from None
    except PermissionError:
        raise DesignLoadError(name, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise DesignLoadError(name, f"cannot be read ({exc.strerror or exc})") from None


def parse_design(data: bytes | str, source: str = "design") -> Design:
    """Parse a design from the bytes or text of a file; ``source`` names it in errors."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise DesignLoadError(source, f"the file is larger than the {MAX_BYTES // 2**20} MB a design may be")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DesignLoadError(source, f"is not UTF-8 text (invalid byte at offset {exc.start})") from None
    else:
        text = data
    raw = _parse_json(text, source)
    return _validate(raw, source)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_json(text: str, source: str) -> Any:
    if not text.strip():
        raise DesignLoadError(source, "the file is empty")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DesignLoadError(source, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise DesignLoadError(source, "the JSON is nested too deeply to be a design") from None
    except ValueError as exc:
        raise DesignLoadError(source, f"not valid JSON: {exc}") from None


def _validate(raw: Any, source: str) -> Design:
    if not isinstance(raw, dict):
        raise DesignLoadError(source, f"expected a JSON object at the top level, found {shown(raw)}")
    fmt = raw.get("format")
    if fmt != FORMAT:
        found = 'no "format" field' if fmt is None else f"its format is {json.dumps(fmt)[:60]}"
        raise DesignLoadError(source, f'this is not an ML System Canvas design ({found}; expected "{FORMAT}")')
    version = raw.get("schema_version")
    if version is None:
        raise DesignLoadError(source, "is missing", "schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DesignLoadError(source, f"expected a whole number, found {shown(version)}", "schema_version")
    if version > SCHEMA_VERSION:
        raise DesignLoadError(
            source,
            f"was saved by a newer ML System Canvas (schema version {version}; this version reads up to "
            f"{SCHEMA_VERSION}): update the app to open it",
        )
    try:
        raw = migrate(raw, SCHEMA_VERSION)
    except LookupError:
        raise DesignLoadError(
            source, f"schema version {version} is not one this version can read", "schema_version"
        ) from None
    _check_sizes(raw, source)
    _check_file(raw, source)
    try:
        return _to_design(raw, source)
    except ValidationError as exc:
        raise _load_error(source, exc) from None


#: The file's lists, whose entries :func:`_check_file` validates one by one.
_ENTRIES: dict[str, type[Component | Link | Note | Group]] = {
    "components": Component,
    "links": Link,
    "notes": Note,
    "groups": Group,
}


def _check_file(raw: dict[str, Any], source: str) -> None:
    """Validate ``raw`` against the file model, the lists' entries one by one: each entry's
    model is dropped as soon as it is made. A whole file model of 10,000 components is
    ~100,000 objects alive together, which Python's garbage collector then walks again and
    again while the live model is made (a third of the time of opening such a file).
    The first problem reported is the one a whole validation would report: fields in the
    format's order, each list's entries in their place, unknown fields last."""
    problems: dict[Any, Any] = {}  # the first error of each top-level field
    try:
        DesignFile.model_validate({k: [] if k in _ENTRIES and isinstance(v, list) else v for k, v in raw.items()})
    except ValidationError as exc:
        for err in exc.errors():
            problems.setdefault(err["loc"][0], err)
    for field in DesignFile.model_fields:
        if field in problems:
            raise _error_at(source, problems[field])
        model, entries = _ENTRIES.get(field), raw.get(field)
        if model is None or not isinstance(entries, list):
            continue
        validate = model.__pydantic_validator__.validate_python
        for i, entry in enumerate(entries):
            try:
                validate(entry)
            except ValidationError as exc:
                raise _load_error(source, exc, (field, i)) from None
    if problems:
        raise _error_at(source, next(iter(problems.values())))


def _load_error(source: str, exc: ValidationError, within: tuple[str | int, ...] = ()) -> DesignLoadError:
    """The first of a validation's errors as a sentence, at its JSON path (below ``within``)."""
    return _error_at(source, exc.errors()[0], within)


def _error_at(source: str, err: Any, within: tuple[str | int, ...] = ()) -> DesignLoadError:
    return DesignLoadError(source, _explain(err), json_path((*within, *err["loc"])))


def _check_sizes(raw: dict[str, Any], source: str) -> None:
    comps, links = raw.get("components"), raw.get("links")
    if isinstance(comps, list) and len(comps) > MAX_COMPONENTS:
        raise DesignLoadError(
            source, f"has {len(comps):,} components, more than the {MAX_COMPONENTS:,} allowed", "components"
        )
    if isinstance(links, list) and len(links) > MAX_LINKS:
        raise DesignLoadError(source, f"has {len(links):,} links, more than the {MAX_LINKS:,} allowed", "links")
    if isinstance(comps, list):
        for i, comp in enumerate(comps):
            if isinstance(comp, dict) and isinstance(comp.get("properties"), dict):
                for key, value in comp["properties"].items():
                    if _depth(value) > MAX_PROPERTY_DEPTH:
                        raise DesignLoadError(
                            source,
                            f"is nested more than {MAX_PROPERTY_DEPTH} levels deep",
                            f"components[{i}].properties.{key}",
                        )


def _depth(value: Any) -> int:
    depth, level = 0, [value]
    while level:
        depth += 1
        nxt: list[Any] = []
        for v in level:
            if isinstance(v, dict):
                nxt.extend(v.values())
            elif isinstance(v, list):
                nxt.extend(v)
        if not nxt:
            return depth
        if depth > MAX_PROPERTY_DEPTH:
            return depth + 1
        level = nxt
    return depth


_TYPE_MESSAGES = {
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "int_type": "expected a whole number",
    "string_type": "expected a string",
    "bool_type": "expected true or false",
    "dict_type": "expected an object",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
    "list_type": "expected a list",
    "missing": "is missing",
    "extra_forbidden": "is not a field of the design format",
    "string_too_short": "must not be empty",
    "string_unicode": "is not valid text (it holds an unpaired UTF-16 surrogate)",
    # the one pattern of the format: a suppression's reason has a character that is not a space
    "string_pattern_mismatch": "must say why the finding does not apply (it is blank)",
    "string_too_long": "is too long",
    "finite_number": "expected a finite number",
}


def _explain(err: Any) -> str:
    kind = err["type"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"expected {expected}, found {json.dumps(err.get('input'))[:60]}"
    if kind == "enum":
        return f"expected one of {err.get('ctx', {}).get('expected', '')}, found {json.dumps(err.get('input'))[:60]}"
    if kind == "greater_than":
        return f"expected a number greater than 0, found {shown(err.get('input'))}"
    base = _TYPE_MESSAGES.get(kind)
    if base is None:
        return str(err["msg"]).rstrip(".").lower()
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{base}, found {shown(err.get('input'))}"
    return base


def _to_design(raw: dict[str, Any], source: str) -> Design:
    """Check what types cannot (kinds, unique ids, link ends, typed attributes) on the raw
    dict the file model has already validated, then build the live model in one pass."""
    components: dict[str, Any] = {}
    for i, c in enumerate(raw.get("components", [])):
        where = f"components[{i}]"
        cid = c["id"]
        if cid in components:
            first = list(components).index(cid)
            raise DesignLoadError(source, f'duplicate id "{cid}" (also components[{first}])', f"{where}.id")
        components[cid] = c
        kind = KINDS.get(c["kind"])
        if kind is None:
            raise DesignLoadError(source, f'unknown kind "{c["kind"][:60]}"', f"{where}.kind")
        pos = c["position"]
        if not (math.isfinite(pos["x"]) and math.isfinite(pos["y"])):
            raise DesignLoadError(source, "expected finite numbers", f"{where}.position")
        for key, value in c.get("properties", {}).items():
            attr = kind.attribute(key)
            if attr is not None:
                problem = attribute_problem(attr, value)
                if problem:
                    raise DesignLoadError(source, problem, f"{where}.properties.{key}")

    links: dict[str, Any] = {}
    for i, l in enumerate(raw.get("links", [])):
        where = f"links[{i}]"
        if l["id"] in links:
            first = list(links).index(l["id"])
            raise DesignLoadError(source, f'duplicate id "{l["id"]}" (also links[{first}])', f"{where}.id")
        links[l["id"]] = l
        for end in ("source", "target"):
            if l[end] not in components:
                raise DesignLoadError(source, f'no component has the id "{l[end][:60]}"', f"{where}.{end}")
    notes: dict[str, Any] = {}
    for i, n in enumerate(raw.get("notes", [])):
        if n["id"] in notes:
            first = list(notes).index(n["id"])
            raise DesignLoadError(source, f'duplicate id "{n["id"]}" (also notes[{first}])', f"notes[{i}].id")
        notes[n["id"]] = n
        numbers = (n["position"]["x"], n["position"]["y"], n["size"]["width"], n["size"]["height"])
        if not all(math.isfinite(v) for v in numbers):
            raise DesignLoadError(source, "expected finite numbers", f"notes[{i}]")
    groups: dict[str, Any] = {}
    grouped: dict[str, int] = {}
    for i, g in enumerate(raw.get("groups", [])):
        where = f"groups[{i}]"
        if g["id"] in groups:
            first = list(groups).index(g["id"])
            raise DesignLoadError(source, f'duplicate id "{g["id"]}" (also groups[{first}])', f"{where}.id")
        groups[g["id"]] = g
        for j, member in enumerate(g["members"]):
            if member not in components:
                raise DesignLoadError(source, f'no component has the id "{member[:60]}"', f"{where}.members[{j}]")
            if member in grouped:
                raise DesignLoadError(
                    source,
                    f'"{member[:60]}" is already in groups[{grouped[member]}]: a component is in one group at most',
                    f"{where}.members[{j}]",
                )
            grouped[member] = i
    return Design.model_validate(
        {
            "name": raw.get("name") or "Untitled design",
            "components": components,
            "links": links,
            "notes": notes,
            "groups": groups,
            "settings": raw.get("settings", {}),
        }
    )


__all__ = ["load_design", "parse_design", "read_design_bytes", "validate_property"]
