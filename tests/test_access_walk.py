"""Every URL of the app, walked as people who must not see or change its data.

The URL list comes from the URL conf, so a new page is covered automatically:
a URL with a parameter this file cannot fill fails `test_every_url_is_walked`
until its sample is added to `sample_kwargs`.

Personas: anonymous; the three people of another office (Diskominfo) against
DPMPTSP's real object ids; and, for the pages that change data, every SOP role
of DPMPTSP that is not the page's actor.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dokumen.models import DokumenResmi
from kinerja.models import IKI, BuktiDukung, Indikator, Program, SasaranStrategis
from sop.models import (
    SOP,
    Disposisi,
    DokumenPengukuran,
    DraftPengukuran,
    TugasPengumpulan,
)
from sop.tests.factories import TAHUN, Quarter, make_plan

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "logout",
    "dokumen:verifikasi",
    "dokumen:verifikasi_kode",
    "verifikasi_pendek",
}
# Shared by every office of the kabupaten (the SOP sheets are kabupaten-wide).
SHARED = {"sop:lembar_pdf", "kinerja:templat"}
OTHER_OFFICE = ["kadin.kominfo", "timsakip.kominfo", "timkerja.kominfo"]
ROLES = ["kadin", "kabid", "kasubbag", "timkerja", "timsakip"]
# Strings that only DPMPTSP's pages contain.
VICTIM_MARKERS = [
    "RINA WULANDARI",
    "DEWI LESTARI",
    "ARI MURGONO",
    "Penanaman Modal",
    "DPMPTSP",
]

# Pages that change data, with the one role of DPMPTSP that may use them.
ACTOR = {
    "kinerja:pk_create": "timsakip",
    "kinerja:pk_edit": "timsakip",
    "kinerja:pk_lock": "timsakip",
    "kinerja:pk_revise": "timsakip",
    "kinerja:sasaran_create": "timsakip",
    "kinerja:indikator_create": "timsakip",
    "kinerja:program_create": "timsakip",
    "kinerja:iki_create": "timsakip",
    "kinerja:sasaran_edit": "timsakip",
    "kinerja:sasaran_delete": "timsakip",
    "kinerja:indikator_edit": "timsakip",
    "kinerja:indikator_delete": "timsakip",
    "kinerja:program_edit": "timsakip",
    "kinerja:program_delete": "timsakip",
    "kinerja:iki_edit": "timsakip",
    "kinerja:iki_delete": "timsakip",
    "kinerja:impor": "timsakip",
    "kinerja:impor_simpan": "timsakip",
    "sop:siklus_buka_kembali": "kadin",
    "sop:disposisi_kadin": "kadin",
    "sop:disposisi_kabid": "kabid",
    "sop:pembagian_tugas": "kasubbag",
    "sop:tugas_isi": "timkerja",
    "sop:pemeriksaan": "kasubbag",
    "sop:persiapan_pengumpulan": "kasubbag",
    "sop:pengukuran_persiapan": "timsakip",
    "sop:pengukuran_draft": "timsakip",
    "sop:pengukuran_reviu": "kadin",
    "sop:pengukuran_pengesahan": "kadin",
    "sop:pengukuran_arsip": "timsakip",
    # monev: the office's Sekretaris assesses (no SOP role of ROLES does), the Kadin names another assessor
    "monev:monitoring_baru": "sekretaris",
    "monev:monitoring_terbitkan": "sekretaris",
    "monev:penilai": "kadin",
    "monev:evaluasi_baru": "sekretaris",
    "monev:evaluasi_terbitkan": "sekretaris",
}


@dataclass(frozen=True)
class Route:
    name: str
    params: tuple[str, ...]


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(resolver: URLResolver, namespace: str | None, params: tuple[str, ...]):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p, p.namespace or namespace, params + tuple(p.pattern.converters))
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                routes.append(Route(name, params + tuple(p.pattern.converters)))

    walk(get_resolver(), None, ())
    return routes


@pytest.fixture
def victim(demo):
    """DPMPTSP with one quarter run to the archive, so every kind of object exists."""
    plan = make_plan(demo.dpmptsp, jabatan=demo["kabid"].jabatan)
    Program.objects.create(perjanjian=plan, nama="Program uji akses")
    q = Quarter(demo)
    q.finish()
    return demo, plan, q


def sample_kwargs(name: str, victim) -> dict:
    demo, plan, q = victim
    siklus = q.refresh()
    tugas = TugasPengumpulan.objects.filter(proses__siklus=siklus).first()
    by_id = {
        "kinerja:sasaran_edit": SasaranStrategis,
        "kinerja:sasaran_delete": SasaranStrategis,
        "kinerja:indikator_edit": Indikator,
        "kinerja:indikator_delete": Indikator,
        "kinerja:program_edit": Program,
        "kinerja:program_delete": Program,
        "kinerja:iki_edit": IKI,
        "kinerja:iki_delete": IKI,
    }
    if name in by_id:
        model = by_id[name]
        path = {
            "SasaranStrategis": "perjanjian",
            "IKI": "perjanjian",
            "Program": "perjanjian",
        }.get(model.__name__, "sasaran__perjanjian")
        return {"id": model.objects.filter(**{path: plan}).first().pk}
    if name.startswith("kinerja:"):
        return {"pk": plan.pk}
    if name in {"sop:tugas_isi", "sop:pemeriksaan"}:
        return {"pk": tugas.pk}
    if name == "sop:bukti_unduh":
        return {
            "pk": BuktiDukung.objects.filter(
                realisasi__indikator__sasaran__perjanjian=plan
            )
            .first()
            .pk
        }
    if name == "sop:dokumen_unduh":
        return {
            "pk": DokumenPengukuran.objects.filter(proses__siklus=siklus).first().pk
        }
    if name == "sop:draft_pdf":
        return {"pk": DraftPengukuran.objects.filter(proses__siklus=siklus).first().pk}
    if name == "sop:disposisi_pdf":
        return {"pk": Disposisi.objects.filter(proses__siklus=siklus).first().pk}
    if name == "sop:lembar_pdf":
        return {"pk": SOP.objects.first().pk}
    if name in {"sop:tahun", "sop:arsip"}:
        return {"tahun": TAHUN}
    if name == "sop:tahun_kantor":
        return {"pd": demo.dpmptsp.pk, "tahun": TAHUN}
    if name in {"laporan:lkjip_pdf", "laporan:lkjip_docx"}:
        return {"pd": demo.dpmptsp.pk, "tahun": TAHUN}
    if name == "dokumen:unduh":
        return {
            "pk": DokumenResmi.objects.filter(perangkat_daerah=demo.dpmptsp).first().pk
        }
    if name in {"dokumen:verifikasi_kode", "verifikasi_pendek"}:
        return {"kode": DokumenResmi.objects.first().kode}
    if name.startswith("sop:"):
        return {"pk": siklus.pk}
    if name == "unduhan:mulai":
        return {"jenis": "lkjip-pdf"}
    if name in {"unduhan:status", "unduhan:berkas"}:
        from unduhan.models import UnduhanSiap

        u, _ = UnduhanSiap.objects.get_or_create(
            pemilik=demo["kadin"].user, jenis="uji", judul="Unduhan DPMPTSP"
        )
        return {"pk": u.pk}
    if name.startswith("monev:evaluasi"):
        return {"pk": _monev(demo, "evaluasi").pk}
    if name.startswith("monev:"):
        return {"pk": _monev(demo, "monitoring").pk}
    raise KeyError(name)


def _monev(demo, form: str):
    """A draft monitoring or evaluation form of DPMPTSP (made once)."""
    from monev import models, services

    model = {"monitoring": models.Monitoring, "evaluasi": models.Evaluasi}[form]
    draft = {
        "monitoring": services.monitoring_draft,
        "evaluasi": services.evaluasi_draft,
    }[form]
    obj = model.objects.filter(perangkat_daerah=demo.dpmptsp).first()
    return obj or draft(
        pd=demo.dpmptsp, jenis="pengumpulan", actor=demo["sekretaris"].user
    )


def url_for(route: Route, victim) -> str:
    kwargs = sample_kwargs(route.name, victim) if route.params else {}
    assert set(kwargs) == set(route.params), (
        f"{route.name}: sample {sorted(kwargs)} ≠ params {route.params}"
    )
    return reverse(route.name, kwargs=kwargs)


def _text(response) -> str:
    if "html" not in response.get("Content-Type", ""):
        return ""
    return response.content.decode(errors="replace")


def test_every_url_is_walked(victim):
    """Every route either is public or has a sample (a new page must be added here)."""
    for route in all_routes():
        url_for(route, victim)


def test_anonymous_is_sent_to_sign_in_everywhere_but_public_pages(client, victim):
    tried = 0
    for route in all_routes():
        if route.name in PUBLIC:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url_for(route, victim))
            tried += 1
            assert response.status_code in (302, 403, 405), (
                route.name,
                method,
                response.status_code,
            )
            if response.status_code == 302:
                assert response.url.startswith(reverse("login")), (
                    route.name,
                    response.url,
                )
    assert tried > 100


@pytest.mark.parametrize("username", OTHER_OFFICE)
def test_another_office_gets_nothing_of_dpmptsp(client, victim, username):
    demo = victim[0]
    client.force_login(demo[username].user)
    before = _counts()
    for route in all_routes():
        if route.name in PUBLIC or route.name in SHARED:
            continue
        url = url_for(route, victim)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            body = _text(response)
            leaked = [m for m in VICTIM_MARKERS if m in body]
            if set(route.params) - {"tahun"}:  # names an object of DPMPTSP
                assert response.status_code in (403, 404, 405), (
                    route.name,
                    method,
                    response.status_code,
                )
            else:
                assert response.status_code < 500, (
                    route.name,
                    method,
                    response.status_code,
                )
            assert not leaked, (route.name, method, leaked)
    assert _counts() == before, "a refused request changed data"


@pytest.mark.parametrize("username", ROLES)
def test_wrong_roles_cannot_use_pages_that_change_data(client, victim, username):
    demo = victim[0]
    client.force_login(demo[username].user)
    before = _counts()
    for route in all_routes():
        actor = ACTOR.get(route.name)
        if actor is None or actor == username:
            continue
        url = url_for(route, victim)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (403, 404, 405), (
                username,
                route.name,
                method,
                response.status_code,
            )
    assert _counts() == before, "a refused request changed data"


def test_every_page_that_changes_data_names_its_actor():
    """A new step or editing page must say which role may use it."""
    for route in all_routes():
        if any(
            route.name.endswith(s)
            for s in ("_create", "_edit", "_delete", "_lock", "_revise")
        ):
            assert route.name in ACTOR, route.name


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in {"organisasi", "kinerja", "sop", "dokumen"}
    }
