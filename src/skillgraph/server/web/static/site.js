// skillgraph web pages: small progressive enhancements only; every page works without script.
// Nothing here fetches from another host.
(function () {
  "use strict";

  // A form that asks the server shows it is working, so no page waits without a progress sign.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.noBusy !== undefined) {
      return;
    }
    form.setAttribute("aria-busy", "true");
    const button = form.querySelector("button[type=submit], button:not([type])");
    if (button) {
      button.classList.add("busy");
    }
  });

  // Back from the browser cache (bfcache): the form is idle again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[aria-busy]").forEach(function (form) {
      form.removeAttribute("aria-busy");
      form.querySelectorAll(".busy").forEach(function (button) {
        button.classList.remove("busy");
      });
    });
  });
})();
