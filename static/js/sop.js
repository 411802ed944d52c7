/* SOP pages: small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // Completeness check: the "reason" field shows only when "return" is chosen for that indicator.
  function ikatPemeriksaan() {
    var radios = document.querySelectorAll('input[type="radio"][name$="-keputusan"]');
    var kelompok = {};
    radios.forEach(function (r) { kelompok[r.name] = true; });
    Object.keys(kelompok).forEach(function (name) {
      var prefix = name.slice(0, -"-keputusan".length);
      var wadah = document.getElementById("div_id_" + prefix + "-alasan");
      var isian = document.getElementById("id_" + prefix + "-alasan");
      if (!wadah) { return; }
      var pilihan = document.querySelectorAll('input[type="radio"][name="' + name + '"]');
      function segarkan(fokus) {
        var kembali = document.querySelector('input[type="radio"][name="' + name + '"][value="kembalikan"]:checked');
        var adaGalat = wadah.querySelector(".is-invalid, .invalid-feedback");
        wadah.classList.toggle("alasan-tersembunyi", !kembali && !adaGalat);
        if (kembali && fokus && isian) { isian.focus(); }
      }
      pilihan.forEach(function (r) { r.addEventListener("change", function () { segarkan(true); }); });
      segarkan(false);
    });
  }

  // A submit button is disabled after the first click so a double click cannot send the step twice.
  function ikatKirimSekali() {
    document.querySelectorAll("form[method='post']").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        var tombol = ev.submitter;
        if (!tombol) { return; }
        if (form.dataset.terkirim === "1") { ev.preventDefault(); return; }
        form.dataset.terkirim = "1";
        window.setTimeout(function () { tombol.disabled = true; }, 0);
      });
    });
  }

  // Back/forward cache: a page shown again may be submitted again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-terkirim]").forEach(function (form) {
      delete form.dataset.terkirim;
      form.querySelectorAll("button[disabled]").forEach(function (b) { b.disabled = false; });
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    ikatPemeriksaan();
    ikatKirimSekali();
  });
})();
