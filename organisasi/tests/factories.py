import factory
from django.contrib.auth import get_user_model

from organisasi.models import Jabatan, Pegawai, PerangkatDaerah, Tim, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "Rahasia#12345")


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    nama = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    singkatan = factory.Sequence(lambda n: f"DC{n}")
    kabupaten = "Lumajang"
    alamat = "Jl. Contoh No. 1"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    jenis = Unit.Jenis.BIDANG
    nama = factory.Sequence(lambda n: f"Bidang {n}")


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    tingkat = Jabatan.Tingkat.PELAKSANA


def _nip(n: int) -> str:
    # birth 1980-01-01, appointed 2005-01, male, serial n (1..999)
    return (
        f"198001012005011{(n % 999) + 1:03d}"
        if n < 999
        else f"1981{(n // 999) % 12 + 1:02d}012006011{(n % 999) + 1:03d}"
    )


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    user = factory.SubFactory(UserFactory)
    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    nama = factory.Sequence(lambda n: f"PEGAWAI {n}")
    nip = factory.Sequence(_nip)
    jabatan = factory.SubFactory(
        JabatanFactory, perangkat_daerah=factory.SelfAttribute("..perangkat_daerah")
    )


class TimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tim

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    jenis = Tim.Jenis.TIM_KERJA
    nama = factory.Sequence(lambda n: f"Tim {n}")
