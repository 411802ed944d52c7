"""Every id route answers 404 to a number too large for a database key, never a 500."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PARAMETER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>\w+)>")
ANGKA = {"int", "id", "tahun"}
TERLALU_BESAR = "99999999999999999999"  # 20 digits: past the 64-bit signed range


def id_routes() -> list[str]:
    """Each route of the URL conf with a numeric parameter, as a path with every number huge."""
    routes = []

    def walk(resolver: URLResolver, prefix: str):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                if getattr(p, "namespace", None) != "admin":
                    walk(p, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                konverter = {m["conv"] for m in PARAMETER.finditer(route)}
                if konverter & ANGKA:
                    assert konverter <= ANGKA, (
                        f"{route}: fill its other parameters here"
                    )
                    routes.append("/" + PARAMETER.sub(TERLALU_BESAR, route))

    walk(get_resolver(), "")
    return routes


def test_the_walk_finds_the_known_id_routes():
    routes = id_routes()
    assert len(routes) >= 40
    assert f"/sop/siklus/{TERLALU_BESAR}/" in routes
    assert f"/sop/tugas/{TERLALU_BESAR}/" in routes
    assert f"/laporan/lkjip/{TERLALU_BESAR}/{TERLALU_BESAR}/pdf/" in routes


@pytest.mark.parametrize("pengguna", ["kadin", "timsakip", "adminkab"])
def test_huge_ids_answer_404_on_every_id_route(
    client, demo, django_user_model, pengguna
):
    client.force_login(django_user_model.objects.get(username=pengguna))
    jawaban = {}
    for path in id_routes():
        jawaban[path] = (client.get(path).status_code, client.post(path).status_code)
    assert {path: kode for path, kode in jawaban.items() if kode != (404, 404)} == {}


def test_huge_ids_do_not_reach_any_view():
    """The bounded converters refuse the number at the URL layer, before any query sees it."""
    from django.urls import Resolver404, resolve

    tercapai = []
    for path in id_routes():
        try:
            resolve(path)
        except Resolver404:
            continue
        tercapai.append(path)
    assert tercapai == []


def test_the_largest_accepted_id_fits_a_64_bit_key_and_years_have_four_digits():
    from umum.converters import IdConverter, TahunConverter

    assert re.fullmatch(IdConverter.regex, "9" * 18) and int("9" * 18) < 2**63
    assert not re.fullmatch(IdConverter.regex, "9" * 19)
    assert re.fullmatch(TahunConverter.regex, "2026") and not re.fullmatch(
        TahunConverter.regex, "20260"
    )
