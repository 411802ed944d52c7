"""Uploads past their page's limit are refused before they are read whole (issue 16, finding 3)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from umum.uploads import berkas_ditolak

BATAS = "----batasuji7MA4YWxkTrZu0gW"
TOKEN = "a" * 32  # an unmasked CSRF secret is a valid form token


class BadanMalas(io.RawIOBase):
    """A multipart body of `ukuran` bytes made up while it is read, counting what was read."""

    def __init__(self, awal: bytes, ukuran_berkas: int, akhir: bytes):
        self.bagian = [awal, None, akhir]
        self.sisa_berkas = ukuran_berkas
        self.dibaca = 0

    def readable(self):
        return True

    def readinto(self, b):
        while self.bagian:
            kepala = self.bagian[0]
            if kepala is None:
                if self.sisa_berkas == 0:
                    self.bagian.pop(0)
                    continue
                n = min(len(b), self.sisa_berkas)
                b[:n] = b"A" * n
                self.sisa_berkas -= n
            else:
                n = min(len(b), len(kepala))
                b[:n] = kepala[:n]
                if n == len(kepala):
                    self.bagian.pop(0)
                else:
                    self.bagian[0] = kepala[n:]
            self.dibaca += n
            return n
        return 0


def _badan(ukuran_berkas: int) -> tuple[BadanMalas, int]:
    awal = (
        f'--{BATAS}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{TOKEN}\r\n'
        f'--{BATAS}\r\nContent-Disposition: form-data; name="nomor"\r\n\r\n050/001/427.59/2026\r\n'
        f'--{BATAS}\r\nContent-Disposition: form-data; name="berkas"; filename="besar.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    akhir = f"\r\n--{BATAS}--\r\n".encode()
    return BadanMalas(awal, ukuran_berkas, akhir), len(awal) + ukuran_berkas + len(
        akhir
    )


@pytest.mark.django_db
def test_an_oversized_anonymous_post_to_the_verification_form_is_not_read_whole(
    settings,
):
    """200 MB to a 20 MB form: the server answers 'terlalu besar' having read one chunk of it."""
    settings.ALLOWED_HOSTS = ["testserver"]
    badan, panjang = _badan(200 * 1024 * 1024)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/dokumen/verifikasi/",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "203.0.113.9",
        "CONTENT_TYPE": f"multipart/form-data; boundary={BATAS}",
        "CONTENT_LENGTH": str(panjang),
        "HTTP_COOKIE": f"csrftoken={TOKEN}",
        "wsgi.input": badan,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    status = []
    isi = b"".join(WSGIHandler()(environ, lambda s, h, *a: status.append(s)))
    assert status == ["200 OK"]
    assert "Berkas terlalu besar; ukuran maksimum 20,0" in isi.decode()
    assert badan.dibaca < 256 * 1024, (
        badan.dibaca
    )  # one 64 KiB chunk of the parser, not 200 MB


def test_one_file_past_its_limit_is_dropped_and_the_fields_after_it_arrive(settings):
    """Within the body's limit, a file past the file limit is skipped, not stored, and parsing goes on."""
    settings.UNGGAHAN_BATAS_BAKU = (1000, 3)
    request = RequestFactory().post(
        "/",
        {
            "sebelum": "1",
            "besar": SimpleUploadedFile("besar.pdf", b"B" * 5000),
            "sesudah": "22,5",
            "kecil": SimpleUploadedFile("kecil.pdf", b"K" * 500),
        },
    )
    assert request.POST["sebelum"] == "1" and request.POST["sesudah"] == "22,5"
    assert (
        list(request.FILES) == ["kecil"] and request.FILES["kecil"].read() == b"K" * 500
    )
    assert berkas_ditolak(request) == {"besar": 1000}


def test_a_body_past_the_page_limit_stops_at_the_first_file(settings):
    settings.UNGGAHAN_BATAS_BAKU = (10, 1)  # the body may be 10 bytes + 1 MiB
    request = RequestFactory().post(
        "/",
        {
            "sebelum": "1",
            "besar": SimpleUploadedFile("besar.pdf", b"B" * (2 * 1024 * 1024)),
            "sesudah": "2",
        },
    )
    assert dict(request.POST) == {"sebelum": ["1"]}
    assert not request.FILES
    assert berkas_ditolak(request) == {"besar": 10}


def test_uploads_within_the_limit_arrive_whole(settings):
    settings.UNGGAHAN_BATAS_BAKU = (1000, 1)
    request = RequestFactory().post(
        "/", {"f": SimpleUploadedFile("f.pdf", b"F" * 1000)}
    )
    assert request.FILES["f"].read() == b"F" * 1000 and berkas_ditolak(request) == {}


@pytest.mark.django_db
def test_the_verification_form_says_the_file_is_too_large(client, settings):
    settings.UNGGAHAN_BATAS = {
        **settings.UNGGAHAN_BATAS,
        "dokumen:verifikasi": (1000, 1),
    }
    r = client.post(
        "/dokumen/verifikasi/",
        {"berkas": SimpleUploadedFile("d.pdf", b"%PDF" + b"x" * 5000)},
    )
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Berkas terlalu besar; ukuran maksimum 1000" in teks
    assert "Isi nomor dokumen atau unggah berkas PDF." not in teks
