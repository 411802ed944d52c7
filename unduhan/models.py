import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _lokasi(unduhan: "UnduhanSiap", nama: str) -> str:
    return f"unduhan/{unduhan.pk}/{nama}"


class UnduhanSiap(models.Model):
    """A file a background task prepares for one person (unduhan.services)."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu giliran")
        BERJALAN = "berjalan", _("Sedang disiapkan")
        SELESAI = "selesai", _("Siap diunduh")
        GAGAL = "gagal", _("Gagal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pemilik"),
    )
    jenis = models.CharField(_("jenis"), max_length=50)
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    judul = models.CharField(_("judul"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    kemajuan = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=_lokasi, blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=200, blank=True)
    jenis_konten = models.CharField(_("jenis konten"), max_length=100, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("unduhan siap")
        verbose_name_plural = _("unduhan siap")
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("unduhan:status", args=[self.pk])

    @property
    def selesai(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.GAGAL)
