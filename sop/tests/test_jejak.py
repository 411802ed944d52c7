"""The trail is append-only: no ORM helper, no admin page and (on PostgreSQL) no
SQL statement changes or deletes it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models.deletion import ProtectedError
from django.urls import reverse

from sop.models import Jejak, JejakDitolak, Siklus

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(quarter):
    quarter.upto("split_tasks")
    return Jejak.objects.filter(siklus=quarter.siklus)


def test_a_row_cannot_be_saved_again(trail):
    j = trail.first()
    j.catatan = "diubah"
    with pytest.raises(JejakDitolak):
        j.save()
    assert Jejak.objects.get(pk=j.pk).catatan != "diubah"


def test_a_row_cannot_be_deleted(trail):
    with pytest.raises(JejakDitolak):
        trail.first().delete()


@pytest.mark.parametrize(
    "helper",
    [
        lambda qs: qs.update(catatan="x"),
        lambda qs: qs.delete(),
        lambda qs: Jejak.objects.bulk_update(list(qs), ["catatan"]),
        lambda qs: Jejak.objects.update_or_create(
            pk=qs.first().pk, defaults={"catatan": "x"}
        ),
        lambda qs: Jejak.objects.all()._raw_delete(Jejak.objects.db),
    ],
)
def test_queryset_helpers_cannot_change_it(trail, helper):
    n = trail.count()
    with pytest.raises(JejakDitolak):
        helper(trail)
    assert Jejak.objects.count() == n
    assert not Jejak.objects.filter(catatan="x").exists()


def test_deleting_the_cycle_is_blocked_by_its_trail(trail, quarter):
    with pytest.raises(ProtectedError):
        Siklus.objects.filter(pk=quarter.siklus.pk).delete()
    assert trail.exists()


def test_admin_cannot_add_change_or_delete(trail, admin_client):
    j = trail.first()
    assert admin_client.get(reverse("admin:sop_jejak_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:sop_jejak_add")).status_code == 403
    page = admin_client.get(reverse("admin:sop_jejak_change", args=[j.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content  # view only
    assert (
        admin_client.post(
            reverse("admin:sop_jejak_change", args=[j.pk]), {"catatan": "x"}
        ).status_code
        == 403
    )
    assert (
        admin_client.post(
            reverse("admin:sop_jejak_delete", args=[j.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    resp = admin_client.post(
        reverse("admin:sop_jejak_changelist"),
        {"action": "delete_selected", "_selected_action": [j.pk], "post": "yes"},
    )
    assert resp.status_code in (200, 302)
    assert Jejak.objects.filter(pk=j.pk, catatan=j.catatan).exists()


@pytest.mark.postgres
def test_postgresql_rejects_update_and_delete_in_sql(trail):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    j = trail.first()
    for sql in (
        "UPDATE sop_jejak SET catatan = 'x' WHERE id = %s",
        "DELETE FROM sop_jejak WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql, [j.pk])
    assert Jejak.objects.get(pk=j.pk).catatan == j.catatan
