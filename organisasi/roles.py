"""Who may act as what: SOP roles derived from positions, Plt./Plh. and teams."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db import connection

from .models import AdminKabupaten, Jabatan, Pegawai, PelaksanaTugas, PerangkatDaerah, Peran, Tim, today

TIM_KE_PERAN = {Tim.Jenis.TIM_KERJA: Peran.TIM_KERJA, Tim.Jenis.TIM_SAKIP: Peran.TIM_SAKIP}


@dataclass(frozen=True)
class PeranPegawai:
    """The roles one person holds on one day, and the acting titles behind them."""

    pegawai: Pegawai | None
    peran: frozenset[str] = frozenset()
    # role -> "Plt." / "Plh." when the role is held by acting appointment
    sebagai: dict[str, str] = field(default_factory=dict)
    # positions of his own office he holds as Plt./Plh. on that day
    jabatan_diwakili: frozenset[int] = frozenset()

    def punya(self, peran: str) -> bool:
        return peran in self.peran

    @property
    def labels(self) -> list[str]:
        """Role names for display, in the order of the SOP chain."""
        return [self.label(p) for p in Peran.values if p in self.peran]

    def label(self, peran: str) -> str:
        """`Plt. Kepala Dinas` when acting, else the plain role name."""
        prefix = self.sebagai.get(peran)
        nama = Peran(peran).label
        return f"{prefix} {nama}" if prefix else str(nama)


def peran_pegawai(pegawai: Pegawai | None, *, tanggal: datetime.date | None = None) -> PeranPegawai:
    if pegawai is None or not pegawai.aktif:
        return PeranPegawai(pegawai=pegawai)
    tanggal = tanggal or today()
    # What `pegawai_of` already asked along with the person, when it asked it for this day.
    ringkas: _Ringkas | None = getattr(pegawai, "_sakip_ringkas", None)
    if ringkas is not None and ringkas.tanggal != tanggal:
        ringkas = None
    peran: set[str] = set()
    sebagai: dict[str, str] = {}
    if pegawai.jabatan_id:
        jabatan = pegawai.jabatan
        if jabatan.peran:
            peran.add(jabatan.peran)
    diwakili: set[int] = set()
    plt_rows = (
        PelaksanaTugas.objects.berlaku_pada(tanggal).filter(pegawai=pegawai).select_related("jabatan")
        if ringkas is None or ringkas.ada_plt else []
    )
    for plt in plt_rows:
        if plt.jabatan.perangkat_daerah_id != pegawai.perangkat_daerah_id:
            continue  # an acting appointment in another office gives no role here
        diwakili.add(plt.jabatan_id)
        if plt.jabatan.peran:
            if plt.jabatan.peran not in peran:
                sebagai[plt.jabatan.peran] = plt.jenis
            peran.add(plt.jabatan.peran)
    if ringkas is not None:
        tim = ringkas.tim
    else:
        tim = Tim.objects.filter(anggota=pegawai, perangkat_daerah_id=pegawai.perangkat_daerah_id).values_list("jenis", flat=True)
    for jenis in tim:
        peran.add(TIM_KE_PERAN[jenis])
    return PeranPegawai(pegawai=pegawai, peran=frozenset(peran), sebagai=sebagai, jabatan_diwakili=frozenset(diwakili))


@dataclass(frozen=True)
class _Ringkas:
    """Answers read in the same query as the signed-in person (`pegawai_of`), for one day:
    his teams in his own office, whether he holds any acting appointment (only then are
    they read), and whether his login is the kabupaten administrator."""

    tanggal: datetime.date
    tim: tuple[str, ...]
    ada_plt: bool
    admin_kabupaten: bool


def _sql_ringkas() -> dict[str, str]:
    """The EXISTS tests of `_Ringkas` as SQL on the person's row (`%s` = the day, twice).

    Written as SQL rather than ORM `Exists(...)`: four ORM subqueries cost more to build
    and compile on every request (~3 ms of CPU) than the three small queries they replace."""
    q = connection.ops.quote_name
    peg = q(Pegawai._meta.db_table)
    tim, anggota = q(Tim._meta.db_table), q(Tim.anggota.through._meta.db_table)
    plt, admin = q(PelaksanaTugas._meta.db_table), q(AdminKabupaten._meta.db_table)
    sql = {
        f"sakip_tim_{jenis}": (
            f"EXISTS(SELECT 1 FROM {tim} INNER JOIN {anggota} ON {anggota}.{q('tim_id')} = {tim}.{q('id')} "
            f"WHERE {anggota}.{q('pegawai_id')} = {peg}.{q('id')} "
            f"AND {tim}.{q('perangkat_daerah_id')} = {peg}.{q('perangkat_daerah_id')} AND {tim}.{q('jenis')} = '{jenis}')"
        )
        for jenis in Tim.Jenis.values  # fixed choice values, no user input
    }
    # PelaksanaTugas.objects.berlaku_pada(day), restated in SQL (tests hold the two together)
    sql["sakip_ada_plt"] = (
        f"EXISTS(SELECT 1 FROM {plt} WHERE {plt}.{q('pegawai_id')} = {peg}.{q('id')} "
        f"AND {plt}.{q('mulai')} <= %s AND ({plt}.{q('selesai')} IS NULL OR {plt}.{q('selesai')} >= %s))"
    )
    sql["sakip_admin"] = f"EXISTS(SELECT 1 FROM {admin} WHERE {admin}.{q('user_id')} = {peg}.{q('user_id')})"
    return sql


# The person's row with his position and office, as `select_related("jabatan", "perangkat_daerah")`
# would read them: (model, join) in column order; the position is optional (LEFT JOIN).
_BACAAN_PEGAWAI = ((Pegawai, ""), (Jabatan, "LEFT OUTER JOIN"), (PerangkatDaerah, "INNER JOIN"))


@functools.cache
def _sql_pegawai(vendor: str) -> tuple[str, tuple]:
    """The one query of `_pegawai_dengan_ringkas` (`%s`: the day twice, then the user's id)
    and, per model, its field names and each field's value converters — written once per
    process from the models' metadata. The ORM built and compiled the same query on every
    request: ~0.7 ms of CPU, three times what running it costs."""
    q = connection.ops.quote_name
    kolom, bagian, join = [], [], []
    for model, jenis_join in _BACAAN_PEGAWAI:
        tabel = q(model._meta.db_table)
        fields = model._meta.concrete_fields
        kolom += [f"{tabel}.{q(f.column)}" for f in fields]
        bagian.append((model, tuple(f.attname for f in fields), tuple(
            tuple((conv, col) for conv in connection.ops.get_db_converters(col) + f.get_db_converters(connection))
            for f in fields for col in [f.get_col(model._meta.db_table)]
        )))
        if jenis_join:
            fk = Pegawai._meta.get_field("jabatan" if model is Jabatan else "perangkat_daerah")
            join.append(f"{jenis_join} {tabel} ON {tabel}.{q('id')} = {q(Pegawai._meta.db_table)}.{q(fk.column)}")
    ringkas = _sql_ringkas()
    sql = (
        f"SELECT {', '.join(kolom)}, {', '.join(ringkas.values())} FROM {q(Pegawai._meta.db_table)} {' '.join(join)} "
        f"WHERE {q(Pegawai._meta.db_table)}.{q('user_id')} = %s LIMIT 1"
    )
    return sql, tuple(bagian)


def _pegawai_dengan_ringkas(user: User, tanggal: datetime.date) -> Pegawai | None:
    """The person of `user` with position and office, and `_Ringkas` — one query instead of
    four on every page (teams, acting appointments and the administrator flag as EXISTS).
    The models are built from the row as the ORM builds them (`Model.from_db`, the fields'
    database converters applied)."""
    sql, bagian = _sql_pegawai(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, (tanggal, tanggal, user.pk))
        row = cursor.fetchone()
    if row is None:
        return None
    objek, i = [], 0
    for model, nama, converters in bagian:
        nilai = list(row[i:i + len(nama)])
        i += len(nama)
        for k, fungsi in enumerate(converters):
            for conv, col in fungsi:
                nilai[k] = conv(nilai[k], col, connection)
        objek.append(None if nilai[0] is None else model.from_db(connection.alias, nama, nilai))
    pegawai, jabatan, perangkat_daerah = objek
    pegawai.jabatan = jabatan
    pegawai.perangkat_daerah = perangkat_daerah
    tim_ada, (ada_plt, admin) = row[i:i + len(Tim.Jenis.values)], row[i + len(Tim.Jenis.values):]
    pegawai._sakip_ringkas = _Ringkas(
        tanggal=tanggal,
        tim=tuple(j for j, ada in zip(Tim.Jenis.values, tim_ada, strict=True) if ada),
        ada_plt=bool(ada_plt),
        admin_kabupaten=bool(admin),
    )
    return pegawai


def pegawai_of(user: User | AnonymousUser) -> Pegawai | None:
    """The user's staff record with his position and office (one query, then cached on the user)."""
    if not user.is_authenticated:
        return None
    if User.pegawai.is_cached(user):
        return user.pegawai
    pegawai = _pegawai_dengan_ringkas(user, today())
    if pegawai is not None:
        user.pegawai = pegawai
        user._sakip_admin_kabupaten = pegawai._sakip_ringkas.admin_kabupaten
    return pegawai


def peran_user(user: User | AnonymousUser, *, tanggal: datetime.date | None = None) -> PeranPegawai:
    """The user's roles; today's are reused when `organisasi.access.peran_request`
    already computed them for this request (the user object lives one request)."""
    if tanggal is None:
        cached = getattr(user, "_sakip_peran", None)
        if cached is not None:
            return cached
    return peran_pegawai(pegawai_of(user), tanggal=tanggal)


def is_admin_kabupaten(user: User | AnonymousUser) -> bool:
    """Superuser, or named kabupaten administrator (asked once per user object, i.e. request)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_sakip_admin_kabupaten", None)
    if cached is None:
        cached = user._sakip_admin_kabupaten = hasattr(user, "admin_kabupaten")
    return cached


def pemegang_peran(pd_id: int, peran: str, *, tanggal: datetime.date | None = None) -> list[Pegawai]:
    """Everyone of office `pd_id` who holds `peran` on `tanggal` (incl. Plt./Plh.)."""
    tanggal = tanggal or today()
    base = Pegawai.objects.filter(perangkat_daerah_id=pd_id, aktif=True).select_related("jabatan")
    if peran in (Peran.TIM_KERJA, Peran.TIM_SAKIP):
        jenis = Tim.Jenis.TIM_KERJA if peran == Peran.TIM_KERJA else Tim.Jenis.TIM_SAKIP
        return list(base.filter(tim__jenis=jenis, tim__perangkat_daerah_id=pd_id).distinct())
    tingkat = next(t for t, p in Jabatan.TINGKAT_KE_PERAN.items() if p == peran)
    definitive = list(base.filter(jabatan__tingkat=tingkat))
    acting_ids = PelaksanaTugas.objects.berlaku_pada(tanggal).filter(
        jabatan__perangkat_daerah_id=pd_id, jabatan__tingkat=tingkat
    ).values_list("pegawai_id", flat=True)
    seen = {p.pk for p in definitive}
    return definitive + [p for p in base.filter(pk__in=acting_ids) if p.pk not in seen]
