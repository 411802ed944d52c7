"""Dates of plans, dispositions and acting appointments fall in a sensible range (issue 16, finding 10)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from umum.validators import tanggal_untuk_tahun, tanggal_wajar

JAUH = datetime.date(9999, 12, 31)


@pytest.mark.parametrize(
    "value, boleh",
    [
        (datetime.date(2026, 4, 4), True),
        (datetime.date(2000, 1, 1), True),
        (datetime.date(2100, 12, 31), True),
        (datetime.date(1999, 12, 31), False),
        (datetime.date(2101, 1, 1), False),
        (JAUH, False),
        (datetime.date(1, 1, 1), False),
        (None, True),
    ],
)
def test_a_date_outside_the_years_the_application_serves_is_refused(value, boleh):
    if boleh:
        tanggal_wajar(value)
    else:
        with pytest.raises(
            ValidationError,
            match="Tanggal harus antara 01 Januari 2000 dan 31 Desember 2100",
        ):
            tanggal_wajar(value)


@pytest.mark.parametrize(
    "value, boleh",
    [
        (datetime.date(2029, 12, 20), True),
        (datetime.date(2030, 1, 2), True),
        (datetime.date(2030, 12, 31), True),
        (datetime.date(2028, 12, 31), False),
        (datetime.date(2031, 1, 1), False),
        (JAUH, False),
    ],
)
def test_a_plan_is_dated_in_its_year_or_the_one_before(value, boleh):
    if boleh:
        tanggal_untuk_tahun(value, 2030)
    else:
        with pytest.raises(ValidationError):
            tanggal_untuk_tahun(value, 2030)


@pytest.mark.django_db
def test_a_plan_for_2030_signed_on_9999_12_31_is_refused(demo):
    from kinerja import services

    with pytest.raises(ValidationError) as exc:
        services.pk_create(
            perangkat_daerah=demo.dpmptsp,
            tahun=2030,
            tanggal=JAUH,
            actor=demo["timsakip"].user,
        )
    assert "tanggal" in exc.value.message_dict
    pk = services.pk_create(
        perangkat_daerah=demo.dpmptsp,
        tahun=2030,
        tanggal=datetime.date(2030, 1, 2),
        actor=demo["timsakip"].user,
    )
    with pytest.raises(ValidationError):
        services.pk_update(
            perjanjian=pk,
            tanggal=JAUH,
            pihak_pertama=None,
            pihak_kedua_nama="",
            pihak_kedua_jabatan="Bupati",
            actor=demo["timsakip"].user,
        )


@pytest.mark.django_db
def test_a_disposition_dated_long_ago_is_refused(demo):
    from sop.forms import DisposisiForm

    penerima = [demo["kabid"]]
    for tanggal, boleh in (
        ("0001-01-01", False),
        ("1900-05-01", False),
        (timezone.localdate().isoformat(), True),
    ):
        form = DisposisiForm(
            {
                "kepada": demo["kabid"].pk,
                "isi": "Kumpulkan data TW I.",
                "tanggal": tanggal,
            },
            penerima=penerima,
        )
        assert form.is_valid() is boleh, (tanggal, form.errors)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mulai, selesai, salah",
    [
        (datetime.date(2026, 1, 5), datetime.date(2026, 3, 31), set()),
        (datetime.date(2026, 1, 5), JAUH, {"selesai"}),
        (datetime.date(2026, 1, 5), datetime.date(2031, 2, 1), {"selesai"}),
        (datetime.date(1900, 1, 5), None, {"mulai"}),
        (JAUH, None, {"mulai"}),
    ],
)
def test_an_acting_appointment_has_sensible_dates(demo, mulai, selesai, salah):
    from organisasi.models import PelaksanaTugas

    plt = PelaksanaTugas(
        pegawai=demo["sekretaris"],
        jabatan=demo["kadin"].jabatan,
        mulai=mulai,
        selesai=selesai,
    )
    try:
        plt.full_clean()
    except ValidationError as exc:
        assert set(exc.message_dict) == salah
    else:
        assert salah == set()
