"""sakip.kueri.KueriSiap: a values_list() query compiled once, run with other values."""

from decimal import Decimal as D

import pytest
from django.db.models import Count, F

from kinerja.models import Indikator, Realisasi
from kinerja.tests.factories import IndikatorFactory, RealisasiFactory, SasaranFactory
from sakip.kueri import KueriSiap

pytestmark = pytest.mark.django_db


def test_rows_are_the_orm_rows_in_the_order_values_list_names_them(django_assert_num_queries):
    s = SasaranFactory()
    a = IndikatorFactory(sasaran=s, kode="A", desimal=1)
    b = IndikatorFactory(sasaran=s, kode="B")
    RealisasiFactory(indikator=a, triwulan=1, nilai=D("1.5"))
    RealisasiFactory(indikator=a, triwulan=2, nilai=D("2.25"))
    RealisasiFactory(indikator=b, triwulan=2, nilai=D("7"))

    def bangun(sasaran, triwulan):
        # an annotation named before a field, and one after: values_list's order, not the SELECT's
        return (Indikator.objects.filter(sasaran=sasaran, realisasi__triwulan=triwulan).order_by("kode")
                .annotate(n=Count("realisasi"), dua=F("desimal") * 2).values_list("dua", "kode", "realisasi__nilai"))

    kueri = KueriSiap(bangun, 2)
    for tw in (1, 2, 3):
        rows = kueri.baris(s.pk, tw)
        harap = list(bangun(s.pk, tw))
        assert [[(type(v), v) for v in r] for r in rows] == [[(type(v), v) for v in r] for r in harap]
    assert kueri.baris(s.pk, 2) == [(2, "A", D("2.25")), (0, "B", D("7"))]
    with django_assert_num_queries(1):
        kueri.baris(s.pk, 1)


def test_an_argument_must_reach_the_sql_as_a_parameter():
    with pytest.raises(ValueError):
        KueriSiap(lambda pk: Realisasi.objects.values_list("pk")[:pk], 1).baris(3)  # a LIMIT, written into the SQL
    with pytest.raises(ValueError):
        KueriSiap(lambda pk, _tw: Realisasi.objects.filter(pk=pk).values_list("pk"), 2).baris(1, 2)  # unused
    with pytest.raises(ValueError):  # an argument minus one is neither argument: refused, not run as the other
        KueriSiap(lambda pk, tw: Realisasi.objects.filter(indikator_id=pk, triwulan__in=[tw, tw - 1])
                  .values_list("triwulan"), 2).baris(1, 2)
    with pytest.raises(TypeError):
        KueriSiap(lambda pk: Realisasi.objects.filter(pk=pk), 1).baris(1)  # model instances: not this helper
