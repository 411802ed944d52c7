"""Who may act as what: SOP roles derived from positions, Plt./Plh. and teams.

The signed-in login is read once per user object (`pengguna_masuk`): his staff record
with position and office, and whether he belongs to a team, holds an acting
appointment or is the kabupaten administrator, in one ORM query. The answer is kept on
the user object as ``user.sakip_masuk`` (a `Masuk`); Django builds a new user object for
every request (``AuthenticationMiddleware``), so it lives for one request, and the
permission checks deep down (django-fsm ``permission=``) share the view's answer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef

from .models import AdminKabupaten, Jabatan, Pegawai, PelaksanaTugas, Peran, Tim, today

TIM_KE_PERAN = {Tim.Jenis.TIM_KERJA: Peran.TIM_KERJA, Tim.Jenis.TIM_SAKIP: Peran.TIM_SAKIP}

# The attribute of the user object that holds his `Masuk` for the request.
ATRIBUT_MASUK = "sakip_masuk"


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


@dataclass(frozen=True)
class Ringkas:
    """What the query of the signed-in person already answered for one day: the kinds of
    team he belongs to in his own office, and whether he holds any acting appointment
    there (only then are the appointments read)."""

    tanggal: datetime.date
    tim: tuple[str, ...]
    ada_plt: bool


def peran_pegawai(
    pegawai: Pegawai | None, *, tanggal: datetime.date | None = None, ringkas: Ringkas | None = None
) -> PeranPegawai:
    """The roles of `pegawai` on `tanggal` (default today). `ringkas`, when read for the
    same day, spares the team query and, without acting appointments, their query."""
    if pegawai is None or not pegawai.aktif:
        return PeranPegawai(pegawai=pegawai)
    tanggal = tanggal or today()
    if ringkas is not None and ringkas.tanggal != tanggal:
        ringkas = None
    peran: set[str] = set()
    sebagai: dict[str, str] = {}
    if pegawai.jabatan_id:
        jabatan = pegawai.jabatan
        if jabatan.peran:
            peran.add(jabatan.peran)
    diwakili: set[int] = set()
    if ringkas is None or ringkas.ada_plt:
        # an acting appointment in another office gives no role here
        berlaku = PelaksanaTugas.objects.berlaku_pada(tanggal).di_kantor(pegawai.perangkat_daerah_id)
        for plt in berlaku.filter(pegawai=pegawai).select_related("jabatan"):
            diwakili.add(plt.jabatan_id)
            if plt.jabatan.peran:
                if plt.jabatan.peran not in peran:
                    sebagai[plt.jabatan.peran] = plt.jenis
                peran.add(plt.jabatan.peran)
    if ringkas is not None:
        tim = ringkas.tim
    else:
        tim = Tim.objects.filter(anggota=pegawai, perangkat_daerah_id=pegawai.perangkat_daerah_id).values_list(
            "jenis", flat=True
        )
    for jenis in tim:
        peran.add(TIM_KE_PERAN[jenis])
    return PeranPegawai(pegawai=pegawai, peran=frozenset(peran), sebagai=sebagai, jabatan_diwakili=frozenset(diwakili))


@dataclass
class Masuk:
    """The signed-in login as read once for one day (kept as ``user.sakip_masuk``)."""

    tanggal: datetime.date
    pegawai: Pegawai | None
    ringkas: Ringkas | None
    # None until asked when he has no staff record (then the query did not answer it)
    admin_kabupaten: bool | None
    # today's roles, once `organisasi.access.peran_request` computed them for the request
    peran: PeranPegawai | None = None


def _baca_masuk(user: User, tanggal: datetime.date) -> Masuk:
    """The person of `user` with his position and office, and his teams, 'holds an acting
    appointment?' and 'kabupaten administrator?' as EXISTS on his row: one query instead
    of four on every page."""
    anggota_tim = {
        f"anggota_{jenis}": Exists(
            Tim.objects.filter(anggota=OuterRef("pk"), perangkat_daerah=OuterRef("perangkat_daerah"), jenis=jenis)
        )
        for jenis in Tim.Jenis.values
    }
    baris = (
        Pegawai.objects.select_related("jabatan", "perangkat_daerah")
        .annotate(
            **anggota_tim,
            ada_plt_berlaku=Exists(
                PelaksanaTugas.objects.berlaku_pada(tanggal)
                .di_kantor(OuterRef("perangkat_daerah"))
                .filter(pegawai=OuterRef("pk"))
            ),
            adalah_admin_kabupaten=Exists(AdminKabupaten.objects.filter(user=OuterRef("user"))),
        )
        .filter(user=user)
        .order_by()[:1]  # one row at most (user is unique); no ORDER BY needed
    )
    pegawai = next(iter(baris), None)
    if pegawai is None:
        return Masuk(tanggal=tanggal, pegawai=None, ringkas=None, admin_kabupaten=None)
    user.pegawai = pegawai  # `user.pegawai` needs no further query
    ringkas = Ringkas(
        tanggal=tanggal,
        tim=tuple(jenis for jenis in Tim.Jenis.values if getattr(pegawai, f"anggota_{jenis}")),
        ada_plt=pegawai.ada_plt_berlaku,
    )
    return Masuk(tanggal=tanggal, pegawai=pegawai, ringkas=ringkas, admin_kabupaten=pegawai.adalah_admin_kabupaten)


def pengguna_masuk(user: User) -> Masuk:
    """The signed-in `user` as `Masuk`, read on the first call for this user object."""
    masuk = getattr(user, ATRIBUT_MASUK, None)
    if masuk is None:
        masuk = _baca_masuk(user, today())
        setattr(user, ATRIBUT_MASUK, masuk)
    return masuk


def pegawai_of(user: User | AnonymousUser) -> Pegawai | None:
    """The user's staff record with his position and office (one query per user object)."""
    if not user.is_authenticated:
        return None
    return pengguna_masuk(user).pegawai


def peran_user(user: User | AnonymousUser, *, tanggal: datetime.date | None = None) -> PeranPegawai:
    """The user's roles; today's are reused when `organisasi.access.peran_request`
    already computed them for this request (the user object lives one request)."""
    if not user.is_authenticated:
        return PeranPegawai(pegawai=None)
    masuk = pengguna_masuk(user)
    if tanggal is None and masuk.peran is not None:
        return masuk.peran
    return peran_pegawai(masuk.pegawai, tanggal=tanggal, ringkas=masuk.ringkas)


def is_admin_kabupaten(user: User | AnonymousUser) -> bool:
    """Superuser, or named kabupaten administrator (asked once per user object, i.e. request)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    masuk = pengguna_masuk(user)
    if masuk.admin_kabupaten is None:
        # no staff record: ask the reverse one-to-one, which Django then keeps on the user
        masuk.admin_kabupaten = hasattr(user, "admin_kabupaten")
    return masuk.admin_kabupaten


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
