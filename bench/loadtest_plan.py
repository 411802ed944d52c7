"""The load test's cast: who signs in, and which pages each of them may open.

Run by bench/loadtest.py inside the tree of the code under test (its working directory
and its `sakip.settings`, on its own bench database), because a baseline ref is read
with its own models: `python bench/loadtest_plan.py OUT.json`. It reads only fields
that the bench generator (bench/generate.py) has written since the benchmark began,
and writes plain JSON: user names, object ids and URLs, nothing else.

Per office (all 40): its Tim Kerja members with the tasks they own (every quarter, for
the grid view) and the ones they can still fill (for the grid save and the evidence
upload), its Tim SAKIP with the cycles that have a measurement (draft page) and the
drafts (PDF), its Kadin with the same cycles (review page), its Kasubbag/Sub
Koordinator with the tasks to check (completeness check), and the cycles and years
everybody may open (quarter page, year page).
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict


def build() -> dict:
    from django.urls import NoReverseMatch, reverse

    from bench.generate import BENCH_PASSWORD
    from organisasi.models import PerangkatDaerah
    from sop.models import DraftPengukuran, ProsesPengukuran, Siklus, TugasPengumpulan

    fillable = {TugasPengumpulan.Status.PENGISIAN, TugasPengumpulan.Status.DIKEMBALIKAN}
    kantor = []
    for pd in PerangkatDaerah.objects.order_by("pk"):
        prefix = pd.singkatan.lower()
        siklus = list(
            Siklus.objects.filter(perangkat_daerah=pd)
            .order_by("tahun", "triwulan")
            .values_list("pk", "tahun", "triwulan")
        )
        terkini = siklus[-1][0]
        diukur = list(
            ProsesPengukuran.objects.filter(siklus__perangkat_daerah=pd)
            .order_by("siklus__tahun", "siklus__triwulan")
            .values_list("siklus_id", flat=True)
        )
        draft = list(
            DraftPengukuran.objects.filter(proses__siklus__perangkat_daerah=pd)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        lihat: dict[str, list[int]] = defaultdict(list)
        isi: dict[str, list[int]] = defaultdict(list)
        tugas_semua = []
        for pk, user, status, siklus_id in (
            TugasPengumpulan.objects.filter(proses__siklus__perangkat_daerah=pd)
            .order_by("pk")
            .values_list("pk", "anggota__user__username", "status", "proses__siklus_id")
        ):
            tugas_semua.append(pk)
            lihat[user].append(pk)
            if status in fillable and siklus_id == terkini:
                isi[user].append(pk)
        timkerja = [
            {"username": u, "tugas": lihat[u], "isi": isi.get(u, [])}
            for u in sorted(lihat)
            if u and u.startswith(prefix + ".timkerja")
        ]
        kantor.append(
            {
                "pd": pd.pk,
                "singkatan": pd.singkatan,
                "timkerja": timkerja,
                "timsakip": [f"{prefix}.timsakip1", f"{prefix}.timsakip2"],
                "kadin": f"{prefix}.kadin",
                "kasubbag": [
                    f"{prefix}.kasubbag1",
                    f"{prefix}.kasubbag2",
                    f"{prefix}.subkoor1",
                    f"{prefix}.subkoor2",
                    f"{prefix}.subkoor3",
                ],
                "siklus": [pk for pk, _t, _w in siklus],
                "tahun": sorted({t for _pk, t, _w in siklus}),
                "diukur": diukur,
                "draft": draft,
                "tugas": tugas_semua,
            }
        )

    def pola(name: str, contoh: int | None = None) -> str:
        """The URL of `name` with "{}" where its one argument goes (reversed with a sample
        value of the right shape, so bounded converters accept it)."""
        if contoh is None:
            return reverse(name)
        return reverse(name, args=[contoh]).replace(f"/{contoh}/", "/{}/")

    url = {
        "beranda": pola("beranda"),
        "masuk": pola("login"),
        "tugas": pola("sop:tugas_isi", 987654321),
        "pemeriksaan": pola("sop:pemeriksaan", 987654321),
        "siklus": pola("sop:siklus_detail", 987654321),
        "draft": pola("sop:pengukuran_draft", 987654321),
        "reviu": pola("sop:pengukuran_reviu", 987654321),
        "draft_pdf": pola("sop:draft_pdf", 987654321),
        "tahun": pola("sop:tahun", 2099),
        "dasbor": pola("laporan:dasbor"),
    }
    # the LKjIP draft: in the request (every version), as a prepared download where the code has it
    url["lkjip_pdf"] = (
        reverse("laporan:lkjip_pdf", args=[987654321, 2099])
        .replace("/987654321/", "/{pd}/")
        .replace("/2099/", "/{tahun}/")
    )
    try:
        url["unduhan_mulai"] = reverse("unduhan:mulai", args=["lkjip-pdf"])
    except NoReverseMatch:
        pass
    return {"password": BENCH_PASSWORD, "url": url, "kantor": kantor}


def main() -> int:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    plan = build()
    with open(sys.argv[1], "w") as f:
        json.dump(plan, f)
    n_isi = sum(len(t["isi"]) for k in plan["kantor"] for t in k["timkerja"])
    print(f"plan: {len(plan['kantor'])} offices, {n_isi} tasks open for data entry")
    return 0 if n_isi else 1


if __name__ == "__main__":
    sys.exit(main())
