"""Our templates compiled ahead: the package carries them as Jinja compiles them.

A first build (a fresh clone, CI, a new project: no project cache yet) spent about 0.2 CPU-s having
Jinja translate the templates in site_templates/ into Python, 2 % of a build at 50 regions. The
package carries them translated, in `compiled-templates.zip`: per template an entry as Jinja's
bytecode cache writes it (a header for the Python version, the checksum of the template's text, the
marshalled code). An entry is taken only for the very text it was made from, so a project that
changed a template gets that one compiled from its own text and the rest ready.

The translation also depends on the environment's settings and filters (render.py, escape.py), on
Jinja and MarkupSafe (which fold constant filters into the code) and on the Python implementation:
the file is used only with those it was made with (`index.json` in it). An entry is never
unpickled: its header must be the bytes Jinja writes for this text. A test holds every entry equal
to what Jinja makes of the repository's templates, so the file says nothing a reviewer cannot read
in the templates. `scripts/compile-templates` writes it, in regioplan's own repository only.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import marshal
import pickle
import sys
import zipfile
from importlib import metadata
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket, bc_magic

from generator.files import carried_in, write_carried

SHIPPED = Path(__file__).with_name("compiled-templates.zip")  # package data
INDEX = "index.json"  # in the zip: what the entries were made with, and each template's checksum
# The modules whose settings and filters shape what Jinja makes of a template.
_SHAPING = ("render.py", "escape.py", "compiled.py")
# The same bytes for the same entries: members dated as XlsxWriter dates its parts.
_MEMBER_DATE = (1980, 1, 1, 0, 0, 0)


@functools.cache
def made_with() -> dict[str, str]:
    """What an entry's code depends on besides the template's text."""
    digest = hashlib.sha256()
    for module in _SHAPING:
        digest.update(Path(__file__).with_name(module).read_bytes())
    return {
        "code": digest.hexdigest(),
        "jinja": jinja2.__version__,
        "markupsafe": metadata.version("markupsafe"),
        "python": sys.implementation.cache_tag,  # e.g. cpython-311: marshalled code is for one of these
    }


def checksum(source: str) -> str:
    """A template text's checksum as Jinja's bytecode cache computes it."""
    return hashlib.sha1(source.encode("utf-8", "surrogateescape")).hexdigest()


def code_of(entry: bytes, source: str) -> CodeType | None:
    """The code in an entry, if it was made from `source` by this Python; else None. The header is
    compared as bytes (Jinja would unpickle it: an entry could then run anything while it is read)."""
    header = bc_magic + pickle.dumps(checksum(source), 2)
    if not entry.startswith(header):
        return None
    try:
        code = marshal.loads(entry[len(header) :])
    except Exception:  # noqa: BLE001 (whatever damaged bytes make marshal raise: compile instead)
        return None
    return code if isinstance(code, CodeType) else None


@functools.cache
def _carried(path: Path) -> dict[str, bytes]:
    """Template name to entry, as the package carries them; none when they were made with another
    Jinja, other modules or another Python, or the file cannot be read whole."""
    try:
        with zipfile.ZipFile(path) as carried:
            index = json.loads(carried.read(INDEX))
            if {key: index.get(key) for key in made_with()} != made_with():
                return {}
            return {name: carried.read(name) for name in index["templates"]}
    except Exception:  # noqa: BLE001 (a missing or damaged file: zlib, zip and JSON each raise their own)
        return {}


def _in_file(code: CodeType, filename: str) -> CodeType:
    """The code as Jinja compiles it from `filename`: a template takes its file's name from its code,
    and a problem in it is reported at that file's line (render.py, `_template_line`)."""
    inner = tuple(_in_file(part, filename) if isinstance(part, CodeType) else part for part in code.co_consts)
    return code.replace(co_filename=filename, co_consts=inner)


class ShippedFirst(jinja2.BytecodeCache):
    """A template compiled as the package carries it, if it is the same text; else as the project's
    cache keeps it (where the project has a writable cache); else Jinja compiles it."""

    def __init__(self, project: jinja2.BytecodeCache | None) -> None:
        self.project = project

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # Jinja's key, also for a name or folder that is not UTF-8 (Python keeps its bytes as surrogates).
        key = f"{name}|{filename}" if filename else name
        return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = Bucket(environment, self.get_cache_key(name, filename), checksum(source))
        entry = _carried(SHIPPED).get(name)
        code = code_of(entry, source) if entry is not None else None
        if code is not None:
            bucket.code = _in_file(code, filename) if filename else code
        elif self.project is not None:
            self.project.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if self.project is not None:
            self.project.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if self.project is not None:
            self.project.dump_bytecode(bucket)


def entries(env: jinja2.Environment) -> dict[str, tuple[str, bytes]]:
    """Every template the environment's loader lists that Jinja renders (`.j2`): its text and its
    entry, compiled under the name it has in the project (no path of this machine goes along)."""
    made = {}
    for name in sorted(env.loader.list_templates()):
        if name.endswith(".j2"):
            source, _, _ = env.loader.get_source(env, name)
            bucket = Bucket(env, name, checksum(source))
            bucket.code = env.compile(source, name, f"site_templates/{name}")
            made[name] = (source, bucket.bytecode_to_string())
    return made


def write_shipped(root: Path, env: jinja2.Environment) -> Path | None:
    """Writes the zip the package carries, in regioplan's own repository only; not when it already
    holds these templates as this Jinja compiles them. Returns the file written, if any."""
    if not carried_in(SHIPPED, root):
        return None
    made = entries(env)
    carried = _carried(SHIPPED)
    # Compared as code, not bytes: marshal writes the same code with other bytes now and then.
    if carried.keys() == made.keys() and all(_same_code(carried[name], entry, source) for name, (source, entry) in made.items()):
        return None
    index = {**made_with(), "templates": {name: checksum(source) for name, (source, _) in made.items()}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(zipfile.ZipInfo(INDEX, _MEMBER_DATE), json.dumps(index, indent=1, sort_keys=True).encode(), zipfile.ZIP_DEFLATED)
        for name, (_, entry) in made.items():
            out.writestr(zipfile.ZipInfo(name, _MEMBER_DATE), entry, zipfile.ZIP_DEFLATED)
    write_carried(SHIPPED, buffer.getvalue())
    _carried.cache_clear()
    return SHIPPED


def _same_code(carried: bytes, made: bytes, source: str) -> bool:
    code = code_of(carried, source)
    return code is not None and code == code_of(made, source)
