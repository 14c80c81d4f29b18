// Comparison tables: an "Only differences" switch above each table hides
// the rows where every compared value is the same; and on a section page,
// a picker of two entries leads to their pair page. Without JavaScript
// every row shows and the pair pages are a list of links.
(function () {
  "use strict";

  document.querySelectorAll("[data-compare]").forEach(function (fig, i) {
    var same = fig.querySelectorAll("tr[data-same]");
    if (!same.length) return;
    var label = document.createElement("label");
    label.className = "only-diff-toggle";
    var box = document.createElement("input");
    box.type = "checkbox";
    label.appendChild(box);
    label.appendChild(document.createTextNode(" Only differences (hides " + same.length + (same.length === 1 ? " row" : " rows") + " where all values match)"));
    fig.insertBefore(label, fig.firstChild);
    box.addEventListener("change", function () {
      fig.classList.toggle("only-diff", box.checked);
      // A group whose rows are all hidden hides its heading too.
      fig.querySelectorAll("tbody").forEach(function (tb) {
        var rows = tb.querySelectorAll("tr:not(.group)");
        var hidden = tb.querySelectorAll("tr[data-same]:not(.group)").length;
        tb.hidden = box.checked && rows.length > 0 && hidden === rows.length;
      });
    });
  });

  var picker = document.querySelector(".pair-picker");
  if (!picker) return;
  var pairs = {}, names = [];
  picker.querySelectorAll("li[data-a]").forEach(function (li) {
    var a = li.getAttribute("data-a"), b = li.getAttribute("data-b");
    var href = li.querySelector("a").getAttribute("href");
    pairs[a + "\n" + b] = href;
    pairs[b + "\n" + a] = href;
    [a, b].forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
  });
  var form = document.createElement("form");
  form.className = "pair-form";
  function select(id, text, chosen) {
    var wrap = document.createElement("label");
    wrap.textContent = text + " ";
    var s = document.createElement("select");
    s.id = id;
    names.forEach(function (n, i) {
      var o = document.createElement("option");
      o.value = n; o.textContent = n; o.selected = i === chosen;
      s.appendChild(o);
    });
    wrap.appendChild(s);
    form.appendChild(wrap);
    return s;
  }
  var first = select("pair-a", "Compare", 0);
  var second = select("pair-b", "with", 1);
  var go = document.createElement("button");
  go.type = "submit";
  go.textContent = "Show comparison";
  form.appendChild(go);
  function update() { go.disabled = first.value === second.value; }
  first.addEventListener("change", update);
  second.addEventListener("change", update);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var href = pairs[first.value + "\n" + second.value];
    if (href) location.href = href;
  });
  picker.insertBefore(form, picker.querySelector("ul"));
  update();
})();
