from decimal import Decimal

import factory

from kinerja.models import (
    IKI,
    Agregasi,
    AnggaranTriwulan,
    Indikator,
    PerjanjianKinerja,
    Polaritas,
    Program,
    Realisasi,
    RealisasiAnggaran,
    SasaranStrategis,
    TargetTriwulan,
)
from organisasi.models import PerangkatDaerah, Tim
from organisasi.tests.factories import JabatanFactory, PegawaiFactory, PerangkatDaerahFactory, TimFactory


class PerjanjianKinerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerjanjianKinerja

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    tahun = 2026
    versi = 1
    berlaku = True


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SasaranStrategis

    perjanjian = factory.SubFactory(PerjanjianKinerjaFactory)
    kode = factory.Sequence(lambda n: f"S{n}")
    uraian = factory.Sequence(lambda n: f"Meningkatnya kualitas layanan {n}")
    urutan = factory.Sequence(lambda n: n)


class IndikatorFactory(factory.django.DjangoModelFactory):
    """An indicator with four quarterly targets of `target_tahunan / 4` (sum roll-up) unless `targets=False`."""

    class Meta:
        model = Indikator
        skip_postgeneration_save = True

    sasaran = factory.SubFactory(SasaranFactory)
    kode = factory.Sequence(lambda n: f"IK{n}")
    nama = factory.Sequence(lambda n: f"Jumlah izin terbit {n}")
    satuan = "izin"
    is_iku = True
    polaritas = Polaritas.NAIK
    agregasi = Agregasi.JUMLAH
    desimal = 0
    target_tahunan = Decimal("400")
    urutan = factory.Sequence(lambda n: n)

    @factory.post_generation
    def targets(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        if extracted:
            values = extracted
        elif obj.target_tahunan is None:
            values = [None] * 4
        elif obj.agregasi == Agregasi.JUMLAH:
            values = [obj.target_tahunan / 4] * 4
        else:
            values = [obj.target_tahunan] * 4
        for tw, value in enumerate(values, start=1):
            TargetTriwulan.objects.create(
                indikator=obj, triwulan=tw, target=value,
                target_maks=obj.target_tahunan_maks if obj.polaritas == Polaritas.RENTANG else None,
            )


class TargetTriwulanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetTriwulan

    indikator = factory.SubFactory(IndikatorFactory, targets=False)
    triwulan = 1
    target = Decimal("100")


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisasi

    indikator = factory.SubFactory(IndikatorFactory)
    triwulan = 1
    nilai = Decimal("90")
    revisi = 1


class ProgramFactory(factory.django.DjangoModelFactory):
    """A programme with a budget split evenly over the four quarters."""

    class Meta:
        model = Program
        skip_postgeneration_save = True

    perjanjian = factory.SubFactory(PerjanjianKinerjaFactory)
    kode = factory.Sequence(lambda n: f"2.18.{n:02d}")
    nama = factory.Sequence(lambda n: f"Program Pelayanan Penanaman Modal {n}")
    anggaran = Decimal("400000000.00")
    urutan = factory.Sequence(lambda n: n)

    @factory.post_generation
    def per_triwulan(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for tw in range(1, 5):
            AnggaranTriwulan.objects.create(program=obj, triwulan=tw, anggaran=obj.anggaran / 4)


class RealisasiAnggaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RealisasiAnggaran

    program = factory.SubFactory(ProgramFactory)
    triwulan = 1
    nilai = Decimal("80000000.00")


class IKIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IKI

    perjanjian = factory.SubFactory(PerjanjianKinerjaFactory)
    jabatan = factory.SubFactory(JabatanFactory, perangkat_daerah=factory.SelfAttribute("..perjanjian.perangkat_daerah"))
    induk_indikator = factory.SubFactory(
        IndikatorFactory, sasaran__perjanjian=factory.SelfAttribute("...perjanjian"), is_iku=True
    )
    nama = factory.Sequence(lambda n: f"Persentase berkas diverifikasi tepat waktu {n}")
    satuan = "%"
    target_tahunan = Decimal("90")


def _pd_id(obj) -> int:
    if isinstance(obj, PerangkatDaerah):
        return obj.pk
    if isinstance(obj, PerjanjianKinerja):
        return obj.perangkat_daerah_id
    if isinstance(obj, Indikator):
        return obj.sasaran.perjanjian.perangkat_daerah_id
    return obj.perjanjian.perangkat_daerah_id  # SasaranStrategis, Program, IKI


def tim_sakip(obj):
    """A login of the Tim SAKIP of the office `obj` (an office, or a plan or one of its
    parts) belongs to: who may change its plan. A new user object each call."""
    from django.contrib.auth import get_user_model

    pd_id = _pd_id(obj)
    User = get_user_model()
    user = User.objects.filter(username=f"timsakip-{pd_id}").first()
    if user is None:
        tim = Tim.objects.filter(perangkat_daerah_id=pd_id, jenis=Tim.Jenis.TIM_SAKIP).first() or TimFactory(
            perangkat_daerah_id=pd_id, jenis=Tim.Jenis.TIM_SAKIP)
        pegawai = PegawaiFactory(perangkat_daerah_id=pd_id, user__username=f"timsakip-{pd_id}")
        tim.anggota.add(pegawai)
        user = User.objects.get(pk=pegawai.user_id)
    return user
