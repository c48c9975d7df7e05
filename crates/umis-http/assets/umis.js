// The back office's own script (no inline scripts: the content security policy forbids them).
//
// Scroll boxes: a table wider (or longer) than its box scrolls inside it; such a box becomes a
// named region that the keyboard can reach and scroll, and stops being one when it fits again.
(function () {
  "use strict";
  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var el = wrap;
    while (el) {
      var prev = el.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) {
          return prev.textContent.trim();
        }
        prev = prev.previousElementSibling;
      }
      el = el.parentElement;
    }
    return document.title;
  }
  function mark() {
    var wraps = document.querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var w = wraps[i];
      var scrolls = w.scrollWidth > w.clientWidth + 1 || w.scrollHeight > w.clientHeight + 1;
      if (scrolls) {
        w.setAttribute("tabindex", "0");
        w.setAttribute("role", "region");
        w.setAttribute("aria-label", nameOf(w));
      } else if (w.getAttribute("role") === "region") {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-label");
      }
    }
  }
  mark();
  window.addEventListener("resize", mark);
  document.addEventListener("htmx:afterSettle", mark);
  document.addEventListener("toggle", mark, true);
})();

//
// Idle warning: a session ends after a set time without requests. Two minutes before that
// (or half-way, for short limits) a dialog offers to stay signed in, so that a half-filled
// form is not lost; staying sends one request that renews the session. When the time has run
// out the dialog says so, and the page stays as it is so its text can still be copied.
(function () {
  "use strict";
  var box = document.getElementById("idle-warning");
  if (!box) {
    return;
  }
  var idle = parseInt(box.getAttribute("data-idle-seconds"), 10);
  if (!(idle > 0)) {
    return;
  }
  var lead = Math.min(120, Math.floor(idle / 2));
  var text = document.getElementById("idle-text");
  var stay = document.getElementById("idle-stay");
  var warnTimer = null;
  var endTimer = null;
  var lastFocus = null;

  function arm() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, (idle - lead) * 1000);
    endTimer = setTimeout(ended, idle * 1000);
  }

  function warn() {
    lastFocus = document.activeElement;
    box.hidden = false;
    box.setAttribute("data-state", "warning");
    stay.focus();
  }

  function ended() {
    box.hidden = false;
    box.setAttribute("data-state", "ended");
    text.textContent = text.getAttribute("data-ended");
    stay.hidden = true;
  }

  stay.addEventListener("click", function () {
    var body = "csrf=" + encodeURIComponent(box.getAttribute("data-csrf"));
    fetch("/session/keepalive", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body
    }).then(function (res) {
      if (res.status === 204) {
        box.hidden = true;
        box.setAttribute("data-state", "renewed");
        arm();
        if (lastFocus && lastFocus.focus) {
          lastFocus.focus();
        }
      } else {
        ended();
      }
    }, ended);
  });

  // Every request the page makes through htmx renews the session on the server too.
  document.body.addEventListener("htmx:afterRequest", arm);
  arm();
})();
