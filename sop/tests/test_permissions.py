"""Every step is taken only by its role, in its office, and — when the step is
addressed to one person — by that person (or his Plt./Plh.). Everyone else is
refused and nothing moves."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sop import services
from sop.models import Jejak, ProsesPengumpulan, Siklus, TugasPengumpulan
from sop.tests.factories import Quarter, u

pytestmark = pytest.mark.django_db

FIVE = ["kadin", "kabid", "kasubbag", "timkerja", "timsakip"]
OTHER_OFFICE = {
    "kadin": "kadin.kominfo",
    "timsakip": "timsakip.kominfo",
    "timkerja": "timkerja.kominfo",
}


def _first_indicator(q: Quarter):
    return q.tugas("timkerja").indikator.order_by("pk").first()


# step name -> (state: the Quarter step it waits at, right person, same-role people who are not the addressee, action)
STEPS = {
    "dispose_kadin": (
        "dispose_kadin",
        "kadin",
        [],
        lambda q, who: q.dispose_kadin(who=who),
    ),
    "dispose_kabid": (
        "dispose_kabid",
        "kabid",
        ["sekretaris"],
        lambda q, who: q.dispose_kabid(who=who),
    ),
    "split_tasks": (
        "split_tasks",
        "kasubbag",
        ["subkoor"],
        lambda q, who: q.split_tasks(who=who),
    ),
    "realisasi_save": (
        "fill",
        "timkerja",
        ["timkerja2"],
        lambda q, who: services.tugas_realisasi_save(
            tugas=q.tugas("timkerja"),
            indikator=_first_indicator(q),
            nilai=Decimal("1"),
            catatan="",
            actor=u(q.demo, who),
        ),
    ),
    "submit": (
        "submit",
        "timkerja",
        ["timkerja2"],
        lambda q, who: q.submit("timkerja", who=who),
    ),
    "accept": (
        "check",
        "kasubbag",
        ["subkoor"],
        lambda q, who: q.check("timkerja", who=who),
    ),
    "return_data": (
        "check",
        "kasubbag",
        ["subkoor"],
        lambda q, who: q.check(
            "timkerja",
            who=who,
            dikembalikan={_first_indicator(q).pk: "Bukti dukung kurang jelas."},
        ),
    ),
    "prepare_a": (
        "prepare_a",
        "kasubbag",
        ["subkoor"],
        lambda q, who: q.prepare_a(who=who),
    ),
    "prepare_b": ("prepare_b", "timsakip", [], lambda q, who: q.prepare_b(who=who)),
    "submit_draft": (
        "submit_draft",
        "timsakip",
        [],
        lambda q, who: q.submit_draft(who=who),
    ),
    "pass_review": ("pass_review", "kadin", [], lambda q, who: q.pass_review(who=who)),
    "return_draft": (
        "pass_review",
        "kadin",
        [],
        lambda q, who: q.return_draft(who=who),
    ),
    "ratify": ("ratify", "kadin", [], lambda q, who: q.ratify(who=who)),
    "archive": ("archive", "timsakip", [], lambda q, who: q.archive(who=who)),
    "reopen": (
        "__end__",
        "kadin",
        [],
        lambda q, who: services.siklus_reopen(
            siklus=q.siklus, actor=u(q.demo, who), alasan="Data perlu diperbaiki."
        ),
    ),
}


def _wrong_people(right: str, same_role: list[str]) -> list[str]:
    return (
        [p for p in FIVE if p != right]
        + same_role
        + [OTHER_OFFICE.get(right, "kadin.kominfo")]
    )


CASES = [
    pytest.param(step, who, id=f"{step}-{who}")
    for step, (_state, right, same, _action) in STEPS.items()
    for who in _wrong_people(right, same)
]


def _snapshot(q: Quarter) -> tuple:
    s = Siklus.objects.get(pk=q.siklus.pk)
    a = (
        ProsesPengumpulan.objects.filter(siklus=s)
        .values_list("status", flat=True)
        .first()
    )
    b = (
        getattr(getattr(s, "pengukuran", None), "status", None)
        if hasattr(s, "pengukuran")
        else None
    )
    tugas = tuple(
        TugasPengumpulan.objects.filter(proses__siklus=s)
        .order_by("pk")
        .values_list("status", "putaran")
    )
    return s.status, a, b, tugas, Jejak.objects.filter(siklus=s).count()


@pytest.mark.parametrize(("step", "who"), CASES)
def test_everyone_else_is_refused(quarter, step, who):
    state, _right, _same, action = STEPS[step]
    q = quarter.upto(state)
    before = _snapshot(q)
    with pytest.raises(PermissionDenied):
        action(q, who)
    assert _snapshot(q) == before


@pytest.mark.parametrize("step", list(STEPS))
def test_the_right_person_takes_the_step(quarter, step):
    state, right, _same, action = STEPS[step]
    q = quarter.upto(state)
    before = _snapshot(q)
    result = action(q, right)
    after = _snapshot(q)
    if step == "realisasi_save":  # entering data is not a transition
        assert (result.nilai, result.diisi_oleh, after) == (
            Decimal("1"),
            q.demo[right],
            before,
        )
    else:
        assert after != before
        assert after[-1] > before[-1]
        last = Jejak.objects.filter(siklus=q.siklus).order_by("-pk").first()
        assert last.aktor == q.demo[right]


def test_the_admin_of_the_kabupaten_cannot_take_steps(quarter, demo):
    """Reading every office does not mean acting in it."""
    from django.contrib.auth import get_user_model

    q = quarter.upto("dispose_kadin")
    admin = get_user_model().objects.get(username="adminkab")
    with pytest.raises(PermissionDenied):
        services.pengumpulan_dispose_kadin(
            proses=q.a, actor=admin, kepada=demo["kabid"], isi="x"
        )


def test_an_anonymous_user_is_refused(quarter, demo):
    from django.contrib.auth.models import AnonymousUser

    q = quarter.upto("dispose_kadin")
    with pytest.raises(PermissionDenied):
        services.pengumpulan_dispose_kadin(
            proses=q.a, actor=AnonymousUser(), kepada=demo["kabid"], isi="x"
        )


def test_the_state_field_cannot_be_written_directly(quarter):
    q = quarter.upto("dispose_kadin")
    a = q.a
    with pytest.raises(AttributeError):
        a.status = ProsesPengumpulan.Status.SELESAI
