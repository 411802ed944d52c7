import datetime

import pytest

from organisasi.models import Jabatan, PelaksanaTugas, Peran
from organisasi.roles import is_admin_kabupaten, peran_pegawai, pemegang_peran

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "username, expected",
    [
        ("kadin", {Peran.KADIN}),
        ("sekretaris", {Peran.KABID}),
        ("kabid", {Peran.KABID}),
        ("kasubbag", {Peran.KASUBBAG}),
        ("subkoor", {Peran.KASUBBAG}),
        ("timkerja", {Peran.TIM_KERJA}),
        ("timsakip", {Peran.TIM_SAKIP}),
    ],
)
def test_roles_follow_position_and_team(demo, username, expected):
    assert set(peran_pegawai(demo[username]).peran) == expected


def test_team_membership_adds_a_role(demo):
    from organisasi.models import Tim

    Tim.objects.get(perangkat_daerah=demo.dpmptsp, jenis=Tim.Jenis.TIM_SAKIP).anggota.add(demo["kasubbag"])
    assert set(peran_pegawai(demo["kasubbag"]).peran) == {Peran.KASUBBAG, Peran.TIM_SAKIP}


def test_plt_holds_the_role_only_within_its_dates(demo):
    kadin_jabatan = demo["kadin"].jabatan
    PelaksanaTugas.objects.create(
        pegawai=demo["sekretaris"], jabatan=kadin_jabatan, jenis=PelaksanaTugas.Jenis.PLT,
        mulai=datetime.date(2026, 11, 1), selesai=datetime.date(2026, 11, 30),
    )
    during = peran_pegawai(demo["sekretaris"], tanggal=datetime.date(2026, 11, 15))
    assert during.punya(Peran.KADIN)
    assert during.label(Peran.KADIN) == "Plt. Kepala Dinas"
    after = peran_pegawai(demo["sekretaris"], tanggal=datetime.date(2026, 12, 1))
    assert not after.punya(Peran.KADIN)
    holders = pemegang_peran(demo.dpmptsp.pk, Peran.KADIN, tanggal=datetime.date(2026, 11, 15))
    assert {p.nama for p in holders} == {"ARI MURGONO", "SITI AMINAH"}


def test_plt_in_another_office_gives_no_role(demo):
    other_jabatan = Jabatan.objects.get(perangkat_daerah=demo.kominfo, tingkat=Jabatan.Tingkat.KEPALA)
    PelaksanaTugas.objects.create(pegawai=demo["kabid"], jabatan=other_jabatan, mulai=datetime.date(2000, 1, 1))
    assert not peran_pegawai(demo["kabid"]).punya(Peran.KADIN)


def test_inactive_person_has_no_role(demo):
    demo["kadin"].aktif = False
    assert peran_pegawai(demo["kadin"]).peran == frozenset()


def test_admin_kabupaten_is_recognised(demo, django_user_model):
    assert is_admin_kabupaten(django_user_model.objects.get(username="adminkab"))
    assert not is_admin_kabupaten(demo["kadin"].user)


# --- the signed-in person's roles come from one query (roles.pengguna_masuk) -----------------------------


def _fresh_user(pegawai):
    from django.contrib.auth.models import User

    return User.objects.get(pk=pegawai.user_id)


@pytest.mark.parametrize("username", ["kadin", "sekretaris", "kasubbag", "timkerja", "timsakip", "kadin.kominfo"])
def test_signed_in_roles_equal_the_roles_read_one_by_one(demo, username):
    from organisasi.roles import peran_user

    pegawai = demo[username]
    assert peran_user(_fresh_user(pegawai)) == peran_pegawai(pegawai)


def test_signed_in_roles_take_one_query_without_an_acting_appointment(demo, django_assert_num_queries):
    from organisasi.roles import peran_user

    user = _fresh_user(demo["timsakip"])
    with django_assert_num_queries(1):
        p = peran_user(user)
        admin = is_admin_kabupaten(user)
    assert p.punya(Peran.TIM_SAKIP) and not admin


