"""The public verification page in a real browser: no login, works under the CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _terbitkan():
    from dokumen.models import Jenis
    from dokumen.pdf import blok_tanda_tangan, render_pdf
    from dokumen.services import dokumen_terbitkan, sertifikat_kantor_pasang
    from dokumen.signing import buat_pkcs12_swatanda
    from organisasi.demo import load_organisasi

    org = load_organisasi()
    p12 = buat_pkcs12_swatanda(
        common_name="DPMPTSP Kabupaten Lumajang (DEMO)",
        organisasi="Pemkab Lumajang",
        passphrase=b"uji",
    )
    sertifikat_kantor_pasang(
        pd=org.dpmptsp, pkcs12=p12, passphrase="uji", self_signed=True
    )

    def render(nomor, verify_url, qr, *, ditandatangani):
        return render_pdf(
            "dokumen/pdf/base.html",
            {
                "kantor": org.dpmptsp,
                "ditandatangani": ditandatangani,
                "ttd": blok_tanda_tangan(pd=org.dpmptsp, pegawai=org["kadin"]),
            },
        )

    return dokumen_terbitkan(
        jenis=Jenis.SOP,
        pd=org.dpmptsp,
        tahun=2026,
        triwulan=None,
        render=render,
        penandatangan=org["kadin"],
        label_jabatan="Kepala Dinas",
        actor=None,
        judul="Uji verifikasi",
    )


def test_qr_link_and_upload_check(
    page, live_server, artifacts_dir, foreign_requests, tmp_path
):
    dok = _terbitkan()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/v/{dok.kode}/")
    assert page.get_by_role(
        "heading", name="Dokumen asli dan tidak berubah"
    ).is_visible()
    assert page.get_by_text("Sah, mencakup seluruh dokumen").is_visible()
    page.screenshot(path=str(artifacts_dir / "verifikasi-asli.png"), full_page=True)

    with dok.berkas.open("rb") as fh:
        data = bytearray(fh.read())
    data[len(data) // 2] ^= 0x01
    ubah = tmp_path / "diubah.pdf"
    ubah.write_bytes(bytes(data))
    page.set_input_files("input[type=file]", str(ubah))
    page.get_by_role("button", name="Periksa").click()
    assert page.get_by_role(
        "heading", name="Dokumen tidak dikenal atau telah diubah"
    ).is_visible()
    page.screenshot(path=str(artifacts_dir / "verifikasi-diubah.png"), full_page=True)

    page.fill("input[name=nomor]", dok.nomor)
    page.fill("input[name=kode]", dok.kode)
    page.get_by_role("button", name="Periksa").click()
    assert page.get_by_role(
        "heading", name="Dokumen asli dan tidak berubah"
    ).is_visible()
    assert foreign_requests == [] and errors == []
