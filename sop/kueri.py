"""Queries a page runs on every request with the same SQL but for its values (a task by
its id, one page of indicators, the open step of a task): built and compiled by the ORM
once per database connection, then only run.

Building a queryset and compiling it cost two to three times what running it and making
its rows into model instances cost (~0.6 ms of CPU for a task with its cycle, office and
plan joined, against ~0.3 ms). Here the ORM still writes the SQL and says how its rows
become objects (the compiler's columns, converters and related populators, as
`ModelIterable` uses them); only that work is kept, on the connection (one per thread),
for the next request. This is `sakip.kueri.KueriSiap` (rows of `values_list()`) for
queries whose result is model instances.

The caller names the parameters in the order the SQL takes them, and names in the key
everything else the SQL's shape depends on (a filter present or not, a list's length).
The plan is compiled on a call whose values are all different and checked against the
ORM's own parameters; a mismatch raises under the test suite (a caller's mistake) and, in
production, leaves that query to the ORM. Tests hold every query to the ORM's result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators

_ATRIBUT = "_sakip_kueri"
_TIDAK = object()  # a key whose query runs through the ORM (its parameters are not the caller's)


class _Rencana:
    """What running one compiled query needs: its SQL, and how its rows become results."""

    __slots__ = ("sql", "compiler", "converters", "model", "init_list", "mulai", "akhir", "populators", "anotasi")

    def __init__(self, qs: QuerySet, sql: str, compiler):
        self.sql = sql
        self.compiler = compiler
        self.converters = compiler.get_converters([s[0] for s in compiler.select[0:compiler.col_count]])
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.mulai, self.akhir = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.mulai:self.akhir]]
        self.populators = get_related_populators(klass_info, select, qs.db)
        self.anotasi = tuple(compiler.annotation_col_map.items())  # set on each object, as ModelIterable does


def _bisa_disimpan(params: Sequence) -> bool:
    """Whether the caller's values can show their place among the compiled parameters:
    no two equal (pk 2 and quarter 2 could stand in each other's place unnoticed)."""
    try:
        return len(set(params)) == len(params)
    except TypeError:  # an unhashable value (a list for an array field): not kept
        return False


def _rencana(kunci: tuple, bangun: Callable[[], QuerySet], params: Sequence):
    """(the plan of `kunci` on its connection, or None and the queryset to run through the ORM).

    A plan is compiled and checked on a call whose values are all different: the caller's
    parameters must be the compiled ones, in the same order. A mismatch is a caller's
    mistake (or SQL whose shape depends on a value `kunci` does not name): under the test
    suite it raises; in production that query runs through the ORM from then on."""
    qs = None
    conn = connections["default"]
    simpanan = conn.__dict__.get(_ATRIBUT)
    if simpanan is None:
        simpanan = conn.__dict__[_ATRIBUT] = {}
    r = simpanan.get(kunci)
    if r is None:
        qs = bangun()
        if qs._iterable_class is not ModelIterable or qs._prefetch_related_lookups:
            raise TypeError("sop.kueri.objek reads querysets of model instances without prefetch_related")
        if qs.db != "default" or not _bisa_disimpan(params):
            return None, qs
        compiler = qs.query.get_compiler(using=qs.db)
        try:
            sql, p = compiler.as_sql()
        except EmptyResultSet:
            return None, qs
        if tuple(p) != tuple(params) and os.environ.get("PYTEST_CURRENT_TEST"):
            raise ValueError(f"sop.kueri {kunci}: the caller's parameters {tuple(params)!r} are not the query's {p!r}")
        r = _Rencana(qs, sql, compiler) if tuple(p) == tuple(params) else _TIDAK
        simpanan[kunci] = r
    if r is _TIDAK:
        return None, qs if qs is not None else bangun()
    return r, None


def _baris(r: _Rencana, params: Sequence):
    conn = r.compiler.connection
    with conn.cursor() as cursor:
        cursor.execute(r.sql, params)
        rows = cursor.fetchall()
    if r.converters:
        rows = r.compiler.apply_converters(rows, r.converters)
    return rows


def objek(kunci: tuple, bangun: Callable[[], QuerySet], params: Sequence, *, diketahui: dict | None = None) -> list:
    """`list(bangun())`: the model instances (with their `select_related` objects and annotations) the
    queryset gives, read with SQL compiled once per connection for
    `kunci`. `params`: the query's parameters in SQL order. `diketahui`: {field name:
    object} a related manager sets on each row (`tugas.pemeriksaan` sets `.tugas`)."""
    r, qs = _rencana(kunci, bangun, params)
    if r is None:
        return list(qs)
    out = []
    model, init_list, mulai, akhir, populators = r.model, r.init_list, r.mulai, r.akhir, r.populators
    db = r.compiler.using
    for row in _baris(r, params):
        obj = model.from_db(db, init_list, row[mulai:akhir])
        for p in populators:
            p.populate(row, obj)
        for nama, i in r.anotasi:
            setattr(obj, nama, row[i])
        if diketahui:
            for nama, nilai in diketahui.items():
                if not model._meta.get_field(nama).is_cached(obj):
                    setattr(obj, nama, nilai)
        out.append(obj)
    return out
