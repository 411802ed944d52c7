"""ORM queries compiled once, then only run: `KueriSiap` (rows) and `objek` (model instances).

Building and compiling a query through the ORM costs ~0.5–1.5 ms of CPU on every call
(lookups resolved, joins set up, expressions compiled), often ten times what running it
costs, and the pages people use most run the same few queries on every request with only
their values changed (a plan, a quarter, a task). So each query is still written with the
ORM (one place, its meaning readable), built and compiled once, and then run with the new
values through the connection's cursor; the tests hold each query to its ORM result.

- `KueriSiap` — rows as `values_list()` gives them (its SELECT is in the order the fields
  are named), the fields' database converters applied. Its arguments are integers; the
  query is built twice with marker values to find where each one lands among the compiled
  parameters. Kept per process and database.
- `objek` — model instances as iterating the queryset gives them (`ModelIterable`: the
  model's columns through `Model.from_db`, `select_related` objects through the compiler's
  related populators, annotations). The caller names the parameters in the order the SQL
  takes them, and names in the key everything else the SQL's shape depends on (a filter
  present or not, a list's length). The plan is compiled on a call whose values are all
  different and checked against the ORM's own parameters; a mismatch raises under the test
  suite (a caller's mistake) and, in production, leaves that query to the ORM. Kept on the
  connection (one per thread).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

# Two sets of marker values the query is built with, to find where each argument lands
# among the compiled parameters (the positions whose value differs between the two builds).
# Small positive integers: a lookup on a small integer field (a quarter) refuses values
# outside its range. Spaced differently in the two sets (10 and 13 apart), so that no
# expression of an argument plus a constant (`tw - 1`) can pass for another argument: it
# would have to be offset by the same amount from both of that argument's markers.
_PENANDA = (tuple(30000 + 10 * i for i in range(8)), tuple(31000 + 13 * i for i in range(8)))


class KueriSiap:
    """A `values_list()` query whose arguments are integers used as filter values
    (ids, a quarter): `bangun(*argumen)` returns the queryset. Compiled on first use
    per database alias; `baris(*argumen)` runs it with the given values."""

    def __init__(self, bangun: Callable[..., QuerySet], jumlah_argumen: int):
        self.bangun = bangun
        self.jumlah_argumen = jumlah_argumen
        self._siap: dict[tuple[str, str], tuple] = {}

    def _kompilasi(self, alias: str) -> tuple:
        n = self.jumlah_argumen
        hasil = []
        for penanda in _PENANDA:
            qs = self.bangun(*penanda[:n])
            if qs._iterable_class is not ValuesListIterable:
                raise TypeError("KueriSiap reads values_list() querysets only")
            compiler = qs.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            hasil.append((qs, compiler, sql, tuple(params)))
        (qs, compiler, sql, params), (_qs, _c, sql_b, params_b) = hasil
        if sql != sql_b or len(params) != len(params_b):
            raise ValueError("the query's SQL depends on its arguments")
        posisi = tuple(
            (i, _PENANDA[0].index(a) if type(a) is int and a in _PENANDA[0] else -1)
            for i, (a, b) in enumerate(zip(params, params_b)) if a != b
        )
        if {k for _i, k in posisi} != set(range(n)) or any(
            not 0 <= k < n or params[i] != _PENANDA[0][k] or params_b[i] != _PENANDA[1][k] for i, k in posisi
        ):
            raise ValueError("an argument of the query does not reach its SQL as a parameter")
        kolom = [s[0] for s in compiler.select[: compiler.col_count]]
        converters = tuple(
            (i, tuple(fungsi), ekspresi) for i, (fungsi, ekspresi) in compiler.get_converters(kolom).items()
        )
        return sql, params, posisi, converters

    def baris(self, *argumen: int, using: str = "default") -> list[tuple]:
        """The query's rows for `argumen`, as `list(bangun(*argumen))` gives them."""
        if len(argumen) != self.jumlah_argumen:
            raise TypeError(f"{self.jumlah_argumen} arguments expected")
        connection = connections[using]
        kunci = (using, connection.vendor)
        siap = self._siap.get(kunci)
        if siap is None:
            siap = self._siap[kunci] = self._kompilasi(using)
        sql, params, posisi, converters = siap
        if posisi:
            params = list(params)
            for i, k in posisi:
                params[i] = int(argumen[k])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            hasil: list[Any] = []
            for row in rows:
                row = list(row)
                for i, fungsi, ekspresi in converters:
                    nilai = row[i]
                    for conv in fungsi:
                        nilai = conv(nilai, ekspresi, connection)
                    row[i] = nilai
                hasil.append(row)
            rows = hasil
        return [tuple(row) for row in rows]


# --- model instances: a plan per connection ------------------------------------------------------------

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
            raise TypeError("kueri.objek reads querysets of model instances without prefetch_related")
        if qs.db != "default" or not _bisa_disimpan(params):
            return None, qs
        compiler = qs.query.get_compiler(using=qs.db)
        try:
            sql, p = compiler.as_sql()
        except EmptyResultSet:
            return None, qs
        if tuple(p) != tuple(params) and os.environ.get("PYTEST_CURRENT_TEST"):
            raise ValueError(f"kueri.objek {kunci}: the caller's parameters {tuple(params)!r} are not the query's {p!r}")
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
