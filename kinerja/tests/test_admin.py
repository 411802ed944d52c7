import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from kinerja.selectors import pk_berlaku

pytestmark = pytest.mark.django_db

MODELS = ["perjanjiankinerja", "sasaranstrategis", "indikator", "program", "iki", "realisasi", "realisasianggaran",
          "buktidukung", "skalapredikat", "jejakrencana"]


def test_every_changelist_opens_for_a_superuser(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    for m in MODELS:
        assert client.get(reverse(f"admin:kinerja_{m}_changelist")).status_code == 200, m
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=timezone.localdate().year)
    assert client.get(reverse("admin:kinerja_perjanjiankinerja_change", args=[pk.pk])).status_code == 200


def test_office_staff_see_only_their_office(client, demo):
    user = demo["timsakip.kominfo"].user
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="kinerja", codename__startswith="view_"))
    client.force_login(user)
    tahun = timezone.localdate().year
    own = pk_berlaku(pd=demo.kominfo, tahun=tahun)
    other = pk_berlaku(pd=demo.dpmptsp, tahun=tahun)
    r = client.get(reverse("admin:kinerja_perjanjiankinerja_changelist"))
    assert r.status_code == 200 and r.context["cl"].result_count == 1
    assert list(r.context["cl"].result_list) == [own]
    assert client.get(reverse("admin:kinerja_perjanjiankinerja_change", args=[other.pk])).status_code == 302
    r = client.get(reverse("admin:kinerja_realisasi_changelist"))
    assert {x.indikator.sasaran.perjanjian_id for x in r.context["cl"].result_list} == {own.pk}
    assert client.get(reverse("admin:kinerja_skalapredikat_changelist")).status_code == 200


def test_the_plan_trail_is_read_only_even_for_a_superuser(client, demo, django_user_model):
    """The demo plans were written through the services, so they have a trail; nobody adds,
    changes or deletes its rows in the admin."""
    from kinerja.models import JejakRencana

    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    jejak = JejakRencana.objects.filter(perjanjian__perangkat_daerah=demo.dpmptsp).first()
    assert jejak is not None and jejak.aktor == demo["timsakip"].user
    assert client.get(reverse("admin:kinerja_jejakrencana_add")).status_code == 403
    r = client.get(reverse("admin:kinerja_jejakrencana_change", args=[jejak.pk]))
    assert r.status_code == 200 and not r.context["has_change_permission"]
    r = client.post(reverse("admin:kinerja_jejakrencana_delete", args=[jejak.pk]), {"post": "yes"})
    assert r.status_code == 403 and JejakRencana.objects.filter(pk=jejak.pk).exists()
