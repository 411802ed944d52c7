"""Private downloads are attachments no browser or proxy may keep."""

import io

from dokumen.unduhan import berkas_pribadi, dokumen_pribadi


class _Berkas:
    """What berkas_pribadi uses of a FieldFile: open('rb')."""

    def open(self, mode):
        assert mode == "rb"
        return io.BytesIO(b"%PDF-1.7 isi")


def test_private_file_is_an_uncached_attachment_with_its_name_and_type():
    response = berkas_pribadi(
        _Berkas(), nama="pengukuran-tw1.pdf", content_type="application/pdf"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="pengukuran-tw1.pdf"'
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.7 isi"


def test_private_document_made_on_request_has_the_same_headers():
    response = dokumen_pribadi(
        b"PK\x03\x04", nama="rencana-2026.xlsx", content_type="application/vnd.ms-excel"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/vnd.ms-excel"
    assert response["Content-Disposition"] == 'attachment; filename="rencana-2026.xlsx"'
    assert response.content == b"PK\x03\x04"
    # a name outside ASCII is sent as RFC 5987 says, not mangled
    lain = dokumen_pribadi(
        b"x",
        nama="LKjIP-Bab-III-Dinas Pendidikan é.pdf",
        content_type="application/pdf",
    )
    assert lain["Content-Disposition"].startswith("attachment; filename*=utf-8''")
