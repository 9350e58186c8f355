// Servicefinder's small enhancements. Plain script, no inline handlers, no network.
(function () {
  "use strict";
  // The header's search button opens Material's search by toggling its state checkbox,
  // which Material listens to; a real button keeps it reachable by keyboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-sf-search-toggle]");
    if (!button) return;
    var toggle = document.getElementById("__search");
    if (toggle) toggle.click();
  });
})();
