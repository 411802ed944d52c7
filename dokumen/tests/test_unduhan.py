"""Private downloads are attachments no browser or proxy may keep."""

import io

from dokumen.unduhan import berkas_pribadi


class _Berkas:
    """What berkas_pribadi uses of a FieldFile: open('rb')."""

    def open(self, mode):
        assert mode == "rb"
        return io.BytesIO(b"%PDF-1.7 isi")


def test_private_file_is_an_uncached_attachment_with_its_name_and_type():
    response = berkas_pribadi(_Berkas(), nama="pengukuran-tw1.pdf", content_type="application/pdf")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="pengukuran-tw1.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.7 isi"
