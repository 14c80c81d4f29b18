// Site search. The index is static files written by kb build (see
// internal/search): a query fetches the few key shards its words need,
// then the records of its best sections that the shards do not carry;
// two round trips at most, nothing else.
// The header box suggests results as you type (an ARIA combobox); the
// search page /search/?q=... shows all results, with facets, by its own
// script (search-page.js), which only that page loads.
//
// The first half is the search itself, pure functions over a loader of
// the index's files, which node loads too (module.exports, below) to run
// the test vectors the index's Go tests share (internal/search/testdata);
// the second half is the page's boxes. A plain script: no build step.
(function () {
  "use strict";

  // ---- Words, as the index splits them (internal/search/tokenize.go).

  var isLetter = /^\p{L}$/u, isWordChar = /^[\p{L}\p{Nd}]$/u;

  // words splits text into lowercase words: runs of letters and decimal
  // digits. An apostrophe between a letter or digit and a letter is
  // dropped, and a possessive "'s" with it. Code point by code point, as
  // Go's eachWord goes, so the two agree on every text.
  function words(text) {
    var cs = Array.from(text), out = [], word = "";
    for (var i = 0; i < cs.length; i++) {
      var c = cs[i];
      if (isWordChar.test(c)) {
        word += c === "\u0130" ? "i" : c.toLowerCase(); // Go's simple mapping: İ is i, not i and a dot
      } else if ((c === "'" || c === "\u2019") && word && i + 1 < cs.length && isLetter.test(cs[i + 1])) {
        var next = cs[i + 1];
        if ((next === "s" || next === "S") && (i + 2 === cs.length || !isLetter.test(cs[i + 2]))) i++;
      } else if (word) {
        out.push(word);
        word = "";
      }
    }
    if (word) out.push(word);
    return out;
  }

  // keys are a word's shard keys (search.Keys): its first three letters
  // and the first three left after deleting each of them.
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

  // fileKey is a key's file name (search.FileKey).
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

  // ---- The wire format (internal/search/wire.go): one decoder per
  // record, into objects with named fields; nothing else reads the arrays.

  var metaKeys = ["v", "sections", "pages", "rs", "facets", "stop", "keys", "typos"];
  var termsPerNumber = 31;

  // decodeMeta reads meta.json. Every key but its own names a taxonomy
  // that is a facet and holds its terms; term ids run through the
  // taxonomies in name order.
  function decodeMeta(raw) {
    var next = 0;
    var taxonomies = Object.keys(raw).filter(function (k) { return metaKeys.indexOf(k) < 0; }).sort().map(function (name) {
      var t = { name: name, terms: raw[name], firstID: next };
      next += raw[name].length;
      return t;
    });
    return {
      sections: raw.sections, pages: raw.pages, recordShard: raw.rs, siteSections: raw.facets, stop: raw.stop,
      taxonomies: taxonomies, keys: decodeKeys(raw.keys), typos: decodeKeys(raw.typos),
      termNumbers: Math.max(1, Math.ceil(next / termsPerNumber)) // numbers in a posting's terms mask
    };
  }

  // decodeKeys reads a list of keys into a set: "hirt vp_" is hir, hit
  // and vp (wire.go's encodeKeys).
  function decodeKeys(list) {
    var keys = {};
    (list || "").split(" ").forEach(function (g) {
      var cs = Array.from(g);
      cs.slice(2).forEach(function (c) { keys[(cs[0] + cs[1] + c).replace(/_+$/, "")] = true; });
    });
    return keys;
  }

  // decodePosting reads [id, impact, first, siteSection, terms..., page],
  // and titleWords when the word is in the page's title (else 0).
  function decodePosting(raw, meta) {
    var n = meta.termNumbers;
    return { id: raw[0], impact: raw[1], first: raw[2], siteSection: raw[3], terms: raw.slice(4, 4 + n), page: raw[4 + n], titleWords: raw[5 + n] || 0 };
  }

  // hasTerm says whether a terms mask has the term id.
  function hasTerm(terms, id) {
    return ((terms[Math.floor(id / termsPerNumber)] >> (id % termsPerNumber)) & 1) === 1;
  }

  // decodeShard reads a key shard: {f: {word: stem}, p: {stem: [posting]}},
  // and r, when there, the records it carries: [[id, title, url, heading,
  // text]], into records by id.
  function decodeShard(raw, meta) {
    var postings = {}, records = {};
    Object.keys(raw.p).forEach(function (st) {
      postings[st] = raw.p[st].map(function (p) { return decodePosting(p, meta); });
    });
    (raw.r || []).forEach(function (r) { records[r[0]] = decodeRecord(r.slice(1)); });
    return { forms: raw.f, postings: postings, records: records };
  }

  // decodeRecord reads [title, url, heading, text]; a missing one is a
  // blank.
  function decodeRecord(raw) {
    raw = raw || ["", "#", "", ""];
    return { title: raw[0], url: raw[1], heading: raw[2], text: raw[3] };
  }

  // ---- A query's steps.

  // queryWords are the words a query searches for: at most 12, from its
  // first 500 characters.
  function queryWords(q) {
    return words(q.slice(0, 500)).slice(0, 12);
  }

  // homeFile and typoFile are the paths of a key's two shard files, its
  // home words' and its typo words' (homeDir and typoDir in internal/search).
  function homeFile(k) { return "k/" + fileKey(k) + ".json"; }
  function typoFile(k) { return "t/" + fileKey(k) + ".json"; }

  // shardFiles are both files of each key.
  function shardFiles(ks) {
    var out = [];
    ks.forEach(function (k) { out.push(homeFile(k), typoFile(k)); });
    return out;
  }

  // shardKeys are the keys of all the words, each once.
  function shardKeys(ws) {
    var need = [];
    ws.forEach(function (w) { keys(w).forEach(function (k) { if (need.indexOf(k) < 0) need.push(k); }); });
    return need;
  }

  // contentWords drops the stop words, unless that leaves none.
  function contentWords(ws, meta) {
    var kept = ws.filter(function (w) { return meta.stop.indexOf(w) < 0; });
    return kept.length ? kept : ws;
  }

  // formWeight is how much an indexed word f counts for the query word w:
  // fully when equal, less as a prefix of the word being typed, less
  // again within maxEd typos.
  function formWeight(w, f, typing, maxEd) {
    if (f === w) return 1;
    if (typing && w.length >= 3 && f.lastIndexOf(w, 0) === 0) return 0.75;
    if (maxEd) {
      var d = distance(w, f, maxEd);
      if (d <= maxEd) return d === 1 ? 0.55 : 0.35;
    }
    return 0;
  }

  // candidates are the stems a query word may mean, from the shard files
  // of its keys that were fetched: by stem, the weight and postings of
  // each.
  function candidates(w, typing, shards) {
    var maxEd = w.length >= 8 ? 2 : w.length >= 4 ? 1 : 0;
    var cands = {};
    shardFiles(keys(w)).forEach(function (file) {
      var s = shards[file];
      if (!s) return;
      for (var f in s.forms) {
        var st = s.forms[f], wt = formWeight(w, f, typing, maxEd);
        if (wt && (!cands[st] || cands[st].w < wt || cands[st].p.length < s.postings[st].length)) {
          cands[st] = { w: Math.max(wt, cands[st] ? cands[st].w : 0), p: s.postings[st] };
        }
      }
    });
    return cands;
  }

  // keepLikelyGuesses: exact matches stand; of the prefix and typo
  // candidates, only the commonest few, as a spelling corrector would
  // guess, weighed by how common they are.
  function keepLikelyGuesses(cands) {
    var guesses = Object.keys(cands).filter(function (st) { return cands[st].w < 1; });
    guesses.sort(function (a, b) { return cands[b].w - cands[a].w || cands[b].p.length - cands[a].p.length; });
    guesses.slice(3).forEach(function (st) { delete cands[st]; });
    guesses = guesses.slice(0, 3);
    var common = Math.max.apply(null, [1].concat(guesses.map(function (st) { return cands[st].p.length; })));
    guesses.forEach(function (st) { cands[st].w *= 0.5 + 0.5 * cands[st].p.length / common; });
  }

  // addWordScores adds a word's scores to the sections': per section, a
  // word counts once, by its best matching stem. When the word itself is
  // indexed, a guess counts no more than it: a rarer completion or
  // neighbour ("ctos" for "cto") must not outrank the word typed.
  function addWordScores(secs, cands) {
    var best = {}, cap = 0;
    for (var st in cands) if (cands[st].w === 1) cap = Math.max(cap, cands[st].p[0].impact);
    Object.keys(cands).forEach(function (st) {
      var c = cands[st];
      c.p.forEach(function (p) {
        var v = c.w * (c.w < 1 && cap ? Math.min(cap, p.impact) : p.impact);
        if (!best[p.id] || best[p.id].v < v) best[p.id] = { v: v, p: p };
      });
    });
    Object.keys(best).forEach(function (id) {
      var b = best[id], s = secs[id];
      if (!s) s = secs[id] = { id: +id, score: 0, words: 0, inTitle: 0, titleWords: 0, positions: [], siteSection: b.p.siteSection, terms: b.p.terms, page: b.p.page };
      s.score += b.v;
      s.words++;
      if (b.p.titleWords) { s.inTitle++; s.titleWords = b.p.titleWords; }
      s.positions.push(b.p.first);
    });
  }

  // scoreSections scores every section any word matches, and lists the
  // indexed words of the stems matched (every form the shards hold, so
  // "hiring" marks "hires"), for the snippets.
  function scoreSections(ws, typing, shards) {
    var secs = {}, forms = [];
    ws.forEach(function (w, i) {
      var cands = candidates(w, typing && i === ws.length - 1, shards);
      keepLikelyGuesses(cands);
      for (var k in shards) {
        for (var f in shards[k] && shards[k].forms) if (cands[shards[k].forms[f]] && forms.indexOf(f) < 0) forms.push(f);
      }
      addWordScores(secs, cands);
    });
    return { secs: secs, forms: forms };
  }

  // rankSections orders the sections best first: a page's first section
  // whose title has every word ranks up to twice as high, the more the
  // fewer other words the title has; those with every word rank above
  // those with some; words close together rank higher.
  function rankSections(secs, nWords) {
    var list = Object.keys(secs).map(function (k) {
      var s = secs[k];
      if (s.inTitle === nWords) s.score *= 1 + Math.min(1, nWords / s.titleWords);
      if (s.words === nWords && nWords > 1) {
        s.score *= 1.5;
        var span = Math.max.apply(null, s.positions) - Math.min.apply(null, s.positions);
        if (span <= 12) s.score *= 1.25;
      }
      return s;
    });
    list.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return list;
  }

  // pickPages keeps each page's best section, counts the pages per facet
  // value, then keeps the pages the filter lets through. A filter is
  // {section: id or null, terms: {taxonomy: term id}}.
  function pickPages(list, filter, meta) {
    var pages = [], seen = {}, sectionCounts = {}, termCounts = {};
    list.forEach(function (s) {
      if (seen[s.page]) return;
      seen[s.page] = true;
      sectionCounts[s.siteSection] = (sectionCounts[s.siteSection] || 0) + 1;
      s.terms.forEach(function (bits, k) {
        for (var i = 0; bits; i++, bits >>>= 1) {
          var id = k * termsPerNumber + i;
          if (bits & 1) termCounts[id] = (termCounts[id] || 0) + 1;
        }
      });
      if (filter && filter.section != null && s.siteSection !== filter.section) return;
      if (filter && filter.terms && Object.keys(filter.terms).some(function (t) { return filter.terms[t] != null && !hasTerm(s.terms, filter.terms[t]); })) return;
      pages.push(s);
    });
    return { pages: pages, facets: facetGroups(sectionCounts, termCounts, meta) };
  }

  // facetGroups are the facets of the results: the site section, then
  // each taxonomy, with the values pages have and how many.
  function facetGroups(sectionCounts, termCounts, meta) {
    var groups = [{
      taxonomy: null,
      values: Object.keys(sectionCounts).map(function (id) { return { id: +id, name: meta.siteSections[id], count: sectionCounts[id] }; })
    }];
    meta.taxonomies.forEach(function (t) {
      var values = [];
      Object.keys(termCounts).forEach(function (id) {
        var i = id - t.firstID;
        if (i >= 0 && i < t.terms.length) values.push({ id: +id, name: t.terms[i], count: termCounts[id] });
      });
      groups.push({ taxonomy: t.name, values: values });
    });
    return groups;
  }

  // hits are where the words of text that are among forms are, as [start,
  // end] pairs; a word is as words() reads it ("CTO's" is "cto").
  function hits(text, forms) {
    var re = /[\p{L}\p{Nd}]+(?:['’][\p{L}]+)*/gu, m, out = [];
    while ((m = re.exec(text))) if (forms.indexOf(words(m[0]).join("")) >= 0) out.push([m.index, m.index + m[0].length]);
    return out;
  }

  // snippet cuts the text around the first matched word, as parts:
  // [text, marked, text, marked, ...].
  function snippet(text, forms) {
    var hs = hits(text, forms), at = hs.length ? hs[0][0] : -1;
    // From a space some 60 characters before the first match to one some
    // 200 after: never inside a word.
    var start = 0, end = text.length, i;
    if (at > 60) start = (i = text.indexOf(" ", at - 60)) >= 0 && i < at ? i + 1 : at;
    if (end > start + 200) end = (i = text.lastIndexOf(" ", start + 200)) > Math.max(start, at) ? i : (i = text.indexOf(" ", start + 200)) >= 0 ? i : end;
    var parts = [], pos = start;
    hs.forEach(function (h) {
      if (h[0] < start || h[1] > end) return;
      parts.push(text.slice(pos, h[0]), text.slice(h[0], h[1]));
      pos = h[1];
    });
    parts.push(text.slice(pos, end) + (end < text.length ? " …" : ""));
    if (start > 0) parts[0] = "… " + parts[0];
    return parts;
  }

  // newIndex reads the index through load(path), which gives a promise of
  // the file's parsed JSON, or of null when it is missing (records files
  // are gzipped JSON, N.json.gz: see readJSON); each file is
  // loaded and decoded once. search(q, filter, limit) resolves to {pages,
  // total, facets, words}, pages being the best results, one per page, with
  // title, url, heading, site section and snippet parts, and words the
  // indexed words matched; or to null when the index cannot be read.
  function newIndex(load) {
    var files = {}, metaP = null, shardPs = {};
    function file(path) { return files[path] || (files[path] = load(path)); }
    function meta() {
      return metaP || (metaP = file("meta.json").then(function (m) { return m && decodeMeta(m); }));
    }
    // shard decodes a shard file (see homeFile), once.
    function shard(path) {
      return shardPs[path] || (shardPs[path] = Promise.all([meta(), file(path)]).then(function (got) {
        return got[0] && got[1] ? decodeShard(got[1], got[0]) : null;
      }));
    }
    // records resolves to the records of the sections, by id: those the
    // shards fetched carry, and the others from their records files.
    function records(secs, m, shards) {
      var byID = {}, numbers = [];
      secs.forEach(function (s) {
        for (var p in shards) if (shards[p] && shards[p].records[s.id]) { byID[s.id] = shards[p].records[s.id]; return; }
        var n = Math.floor(s.id / m.recordShard);
        if (numbers.indexOf(n) < 0) numbers.push(n);
      });
      return Promise.all(numbers.map(function (n) { return file("r/" + n + ".json.gz"); })).then(function (got) {
        secs.forEach(function (s) {
          if (byID[s.id]) return;
          var recs = got[numbers.indexOf(Math.floor(s.id / m.recordShard))] || [];
          byID[s.id] = decodeRecord(recs[s.id % m.recordShard]);
        });
        return byID;
      });
    }
    // fetchShards adds to shards those of the files, once each.
    function fetchShards(paths, shards) {
      paths = paths.filter(function (p, i) { return !(p in shards) && paths.indexOf(p) === i; });
      return Promise.all(paths.map(shard)).then(function (got) {
        paths.forEach(function (p, i) { shards[p] = got[i]; });
        return shards;
      });
    }
    // foundAtHome says whether a word is in its home file as typed, or,
    // being typed, as the start of a word.
    function foundAtHome(w, typing, s) {
      if (!s) return false;
      if (Object.prototype.hasOwnProperty.call(s.forms, w)) return true;
      if (typing && w.length >= 3) for (var f in s.forms) if (f.lastIndexOf(w, 0) === 0) return true;
      return false;
    }
    function search(q, filter, limit) {
      // The metadata first (fetched as the box gets focus), which lists the
      // shard files that exist: only those are asked for. Then each word's
      // home file; only a word not found there asks for the files that
      // forgive a typo in its first letters (see keys): its home key's
      // typo file, and both files of its typo keys, a second round trip
      // that a query spelled right does not make.
      return meta().then(function (m) {
        if (!m) return null;
        var ws = contentWords(queryWords(q), m), typing = !/\s$/.test(q);
        var homes = function (ks) { return ks.filter(function (k) { return m.keys[k]; }).map(homeFile); };
        var typos = function (ks) { return ks.filter(function (k) { return m.typos[k]; }).map(typoFile); };
        if (!ws.length) return { pages: [], total: 0, facets: [], words: [] };
        return fetchShards(homes(ws.map(function (w) { return keys(w)[0]; })), {}).then(function (shards) {
          var more = [];
          ws.forEach(function (w, i) {
            var ks = keys(w);
            if (!foundAtHome(w, typing && i === ws.length - 1, shards[homeFile(ks[0])])) more = more.concat(typos(ks), homes(ks.slice(1)));
          });
          return fetchShards(more, shards);
        }).then(function (shards) {
          var scored = scoreSections(ws, typing, shards);
          var picked = pickPages(rankSections(scored.secs, ws.length), filter, m);
          var shown = picked.pages.slice(0, limit || 10);
          return records(shown, m, shards).then(function (recs) {
            return {
              words: scored.forms,
              total: picked.pages.length,
              facets: picked.facets,
              pages: shown.map(function (s) {
                var r = recs[s.id];
                return { title: r.title, url: r.url, heading: r.heading, section: m.siteSections[s.siteSection], snippet: snippet(r.text, scored.forms) };
              })
            };
          });
        });
      });
    }
    return { search: search, warm: meta };
  }

  var api = { words: words, shardKeys: shardKeys, fileKey: fileKey, decodeMeta: decodeMeta, decodeShard: decodeShard, newIndex: newIndex, snippet: snippet };
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (typeof document === "undefined") return; // node, for the tests

  // ---- The page.

  var base = document.currentScript.getAttribute("data-base") || "/";
  var root = base + "search/";
  // readJSON parses a response's JSON, inflating it first when it starts
  // with gzip's magic bytes: the records' .json.gz files, unless the server
  // inflated one already (by sending it with Content-Encoding: gzip).
  function readJSON(r) {
    return r.arrayBuffer().then(function (buf) {
      var b = new Uint8Array(buf);
      if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(b));
      return new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
    });
  }
  var index = newIndex(function (path) {
    return fetch(root + path).then(function (r) { return r.ok ? readJSON(r) : null; }).catch(function () { return null; });
  });
  var search = index.search;

  // sectionLabel shows a site section's name; the home page's own has
  // none, and shows as the breadcrumbs call it.
  function sectionLabel(name) { return name || "Home"; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  // resultLink links to a result, with ?h= the words to mark on the page.
  function resultLink(p, id, ws) {
    var a = el("a", "search-hit"), i = p.url.indexOf("#");
    if (i < 0) i = p.url.length;
    a.href = p.url.slice(0, i) + "?h=" + encodeURIComponent(ws.slice(0, 20).join(" ")) + p.url.slice(i);
    if (id) { a.id = id; a.setAttribute("role", "option"); }
    // The site section tells apart pages of one title: the home page and
    // the comparison page are both "CTO vs VP of Engineering" here.
    a.appendChild(el("span", "hit-section", sectionLabel(p.section)));
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
        res.pages.forEach(function (p, i) { list.appendChild(resultLink(p, input.id + "-opt-" + i, res.words)); });
        var more = el("a", "search-more", res.total ? "All " + res.total + " results" : "No results: try other words");
        more.href = root + "?q=" + encodeURIComponent(q);
        list.appendChild(more);
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    input.addEventListener("focus", function () { index.warm(); });
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

  // Tests and other scripts can query the index directly; the search
  // page's own script (search-page.js, on that page only) shows its
  // results as the header box does.
  window.kbSearch = search;
  window.kbSearchPage = { warm: index.warm, resultLink: resultLink, sectionLabel: sectionLabel, el: el };

  document.querySelectorAll('input[type="search"][data-search="header"]').forEach(combobox);

  // A page opened from a result marks the words searched for (?h=...),
  // until "Clear highlights" or Escape.
  var params = new URLSearchParams(location.search), main = document.getElementById("main") || document.body;
  var marked = (params.get("h") || "").split(" ").filter(Boolean), clear;
  if (marked.length) {
    var walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT), texts = [], n;
    while ((n = walk.nextNode())) if (!n.parentNode.closest("script,style,mark,textarea,.search-popup")) texts.push(n);
    texts.forEach(function (n) {
      var t = n.nodeValue, pos = 0, f = document.createDocumentFragment();
      hits(t, marked).forEach(function (h) { f.append(t.slice(pos, h[0]), el("mark", "search-mark", t.slice(h[0], h[1]))); pos = h[1]; });
      if (pos) { f.append(t.slice(pos)); n.replaceWith(f); }
    });
    var first = main.querySelector(".search-mark");
    if (first) {
      clear = document.body.appendChild(el("button", "search-clear", "Clear highlights"));
      clear.onclick = function () {
        main.querySelectorAll(".search-mark").forEach(function (m) { m.replaceWith(m.textContent); });
        main.normalize();
        clear.remove();
        clear = null;
        params.delete("h");
        history.replaceState(history.state, "", location.pathname + (params + "" ? "?" + params : "") + location.hash);
      };
      if (!location.hash) first.scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "Escape" && clear && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) clear.onclick();
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
    var box = document.querySelector('input[type="search"][name="q"]');
    if (box) { e.preventDefault(); box.focus(); }
  });
})();
