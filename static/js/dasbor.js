/* Dashboard charts (Chart.js, vendored) drawn from <script type="application/json">
   data written by Django's json_script; every chart has a table with the same numbers
   beside it. Also colours the predikat chips and badges from their data-warna. */
(function () {
  "use strict";

  var angka = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function gelap(hex) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) { return false; }
    var n = parseInt(m[1], 16);
    var r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    return (0.299 * r + 0.587 * g + 0.114 * b) < 150;
  }

  function warnai() {
    document.querySelectorAll("[data-warna]").forEach(function (el) {
      var w = el.getAttribute("data-warna");
      if (!/^#[0-9a-f]{3,8}$/i.test(w)) { return; }
      el.style.backgroundColor = w;
      if (el.classList.contains("badge-predikat") && !gelap(w)) { el.classList.add("teks-gelap"); }
    });
  }

  function garis100(n, label) {
    var nilai = [];
    for (var i = 0; i < n; i++) { nilai.push(100); }
    return {
      type: "line", label: label, data: nilai, borderColor: "#212529", borderDash: [6, 4],
      borderWidth: 1.5, pointRadius: 0, pointHitRadius: 0, fill: false, order: 0
    };
  }

  var persenSumbu = { callback: function (v) { return angka.format(v) + "%"; } };

  function grafikCapaian(canvas, d) {
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.label,
        datasets: [
          { type: "bar", label: d.judul_capaian, data: d.capaian, backgroundColor: d.warna, borderColor: d.warna, order: 1 },
          garis100(d.label.length, d.judul_garis)
        ]
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, suggestedMax: 120, ticks: persenSumbu } },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: function (item) { return item.datasetIndex === 0; },
            callbacks: { label: function (ctx) { return d.keterangan[ctx.dataIndex]; } }
          }
        }
      }
    });
  }

  function grafikSerapan(canvas, d) {
    canvas.parentElement.style.height = (d.label.length * 56 + 70) + "px";
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.label,
        datasets: [
          { label: d.judul_rencana, data: d.rencana, backgroundColor: "#cfe2ff", borderColor: "#6ea8fe", borderWidth: 1 },
          { label: d.judul_realisasi, data: d.realisasi, backgroundColor: "#0b4f6c" }
        ]
      },
      options: {
        indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, suggestedMax: 100, ticks: persenSumbu } },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var teks = ctx.datasetIndex === 0 ? d.teks_rencana : d.teks_realisasi;
                return ctx.dataset.label + ": " + teks[ctx.dataIndex];
              }
            }
          }
        }
      }
    });
  }

  function grafikKetepatan(canvas, d) {
    canvas.parentElement.style.height = (d.label.length * 44 + 80) + "px";
    var garis = garis100(d.label.length, d.judul_standar);
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.label,
        datasets: [
          { label: d.judul_median, data: d.median, backgroundColor: "#0b4f6c" },
          { label: d.judul_terburuk, data: d.terburuk, backgroundColor: "#dc3545" },
          garis
        ]
      },
      options: {
        indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, suggestedMax: 150, ticks: persenSumbu } },
        plugins: {
          tooltip: {
            filter: function (item) { return item.datasetIndex < 2; },
            callbacks: {
              label: function (ctx) {
                return (ctx.datasetIndex === 0 ? d.teks_median : d.teks_terburuk)[ctx.dataIndex];
              }
            }
          }
        }
      }
    });
  }

  function gambar() {
    warnai();
    if (typeof Chart === "undefined") { return; }
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    var capaian = data("data-grafik-capaian");
    var serapan = data("data-grafik-serapan");
    var ketepatan = data("data-grafik-ketepatan");
    document.querySelectorAll("canvas[data-grafik]").forEach(function (canvas) {
      var jenis = canvas.getAttribute("data-grafik");
      if (jenis === "capaian" && capaian) {
        var d = capaian[parseInt(canvas.getAttribute("data-indeks"), 10)];
        if (d) { grafikCapaian(canvas, d); }
      } else if (jenis === "serapan" && serapan) {
        grafikSerapan(canvas, serapan);
      } else if (jenis === "ketepatan" && ketepatan) {
        grafikKetepatan(canvas, ketepatan);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", gambar);
  } else {
    gambar();
  }
})();
