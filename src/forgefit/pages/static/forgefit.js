// ForgeFit: theme toggle, print button, search-box suggestions and hub filters. Pages work fully
// without this script (hubs then offer plain links to narrower hubs). Every handler is attached
// here: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem("forgefit-theme"); } catch (e) { /* storage may be blocked */ }
  if (saved) root.setAttribute("data-theme", saved);

  document.addEventListener("DOMContentLoaded", function () {
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

    // Print buttons: hidden until this script shows them (no inline onclick: the
    // Content-Security-Policy forbids inline script).
    document.querySelectorAll("button.print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });

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
  // Hub filters and sorts: narrow and reorder the cards already on the page, no reload.
  document.addEventListener("DOMContentLoaded", function () {
    var filters = document.querySelector("form.hub-filters");
    if (!filters) return;
    var lists = Array.prototype.slice.call(document.querySelectorAll("ul[data-hub-list]"));
    var count = document.querySelector("p.hub-count");
    var total = 0;
    lists.forEach(function (list) { total += list.children.length; });
    filters.hidden = false;
    count.hidden = false;

    function matches(card, name, value) {
      if (!value) return true;
      var have = (card.getAttribute("data-" + name) || "").split(" ");
      return have.indexOf(value) !== -1;
    }

    function apply() {
      var wanted = {};
      Array.prototype.forEach.call(filters.querySelectorAll("select"), function (select) {
        wanted[select.name] = select.value;
      });
      var shown = 0;
      lists.forEach(function (list) {
        var cards = Array.prototype.slice.call(list.children);
        cards.sort(function (a, b) {
          if (wanted.sort === "name") {
            return a.getAttribute("data-name") < b.getAttribute("data-name") ? -1 : 1;
          }
          return Number(a.getAttribute("data-rank")) - Number(b.getAttribute("data-rank"));
        });
        var visible = 0;
        cards.forEach(function (card) {
          var ok = ["difficulty", "equipment", "muscle", "category"].every(function (name) {
            return matches(card, name, wanted[name]);
          });
          card.hidden = !ok;
          if (ok) visible += 1;
          list.appendChild(card);
        });
        // A list with nothing left hides with its heading.
        var heading = list.previousElementSibling;
        list.hidden = visible === 0;
        if (heading && heading.tagName === "H2") heading.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = "Showing " + shown + " of " + total + " exercises.";
    }

    filters.addEventListener("change", apply);
    filters.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  });
})();
