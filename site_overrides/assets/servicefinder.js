// Servicefinder's small enhancements. Plain script, no inline handlers, no network.
(function () {
  "use strict";
  // The header's search button opens Material's search by toggling its state checkbox,
  // which Material listens to; a real button keeps it reachable by keyboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-sf-search-toggle]");
    if (!button) return;
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    if (!toggle || !input) return;
    if (!toggle.checked) toggle.click();
    // Move focus into the field the button opened, so typing can start at once.
    window.requestAnimationFrame(function () { input.focus(); });
  });
})();
