// A part of the page whose script acts only once the citizen uses it (the lookup of the
// responsible office) fetches that script when it is first used, not with the page: a
// first visit that never uses it does not pay for it. The part is marked
// data-sf-on-use="<script>"; this file shows it (it is hidden without script, where the
// page lists every office instead) and fetches the script on the first focus, pointer
// press, click or submit inside it, so keyboard, pointer and screen-reader users all start
// it the same way. Nothing the citizen does meanwhile is lost: text typed is in the input
// when the script starts; a submit or a click on a button marked data-sf-queue before the
// script has started is held (the part's data-sf-queued says which) and the script does
// it when it starts. data-sf-stored names a localStorage key: when this browser has it (a
// remembered place), the script is fetched at once, since it shows an answer unasked.
// Other scripts ask for the part's script through window.servicefinderOnUse.need(part).
(function () {
  "use strict";
  var started = {};

  function fetchScript(src) {
    if (!started[src]) {
      started[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return started[src];
  }

  function need(part) {
    return fetchScript(part.getAttribute("data-sf-on-use"));
  }

  function stored(key) {
    try { return key && localStorage.getItem(key) !== null; } catch (e) { return false; }
  }

  function watch(part) {
    part.hidden = false;
    if (stored(part.getAttribute("data-sf-stored"))) {
      need(part);
      return;
    }
    function use() { need(part); }
    ["focusin", "pointerdown", "click"].forEach(function (type) {
      part.addEventListener(type, use);
    });
    // until the script has started (it sets data-sf-ready), hold what it would have done
    part.addEventListener("submit", function (e) {
      if (part.hasAttribute("data-sf-ready")) return;
      e.preventDefault();
      part.setAttribute("data-sf-queued", "submit");
      use();
    });
    part.addEventListener("click", function (e) {
      var button = e.target.closest && e.target.closest("[data-sf-queue]");
      if (!button || part.hasAttribute("data-sf-ready")) return;
      part.setAttribute("data-sf-queued", button.getAttribute("data-sf-queue"));
    });
  }

  window.servicefinderOnUse = {need: need};
  document.querySelectorAll("[data-sf-on-use]").forEach(watch);
})();
