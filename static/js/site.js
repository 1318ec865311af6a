// The learner site's frame. Everything works without this file; it only adds comfort:
// disclosure menus close on Escape and on a click elsewhere, and modal buttons open dialogs.
(function () {
  "use strict";

  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (menu !== except) {
        menu.removeAttribute("open");
      }
    });
  }

  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest("details[data-menu]"));

    var opener = event.target.closest("[data-modal-open]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-modal-open"));
      if (dialog && typeof dialog.showModal === "function") {
        dialog.showModal();
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = document.querySelector("details[data-menu][open]");
    if (open) {
      open.removeAttribute("open");
      open.querySelector("summary").focus();
    }
  });
})();
