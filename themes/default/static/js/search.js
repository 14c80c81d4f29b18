// Site search. The index is static files written by kb build (see
// internal/search): a query fetches the few key shards its words need,
// then the records of its best sections; two round trips, nothing else.
// The header box suggests results as you type (an ARIA combobox); the
// search page /search/?q=... shows all results, with facets.
(function () {
  "use strict";
  var me = document.currentScript;
  var base = me.getAttribute("data-base") || "/";
  var root = base + "search/";
  var cache = {};
  var metaP = null;

  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    }
    return cache[path];
  }
  function meta() { return metaP || (metaP = getJSON("meta.json")); }

  // The same words as the index: lowercase letters and digits; a
  // possessive 's and inner apostrophes dropped.
  function words(q) {
    return q.toLowerCase().replace(/(\p{L})['’]s(?![\p{L}])/gu, "$1").replace(/(\p{L})['’](?=\p{L})/gu, "$1").match(/[\p{L}\p{N}]+/gu) || [];
  }
  function keys(w) {
    var r = Array.from(w);
    if (r.length <= 3) return [w];
    var out = [r.slice(0, 3).join("")];
    for (var i = 0; i < 3; i++) {
      var d = r.slice(0, i).concat(r.slice(i + 1)).slice(0, 3).join("");
      if (out.indexOf(d) < 0) out.push(d);
    }
    return out;
  }
  function fileKey(k) {
    if (/^[a-z0-9]+$/.test(k)) return k;
    return "x" + Array.from(new TextEncoder().encode(k), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  // Edit distance, giving up beyond max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < low) low = cur[j];
      }
      if (low > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  // search runs a query: {pages, total, facets, roles}; pages are the best
  // results, one per page, with title, url, heading and snippet parts.
  function search(q, filter, limit) {
    var all = words(q.slice(0, 500)).slice(0, 12);
    var need = [];
    all.forEach(function (w) { keys(w).forEach(function (k) { if (need.indexOf(k) < 0) need.push(k); }); });
    // The metadata and the key shards in one round trip: stop words are
    // dropped once both are in (their shards do not exist).
    return Promise.all([meta()].concat(need.map(function (k) { return getJSON("k/" + fileKey(k) + ".json"); }))).then(function (got) {
      var m = got[0];
      if (!m) return null;
      var ws = all.filter(function (w) { return m.stop.indexOf(w) < 0; });
      if (!ws.length) ws = all;
      if (!ws.length) return { pages: [], total: 0, facets: [], roles: [] };
      var typing = !/\s$/.test(q);
      var shards = {};
      need.forEach(function (k, i) { shards[k] = got[i + 1]; });
      var secs = {}, forms = [];
        ws.forEach(function (w, qi) {
          var isLast = typing && qi === ws.length - 1;
          var maxEd = w.length >= 8 ? 2 : w.length >= 4 ? 1 : 0;
          var cands = {};
          keys(w).forEach(function (k) {
            var s = shards[k];
            if (!s) return;
            for (var f in s.f) {
              var st = s.f[f], wt = 0;
              if (f === w) wt = 1;
              else if (isLast && w.length >= 3 && f.lastIndexOf(w, 0) === 0) wt = 0.75;
              else if (maxEd) {
                var d = distance(w, f, maxEd);
                if (d <= maxEd) wt = d === 1 ? 0.55 : 0.35;
              }
              if (wt && (!cands[st] || cands[st].w < wt || cands[st].p.length < s.p[st].length)) {
                cands[st] = { w: Math.max(wt, cands[st] ? cands[st].w : 0), p: s.p[st], f: f };
              }
            }
          });
          // Exact matches stand; of the prefix and typo candidates, only the
          // commonest few, as a spelling corrector would guess.
          var guesses = Object.keys(cands).filter(function (st) { return cands[st].w < 1; });
          guesses.sort(function (a, b) { return cands[b].w - cands[a].w || cands[b].p.length - cands[a].p.length; });
          guesses.slice(3).forEach(function (st) { delete cands[st]; });
          guesses = guesses.slice(0, 3);
          var common = Math.max.apply(null, [1].concat(guesses.map(function (st) { return cands[st].p.length; })));
          guesses.forEach(function (st) { cands[st].w *= 0.5 + 0.5 * cands[st].p.length / common; });
          Object.keys(cands).forEach(function (st) { forms.push(cands[st].f); });
          // Per section, a word counts once: its best matching stem.
          var best = {};
          Object.keys(cands).forEach(function (st) {
            var c = cands[st];
            c.p.forEach(function (p) {
              var v = c.w * p[1];
              if (!best[p[0]] || best[p[0]].v < v) best[p[0]] = { v: v, p: p };
            });
          });
          Object.keys(best).forEach(function (sid) {
            var b = best[sid], s = secs[sid];
            if (!s) s = secs[sid] = { sid: +sid, score: 0, n: 0, pos: [], facet: b.p[3], roles: b.p[4], doc: b.p[5] };
            s.score += b.v;
            s.n++;
            s.pos.push(b.p[2]);
          });
        });
        // Sections with every word rank above those with some; words close
        // together rank higher.
        var list = Object.keys(secs).map(function (k) {
          var s = secs[k];
          if (s.n === ws.length && ws.length > 1) {
            s.score *= 1.5;
            var span = Math.max.apply(null, s.pos) - Math.min.apply(null, s.pos);
            if (span <= 12) s.score *= 1.25;
          }
          return s;
        });
        list.sort(function (a, b) { return b.score - a.score || a.sid - b.sid; });
        var pages = [], seen = {}, facets = {}, roles = {};
        list.forEach(function (s) {
          if (seen[s.doc]) return;
          seen[s.doc] = true;
          facets[s.facet] = (facets[s.facet] || 0) + 1;
          for (var i = 0; i < m.roles.length; i++) if (s.roles & (1 << i)) roles[i] = (roles[i] || 0) + 1;
          if (filter && filter.facet != null && s.facet !== filter.facet) return;
          if (filter && filter.role != null && !(s.roles & (1 << filter.role))) return;
          pages.push(s);
        });
        var total = pages.length;
        pages = pages.slice(0, limit || 10);
        var shardsOf = [];
        pages.forEach(function (s) { var n = Math.floor(s.sid / m.rs); if (shardsOf.indexOf(n) < 0) shardsOf.push(n); });
        return Promise.all(shardsOf.map(function (n) { return getJSON("r/" + n + ".json"); })).then(function (recs) {
          var byShard = {};
          shardsOf.forEach(function (n, i) { byShard[n] = recs[i] || []; });
          return {
            total: total,
            facets: Object.keys(facets).map(function (f) { return { id: +f, name: m.facets[f], count: facets[f] }; }),
            roles: Object.keys(roles).map(function (r) { return { id: +r, name: m.roles[r], count: roles[r] }; }),
            pages: pages.map(function (s) {
              var r = byShard[Math.floor(s.sid / m.rs)][s.sid % m.rs] || ["", "#", "", ""];
              return { title: r[0], url: r[1], heading: r[2], snippet: snippet(r[3], forms) };
            })
          };
        });
    });
  }

  // snippet cuts the text around the first matched word, as parts:
  // [text, marked, text, marked, ...].
  function snippet(text, forms) {
    var lower = text.toLowerCase(), at = -1;
    var re = new RegExp("[\\p{L}\\p{N}]+", "gu"), m, hits = [];
    while ((m = re.exec(lower))) {
      if (forms.indexOf(m[0].replace(/['’]s$/, "")) >= 0) {
        hits.push([m.index, m.index + m[0].length]);
        if (at < 0) at = m.index;
      }
    }
    var start = Math.max(0, at - 60), end = Math.min(text.length, start + 200);
    if (start > 0) start = text.indexOf(" ", start) + 1;
    var parts = [], pos = start;
    hits.forEach(function (h) {
      if (h[0] < start || h[1] > end) return;
      parts.push(text.slice(pos, h[0]), text.slice(h[0], h[1]));
      pos = h[1];
    });
    parts.push(text.slice(pos, end) + (end < text.length ? " …" : ""));
    if (start > 0) parts[0] = "… " + parts[0];
    return parts;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function resultLink(p, id) {
    var a = el("a", "search-hit");
    a.href = p.url;
    if (id) { a.id = id; a.setAttribute("role", "option"); }
    a.appendChild(el("span", "hit-title", p.title + (p.heading ? " › " + p.heading : "")));
    var s = el("span", "hit-snippet");
    p.snippet.forEach(function (part, i) { s.appendChild(i % 2 ? el("mark", null, part) : document.createTextNode(part)); });
    a.appendChild(s);
    return a;
  }

  // The header box: an ARIA combobox whose options are the top results.
  function combobox(input) {
    var list = el("div", "search-popup");
    list.id = input.id + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search suggestions");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var active = -1, seq = 0, timer = 0;
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
    function move(d) {
      var opts = list.querySelectorAll("[role=option]");
      if (!opts.length) return;
      if (active >= 0) opts[active].removeAttribute("aria-selected");
      active = (active + d + opts.length) % opts.length;
      opts[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    function run() {
      var q = input.value, my = ++seq;
      if (!q.trim()) { close(); return; }
      search(q, null, 6).then(function (res) {
        if (my !== seq || !res) return;
        list.textContent = "";
        active = -1;
        input.removeAttribute("aria-activedescendant");
        res.pages.forEach(function (p, i) { list.appendChild(resultLink(p, input.id + "-opt-" + i)); });
        var more = el("a", "search-more", res.total ? "All " + res.total + " results" : "No results: try other words");
        more.href = root + "?q=" + encodeURIComponent(q);
        list.appendChild(more);
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    input.addEventListener("focus", function () { meta(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) run(); else move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") { if (!list.hidden) { e.preventDefault(); close(); } else input.blur(); }
      else if (e.key === "Enter") {
        var opts = list.querySelectorAll("[role=option]");
        if (active >= 0 && opts[active]) { e.preventDefault(); location.href = opts[active].href; }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    // Enter on a chosen suggestion opens it, however the key arrives.
    if (input.form) input.form.addEventListener("submit", function (e) {
      var opts = list.querySelectorAll("[role=option]");
      if (!list.hidden && active >= 0 && opts[active]) { e.preventDefault(); location.href = opts[active].href; }
    });
  }

  // Tests and other scripts can query the index directly.
  window.kbSearch = search;

  document.querySelectorAll('input[type="search"][data-search="header"]').forEach(combobox);
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
    var box = document.querySelector('input[type="search"][name="q"]');
    if (box) { e.preventDefault(); box.focus(); }
  });

  // The search page: every result, with facets, as a shareable URL.
  var out = document.getElementById("search-results");
  if (!out) return;
  var pageBox = document.getElementById("search-page-q");
  var params = new URLSearchParams(location.search);
  var filter = { facet: null, role: null };
  pageBox.value = params.get("q") || "";
  var status = document.getElementById("search-status");
  var facetsBox = document.getElementById("search-facets");
  var seq = 0;
  function show() {
    var q = pageBox.value, my = ++seq;
    var u = new URL(location.href);
    if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
    history.replaceState(null, "", u);
    if (!q.trim()) { out.textContent = ""; status.textContent = ""; facetsBox.textContent = ""; return; }
    search(q, filter, 50).then(function (res) {
      if (my !== seq) return;
      out.textContent = "";
      if (!res) { status.textContent = "The search index could not be loaded."; return; }
      status.textContent = res.total ? res.total + (res.total === 1 ? " result" : " results") : "No results. Check the spelling, or try fewer or other words.";
      res.pages.forEach(function (p) { out.appendChild(resultLink(p)); });
      facetsBox.textContent = "";
      [["facet", "Section", res.facets], ["role", "Role", res.roles]].forEach(function (g) {
        if (!g[2].length) return;
        var fs = el("fieldset", "facet");
        fs.appendChild(el("legend", null, g[1]));
        g[2].forEach(function (f) {
          var b = el("button", null, (f.name || "Home") + " (" + f.count + ")");
          b.type = "button";
          b.setAttribute("aria-pressed", String(filter[g[0]] === f.id));
          b.addEventListener("click", function () { filter[g[0]] = filter[g[0]] === f.id ? null : f.id; show(); });
          fs.appendChild(b);
        });
        facetsBox.appendChild(fs);
      });
    });
  }
  var t2 = 0;
  pageBox.addEventListener("input", function () { clearTimeout(t2); t2 = setTimeout(show, 60); });
  show();
})();