def test_signed_in_acting_head_gets_the_role_and_title_today(demo):
    from organisasi.models import today
    from organisasi.roles import peran_user

    PelaksanaTugas.objects.create(
        pegawai=demo["sekretaris"], jabatan=demo["kadin"].jabatan, jenis=PelaksanaTugas.Jenis.PLH,
        mulai=today(), selesai=today(),
    )
    p = peran_user(_fresh_user(demo["sekretaris"]))
    assert p.punya(Peran.KADIN) and p.label(Peran.KADIN) == "Plh. Kepala Dinas"
    assert p.jabatan_diwakili == {demo["kadin"].jabatan_id}
    assert p == peran_pegawai(demo["sekretaris"])


@pytest.mark.parametrize("hari, berlaku", [(-1, False), (0, True), (1, False)])
def test_signed_in_acting_appointment_counts_only_within_its_dates(demo, hari, berlaku):
    """An appointment that ended yesterday or starts tomorrow gives no role to the
    signed-in person, one that runs today does."""
    from organisasi.models import today
    from organisasi.roles import peran_user

    hari_itu = today() + datetime.timedelta(days=hari)
    PelaksanaTugas.objects.create(
        pegawai=demo["sekretaris"], jabatan=demo["kadin"].jabatan, jenis=PelaksanaTugas.Jenis.PLT,
        mulai=hari_itu, selesai=hari_itu,
    )
    p = peran_user(_fresh_user(demo["sekretaris"]))
    assert p.punya(Peran.KADIN) is berlaku
    assert p == peran_pegawai(demo["sekretaris"])


def test_signed_in_person_without_position_or_staff_record(demo, django_user_model):
    """A person without a position comes with `jabatan` None (the LEFT JOIN); a login
    without a staff record has no person."""
    from organisasi.roles import pegawai_of

    pegawai = demo["timkerja"]
    pegawai.jabatan = None
    pegawai.save()
    baru = pegawai_of(_fresh_user(pegawai))
    assert baru == pegawai and baru.jabatan is None and baru.jabatan_id is None
    assert baru.perangkat_daerah == pegawai.perangkat_daerah
    tanpa = django_user_model.objects.create_user("tanpa.pegawai", password="x-12345678")
    assert pegawai_of(tanpa) is None


def test_signed_in_acting_appointment_in_another_office_gives_no_role(demo):
    """Plt. of another office's head: no Kadin role and no position stood in for here."""
    from organisasi.roles import peran_user

    other_jabatan = Jabatan.objects.get(perangkat_daerah=demo.kominfo, tingkat=Jabatan.Tingkat.KEPALA)
    PelaksanaTugas.objects.create(pegawai=demo["kabid"], jabatan=other_jabatan, mulai=datetime.date(2000, 1, 1))
    p = peran_user(_fresh_user(demo["kabid"]))
    assert not p.punya(Peran.KADIN) and p.jabatan_diwakili == frozenset()


def test_signed_in_roles_are_read_once_per_user_object(demo, django_assert_num_queries):
    """The second ask of the same user object (the same request) runs no query."""
    from organisasi.roles import pegawai_of, peran_user

    user = _fresh_user(demo["kadin"])
    peran_user(user)
    with django_assert_num_queries(0):
        assert pegawai_of(user) == demo["kadin"]
        assert peran_user(user).punya(Peran.KADIN)
        assert not is_admin_kabupaten(user)
        assert user.pegawai == demo["kadin"]


def test_login_without_staff_record_asks_the_administrator_flag_once(django_user_model, demo, django_assert_num_queries):
    from organisasi.roles import peran_user

    admin = django_user_model.objects.get(username="adminkab")
    with django_assert_num_queries(2):
        assert peran_user(admin).peran == frozenset()
        assert is_admin_kabupaten(admin)
        assert is_admin_kabupaten(admin)
        assert admin.admin_kabupaten.kabupaten
