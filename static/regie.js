/* Small helps on top of pages that work without it (served from /static, within the CSP).
   - The error summary of a form takes focus, and its links focus the wrong field.
   - A confirmation after saving is moved to the section the page opened at (#anchor).
   - On a narrow screen the main menu folds behind a "Menu" button. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({block: "center"});
      }
    });
  }

  var anchor = window.location.hash && document.getElementById(window.location.hash.slice(1));
  var saved = document.querySelectorAll("main > .alert--success");
  if (anchor && saved.length && !summary) {
    for (var i = saved.length - 1; i >= 0; i--) {
      anchor.insertAdjacentElement("afterend", saved[i]);
    }
    saved[0].setAttribute("tabindex", "-1");
    saved[0].focus();
  }

  var toggle = document.querySelector("[data-menu-toggle]");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (toggle && menu) {
    document.documentElement.classList.add("has-menu-toggle");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
  }
}());
