"""The administrator edits the SOP sheets and the calendar without code; old
versions and processes are read-only there."""

import pytest
from django.urls import reverse

from sop.models import SOP, JamKerja, JenisSOP, Siklus

pytestmark = pytest.mark.django_db


def test_the_sheet_in_force_is_editable_and_a_revision_keeps_the_old_one(
    demo, admin_client
):
    sop = SOP.objects.get(jenis=JenisSOP.PENGUKURAN)
    page = admin_client.get(reverse("admin:sop_sop_change", args=[sop.pk]))
    assert page.status_code == 200 and b'name="_save"' in page.content
    assert "ARI MURCENO" in page.content.decode()
    resp = admin_client.post(
        reverse("admin:sop_sop_changelist"),
        {"action": "buat_revisi", "_selected_action": [sop.pk]},
    )
    assert resp.status_code == 302
    assert list(
        SOP.objects.filter(jenis=JenisSOP.PENGUKURAN)
        .order_by("versi")
        .values_list("versi", "berlaku")
    ) == [(1, False), (2, True)]
    old = admin_client.get(reverse("admin:sop_sop_change", args=[sop.pk]))
    assert (
        old.status_code == 200 and b'name="_save"' not in old.content
    )  # history is read-only


def test_the_working_calendar_is_editable(demo, admin_client):
    jk = JamKerja.aktif()
    assert (
        admin_client.get(reverse("admin:sop_jamkerja_change", args=[jk.pk])).status_code
        == 200
    )
    assert (
        admin_client.get(reverse("admin:sop_harilibur_changelist")).status_code == 200
    )
    assert admin_client.get(reverse("admin:sop_harilibur_add")).status_code == 200


def test_processes_cannot_be_edited_in_the_admin(quarter, admin_client):
    quarter.upto("dispose_kabid")
    s = quarter.siklus
    assert admin_client.get(reverse("admin:sop_siklus_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:sop_siklus_delete", args=[s.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Siklus.objects.filter(pk=s.pk).exists()
    assert (
        admin_client.get(
            reverse("admin:sop_prosespengumpulan_change", args=[quarter.a.pk])
        ).status_code
        == 200
    )
