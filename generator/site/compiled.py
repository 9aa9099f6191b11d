"""Our templates compiled ahead: the package carries them as Jinja compiles them.

A first build (a fresh clone, CI, a new project: no project cache yet) spent about 0.2 CPU-s having
Jinja translate the templates in site_templates/ into Python, 2 % of a build at 50 regions. The
package carries them translated, in `compiled-templates.zip`: per template Jinja's own cache entry,
which Jinja takes only for the very text it was made from (the entry holds the template's checksum)
and only on the Python version that made it; anything else is compiled as before. So a project
that changed a template gets that one compiled from its own text, and the rest ready.

The translation also depends on the environment's settings and filters (render.py, escape.py) and
on Jinja itself: the file is used only with the Jinja version and those modules it was made with.
`scripts/compile-templates` writes it, in regioplan's own repository only; a test says when it is
behind the templates.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import pickle
import sys
import zipfile
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

from generator.files import carried_in, write_whole

SHIPPED = Path(__file__).with_name("compiled-templates.zip")  # package data
INDEX = "index.json"  # in the zip: what the entries were made with, and each template's checksum
# The modules whose settings and filters shape what Jinja makes of a template.
_SHAPING = ("render.py", "escape.py", "compiled.py")
# The same bytes for the same entries: members dated as XlsxWriter dates its parts.
_MEMBER_DATE = (1980, 1, 1, 0, 0, 0)


@functools.cache
def made_with() -> dict[str, str]:
    """What an entry's code depends on besides the template's text (which each entry checks itself)."""
    digest = hashlib.sha256()
    for module in _SHAPING:
        digest.update(Path(__file__).with_name(module).read_bytes())
    return {"jinja": jinja2.__version__, "code": digest.hexdigest(), "python": f"{sys.version_info[0]}.{sys.version_info[1]}"}


@functools.cache
def _carried(path: Path) -> dict[str, bytes]:
    """Template name to Jinja's cache entry, as the package carries them; none when they were made
    with another Jinja or other modules, or the file is missing or damaged."""
    with contextlib.suppress(OSError, zipfile.BadZipFile, ValueError, KeyError, TypeError):
        with zipfile.ZipFile(path) as carried:
            index = json.loads(carried.read(INDEX))
            if {key: index[key] for key in made_with()} != made_with():
                return {}
            return {name: carried.read(name) for name in index["templates"]}
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

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
        entry = _carried(SHIPPED).get(name)
        if entry is not None:
            # Jinja leaves the bucket empty when the entry is for another text or another Python.
            with contextlib.suppress(pickle.UnpicklingError, EOFError, ValueError, TypeError):
                bucket.bytecode_from_string(entry)
            if bucket.code is not None and filename is not None:
                bucket.code = _in_file(bucket.code, filename)
        if bucket.code is None and self.project is not None:
            self.project.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if self.project is not None:
            self.project.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if self.project is not None:
            self.project.dump_bytecode(bucket)


_JINJA = jinja2.BytecodeCache()  # Jinja's own checksum of a template's text, as its entries hold it


def entries(env: jinja2.Environment) -> dict[str, bytes]:
    """Every template the environment's loader lists that Jinja renders (`.j2`), compiled by it, as
    cache entries. Compiled under the name it has in the project, so no path of this machine goes along."""
    made = {}
    for name in sorted(env.loader.list_templates()):
        if name.endswith(".j2"):
            source, _, _ = env.loader.get_source(env, name)
            bucket = Bucket(env, name, _JINJA.get_source_checksum(source))
            bucket.code = env.compile(source, name, f"site_templates/{name}")
            made[name] = bucket.bytecode_to_string()
    return made


def write_shipped(root: Path, env: jinja2.Environment) -> Path | None:
    """Writes the zip the package carries, in regioplan's own repository only (never an installed
    package in a project); unchanged when it already holds these templates as this Jinja compiles
    them. Returns the file written, if any."""
    if not carried_in(SHIPPED, root):
        return None
    made = entries(env)
    checksums = {name: _JINJA.get_source_checksum(env.loader.get_source(env, name)[0]) for name in made}
    index = {**made_with(), "templates": checksums}
    with contextlib.suppress(OSError, zipfile.BadZipFile, ValueError, KeyError):
        with zipfile.ZipFile(SHIPPED) as carried:
            if json.loads(carried.read(INDEX)) == index:
                return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in [(INDEX, json.dumps(index, indent=1, sort_keys=True).encode()), *made.items()]:
            out.writestr(zipfile.ZipInfo(name, _MEMBER_DATE), data, zipfile.ZIP_DEFLATED)
    write_whole(SHIPPED, buffer.getvalue())
    _carried.cache_clear()
    return SHIPPED
