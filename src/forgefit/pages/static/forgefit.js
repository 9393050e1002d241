// ForgeFit: theme toggle and search-box suggestions. Pages work fully without this script.
(function () {
  "use strict";
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem("forgefit-theme"); } catch (e) { /* storage may be blocked */ }
  if (saved) root.setAttribute("data-theme", saved);

  document.addEventListener("DOMContentLoaded", function () {
    // Print buttons (no inline onclick: the Content-Security-Policy forbids inline script).
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var toggle = document.querySelector("button.theme");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var dark = root.getAttribute("data-theme") === "dark" ||
          (!root.getAttribute("data-theme") && matchMedia("(prefers-color-scheme: dark)").matches);
        var next = dark ? "light" : "dark";
        root.setAttribute("data-theme", next);
        try { localStorage.setItem("forgefit-theme", next); } catch (e) { /* ignore */ }
      });
    }

    var form = document.querySelector("form.search");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector("ul.suggestions");
    var timer = null;
    var active = -1;
    function clear() { list.innerHTML = ""; active = -1; input.setAttribute("aria-expanded", "false"); }
    function show(items) {
      clear();
      items.forEach(function (item, index) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url || "/search?q=" + encodeURIComponent(item.text);
        a.textContent = item.alias ? item.text + " (" + item.alias + ")" : item.text;
        a.id = "suggestion-" + index;
        a.setAttribute("role", "option");
        li.appendChild(a);
        list.appendChild(li);
      });
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { clear(); return; }
      timer = setTimeout(function () {
        fetch("/api/v1/suggest?q=" + encodeURIComponent(q) + "&limit=8")
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) { show(data.suggestions || []); })
          .catch(clear);
      }, 120);
    });
    input.addEventListener("keydown", function (event) {
      var links = list.querySelectorAll("a");
      if (!links.length) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (active >= 0) links[active].removeAttribute("aria-selected");
        active = (active + (event.key === "ArrowDown" ? 1 : -1) + links.length) % links.length;
        links[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", links[active].id);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = links[active].href;
      } else if (event.key === "Escape") {
        clear();
      }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) clear(); });
  });
})();
