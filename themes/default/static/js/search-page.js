// The search page, /search/?q=...: every result, with facets, as a
// shareable URL. It runs after search.js (both deferred, in document
// order), whose index and result links it uses; other pages do not load
// it.
(function () {
  "use strict";
  var out = document.getElementById("search-results"), ui = window.kbSearchPage, search = window.kbSearch;
  if (!out || !ui || !search) return;
  var el = ui.el, resultLink = ui.resultLink, params = new URLSearchParams(location.search);
  var pageBox = document.getElementById("search-page-q");
  var filter = { section: null, terms: {} }, meta = null;
  pageBox.value = params.get("q") || "";
  var status = document.getElementById("search-status");
  var facetsBox = document.getElementById("search-facets");
  var seq = 0;
  // The page shows ten results, then ten more at each press of the
  // button below them: each result shown costs its records, and a first
  // query at 10,000 pages that showed fifty fetched some forty records
  // files.
  var step = 10, limit = step;
  var more = el("button", "search-page-more");
  more.type = "button";
  more.hidden = true;
  out.parentNode.insertBefore(more, out.nextSibling);
  more.addEventListener("click", function () { limit += step; show(true); });
  // A facet's legend: "Section", or the taxonomy's name as a title.
  function legend(g) { return g.taxonomy ? g.taxonomy.charAt(0).toUpperCase() + g.taxonomy.slice(1).replace(/[-_]/g, " ") : "Section"; }
  function chosen(g) { return g.taxonomy ? filter.terms[g.taxonomy] : filter.section; }
  function choose(g, id) { if (g.taxonomy) filter.terms[g.taxonomy] = id; else filter.section = id; }
  // show runs the query and shows its results; with grow, the results
  // the button asked for too, the first of them focused. The query and
  // the facets chosen are the URL's: ?q=...&section=...&TAXONOMY=TERM, by
  // name, read once the metadata is in.
  function show(grow) {
    var q = pageBox.value, my = ++seq, before = limit - step;
    if (grow !== true) limit = step;
    var u = new URL(location.href), sp = u.searchParams;
    if (q) sp.set("q", q); else sp.delete("q");
    if (meta) {
      if (filter.section != null) sp.set("section", meta.siteSections[filter.section]); else sp.delete("section");
      meta.taxonomies.forEach(function (t) {
        var id = filter.terms[t.name];
        if (id != null) sp.set(t.name, t.terms[id - t.firstID]); else sp.delete(t.name);
      });
    }
    history.replaceState(null, "", u);
    if (!q.trim()) { out.textContent = ""; status.textContent = ""; facetsBox.textContent = ""; more.hidden = true; return; }
    search(q, filter, limit).then(function (res) {
      if (my !== seq) return;
      out.textContent = "";
      more.hidden = true;
      if (!res) { status.textContent = "The search index could not be loaded."; return; }
      status.textContent = res.total ? res.total + (res.total === 1 ? " result" : " results") : "No results. Check the spelling, or try fewer or other words.";
      res.pages.forEach(function (p) { out.appendChild(resultLink(p, null, res.words)); });
      if (res.total > res.pages.length) {
        more.textContent = "Show more results (" + res.pages.length + " of " + res.total + " shown)";
        more.hidden = false;
      }
      if (grow === true && out.children[before]) out.children[before].focus();
      facetsBox.textContent = "";
      res.facets.forEach(function (g) {
        if (!g.values.length) return;
        var fs = el("fieldset", "facet");
        fs.appendChild(el("legend", null, legend(g)));
        g.values.forEach(function (f) {
          var b = el("button", null, ui.sectionLabel(f.name) + " (" + f.count + ")");
          b.type = "button";
          b.setAttribute("aria-pressed", String(chosen(g) === f.id));
          b.addEventListener("click", function () { choose(g, chosen(g) === f.id ? null : f.id); show(); });
          fs.appendChild(b);
        });
        facetsBox.appendChild(fs);
      });
    });
  }
  var t2 = 0;
  pageBox.addEventListener("input", function () { clearTimeout(t2); t2 = setTimeout(show, 60); });
  ui.warm().then(function (m) {
    meta = m;
    if (m) {
      var i = m.siteSections.indexOf(params.get("section"));
      if (i >= 0) filter.section = i;
      m.taxonomies.forEach(function (t) {
        var i = t.terms.indexOf(params.get(t.name));
        if (i >= 0) filter.terms[t.name] = t.firstID + i;
      });
    }
    show();
  });
})();
