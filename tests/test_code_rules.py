"""House rules that ruff cannot say, checked over the product's code (not its tests).

STYLE.md section 9: only documented Django. ruff's SLF001 already refuses `obj._private`
outside its own class and TID251 the banned imports; this test refuses the private
query machinery called by name (the compiler, hand-built model instances, field
converters) and raw SQL without a stated reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "sakip",
    "umum",
    "organisasi",
    "dokumen",
    "kinerja",
    "sop",
    "laporan",
    "monev",
    "cadangan",
    "bench",
]

# Methods of Django's query machinery that a queryset already calls for us.
PRIVATE_METHODS = {
    "get_compiler": "the SQL compiler is private: write a queryset",
    "as_sql": "the SQL compiler is private: write a queryset",
    "from_db": "Model.from_db is called by the ORM, not by hand",
    "from_db_value": "field converters are called by the ORM, not by hand",
    "get_converters": "the SQL compiler is private: write a queryset",
    "get_related_populators": "private: use select_related()",
    "is_cached": "a related-object cache is private: use select_related()/prefetch_related()",
}
PRIVATE_NAMES = {
    "_iterable_class",
    "klass_info",
    "_result_cache",
    "_prefetch_related_lookups",
}
# Raw SQL is allowed only where the ORM cannot say it, on a line that says why.
RAW_SQL_REASON = "# SQL mentah:"


def violations(source: str, filename: str = "<kode>") -> list[str]:
    """Every use of Django's private query machinery in `source`, as `file:line: why`."""
    tree = ast.parse(source, filename)
    lines = source.splitlines()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in PRIVATE_METHODS:
                found.append(
                    f"{filename}:{node.lineno}: .{name}(): {PRIVATE_METHODS[name]}"
                )
            elif name == "cursor" and RAW_SQL_REASON not in _around(lines, node.lineno):
                found.append(
                    f"{filename}:{node.lineno}: raw SQL without a reason: write a queryset, "
                    f"or say why the ORM cannot on the line before ('{RAW_SQL_REASON} ...')"
                )
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_NAMES:
            found.append(f"{filename}:{node.lineno}: .{node.attr} is private to Django")
    return found


def _around(lines: list[str], lineno: int) -> str:
    return "\n".join(lines[max(0, lineno - 3) : lineno])


def product_files() -> list[Path]:
    files = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT).parts
            if "tests" in rel or "migrations" in rel:
                continue
            files.append(path)
    return files


def test_the_checker_finds_what_it_is_meant_to_find():
    bad = (
        "qs.query.get_compiler('default').as_sql()\n"
        "Model.from_db(db, cols, row)\n"
        "field.from_db_value(v, None, None)\n"
        "User.pegawai.is_cached(user)\n"
        "qs._result_cache\n"
        "with connection.cursor() as c:\n    pass\n"
    )
    assert len(violations(bad)) == 7
    allowed = (
        "# SQL mentah: COPY is not something the ORM can say\n"
        "with connection.cursor() as c:\n    pass\n"
        "Indikator.objects.select_related('sasaran').only('kode')\n"
    )
    assert violations(allowed) == []


@pytest.mark.parametrize(
    "path", product_files(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_product_code_uses_only_documented_django(path):
    assert (
        violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []
    )
