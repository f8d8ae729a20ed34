// storyline web: the only script. Opens the fact a link points to (#fact-ID) and lets "/"
// focus the search box. Every page works without it.
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var el = document.getElementById(id);
    if (el && el.tagName === "DETAILS") { el.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
  document.addEventListener("keydown", function (ev) {
    var box = document.getElementById("q");
    var typing = ev.target && /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName);
    if (ev.key === "/" && box && !typing) { ev.preventDefault(); box.focus(); }
  });
}());
