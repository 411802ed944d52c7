/* Plan pages: colour the predikat badges from their data-warna (no inline styles under the CSP). */
(function () {
  "use strict";
  function terang(hex) {
    var r = parseInt(hex.substr(1, 2), 16), g = parseInt(hex.substr(3, 2), 16), b = parseInt(hex.substr(5, 2), 16);
    return (0.299 * r + 0.587 * g + 0.114 * b) > 160;
  }
  document.querySelectorAll(".kinerja-predikat[data-warna]").forEach(function (el) {
    var w = el.getAttribute("data-warna");
    if (!/^#[0-9a-fA-F]{6}$/.test(w)) { return; }
    el.style.backgroundColor = w;
    el.style.color = terang(w) ? "#212529" : "#ffffff";
  });
})();
