import pytest
from django.apps import apps

from sop.demo import load_demo

pytestmark = pytest.mark.django_db


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"organisasi", "kinerja", "sop", "auth"}
    }


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    first = _counts()
    load_demo()
    assert _counts() == first
    assert first["organisasi.Pegawai"] >= 8
