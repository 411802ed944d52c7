import pytest

from kinerja.selectors import pk_berlaku
from organisasi.models import today


@pytest.fixture
def tahun():
    return today().year


@pytest.fixture
def rencana(demo, tahun):
    """The demo DPMPTSP plan of this year (kinerja/demo.py: TW I–II realisasi)."""
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=tahun)
    assert pk is not None, "the demo loads a plan for this year"
    return pk
