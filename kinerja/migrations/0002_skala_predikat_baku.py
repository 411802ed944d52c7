"""The default predikat scale (Permendagri 86/2017), inserted only when the table is empty."""

from decimal import Decimal

from django.db import migrations

BAKU = [
    (Decimal("91"), "Sangat Tinggi", "#198754"),
    (Decimal("76"), "Tinggi", "#0d6efd"),
    (Decimal("66"), "Sedang", "#ffc107"),
    (Decimal("51"), "Rendah", "#fd7e14"),
    (Decimal("0"), "Sangat Rendah", "#dc3545"),
]


def isi_skala(apps, schema_editor):
    SkalaPredikat = apps.get_model("kinerja", "SkalaPredikat")
    if SkalaPredikat.objects.exists():
        return
    SkalaPredikat.objects.bulk_create(SkalaPredikat(batas_bawah=b, nama=n, warna=w) for b, n, w in BAKU)


def hapus_skala(apps, schema_editor):
    SkalaPredikat = apps.get_model("kinerja", "SkalaPredikat")
    SkalaPredikat.objects.filter(batas_bawah__in=[b for b, _n, _w in BAKU]).delete()


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0001_initial")]

    operations = [migrations.RunPython(isi_skala, hapus_skala)]
