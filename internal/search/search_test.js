// The script's half of the search's shared test vectors (see
// vectors_test.go): search.js, loaded as the browser runs it, over the
// index Go writes for the vectors' corpus. Run with node --test; no npm
// package needed.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const kb = require("../../themes/default/static/js/search.js");
const read = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, "testdata", name), "utf8"));
const vectors = read("vectors.json");
const files = read("vectors-index.json");
const load = (p) => Promise.resolve(files["search/" + p] || null);

test("words, shard keys and key files are Go's", () => {
  for (const v of vectors.queries) {
    const tokens = kb.words(v.query), keys = kb.shardKeys(tokens);
    assert.deepStrictEqual({ tokens, keys, files: keys.map(kb.fileKey) }, { tokens: v.tokens, keys: v.keys, files: v.files }, v.query);
  }
});

test("every posting decodes to a section, a site section and a page that exist", () => {
  const meta = kb.decodeMeta(files["search/meta.json"]);
  const shards = Object.keys(files).filter((p) => p.startsWith("search/k/") || p.startsWith("search/t/"));
  assert.ok(shards.length > 0);
  for (const p of shards) {
    const s = kb.decodeShard(files[p], meta);
    for (const st of Object.keys(s.postings)) {
      for (const q of s.postings[st]) {
        assert.ok(q.id >= 0 && q.id < meta.sections, p + ": section " + q.id);
        assert.ok(q.siteSection >= 0 && q.siteSection < meta.siteSections.length, p + ": site section " + q.siteSection);
        assert.ok(q.page >= 0 && q.page < meta.pages, p + ": page " + q.page);
        assert.strictEqual(q.terms.length, meta.termNumbers, p);
      }
    }
  }
});

test("queries rank and mark as expected, asking only for files that exist", async () => {
  const missing = [];
  const search = kb.newIndex((p) => {
    if (!files["search/" + p]) missing.push(p);
    return load(p);
  }).search;
  for (const v of vectors.queries) {
    const res = await search(v.query, v.filter || null, 10);
    const facets = [].concat(...res.facets.map((g) => g.values.map((f) => [g.taxonomy || "", f.name, f.count])));
    assert.deepStrictEqual({ total: res.total, results: res.pages.map((p) => p.url), facets }, { total: v.total, results: v.results, facets: v.facets }, v.query);
    if (v.marks) assert.deepStrictEqual(res.pages[0].snippet.filter((_, i) => i % 2), v.marks, v.query + ": marks");
  }
  assert.deepStrictEqual(missing, [], "files asked for that the index does not have");
});

// A query of a common word alone needs no records file; any query shows
// what it would show from the records files alone.
test("a common word's shard carries the records its query shows, as the records files hold them", async () => {
  const common = read("common-index.json");
  for (const q of ["hiring", "hiring ", "hir", "hiring loops", "budget"]) {
    // A new index for each query, which asks for each file once.
    const asked = [];
    const withRecords = kb.newIndex((p) => {
      asked.push(p);
      return Promise.resolve(common["search/" + p] || null);
    }).search;
    // The same index, its shards stripped of the records they carry.
    const without = kb.newIndex((p) => {
      const f = common["search/" + p] || null;
      return Promise.resolve(f && f.r ? Object.assign({}, f, { r: undefined }) : f);
    }).search;
    const got = await withRecords(q, null, 6), want = await without(q, null, 6);
    assert.deepStrictEqual(got, want, q);
    assert.strictEqual(got.pages.length, 6, q);
    const records = asked.filter((p) => p.startsWith("r/"));
    if (!q.trim().includes(" ") && q.startsWith("hir")) assert.deepStrictEqual(records, [], q + ": records files asked for");
    else if (q === "budget") assert.ok(records.length > 0, "budget, too rare to carry records, asked for none");
  }
});

test("snippets start and end between words", () => {
  const text = "Opening words before the first match, long enough to be cut away from the snippet. " + "Hiring engineers takes a clear bar and a fast loop; the hires shape the team for years. ".repeat(4);
  const parts = kb.snippet(text, ["hiring", "hires"]);
  const s = parts.join("");
  assert.match(s, /^… \S/);
  assert.match(s, / …$/);
  const inner = s.slice(2, -2);
  assert.ok(text.includes(inner), inner);
  const at = text.indexOf(inner);
  assert.ok(text[at - 1] === " " && text[at + inner.length] === " ", "cut inside a word: " + JSON.stringify(s));
  assert.deepStrictEqual(parts.filter((_, i) => i % 2).slice(0, 2), ["Hiring", "hires"]);
});
