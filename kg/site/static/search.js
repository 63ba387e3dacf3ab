/* fazhi-kg site: search across units, tasks and documents with MiniSearch (bundled, _static/),
   over the entries of search-data.js and the index built with them, with facets. Chinese has no spaces between words: text is
   indexed as its character pairs; a query must match all its pairs, a single character the pairs
   it begins. A task's body (its text and targets) is searched through its own index (data.body,
   kg/site/searchindex.py): a pair may be found there or in the fields; what needs the body ranks
   after what the titles, names and owners find. */
(function () {
  "use strict";
  var data = window.KG_SEARCH || { entries: [], facets: {}, index: null };
  var entries = data.entries;
  var KIND = { unit: "单位 unit", task: "任务 task", doc: "文件 document", area: "地区 area", theme: "主题 theme" };
  var LIMIT = 200;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

  function tokenize(text) {
    var out = [];
    var runs = String(text).toLowerCase().split(/[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20.,;:!?()\[\]{}"'、，。；：！？（）《》“”‘’\-\/]+/);
    runs.forEach(function (run) {
      if (!run) { return; }
      if (!HAN.test(run)) { out.push(run); return; }
      var chars = Array.from(run);
      if (chars.length === 1) { out.push(chars[0]); return; }
      for (var i = 0; i + 1 < chars.length; i++) { out.push(chars[i] + chars[i + 1]); }
    });
    return out;
  }

  var byId = {};
  entries.forEach(function (e) { byId[e.id] = e; });
  var options = {
    idField: "id",
    fields: ["t", "s", "x"],
    tokenize: tokenize,
    // a one-character query finds the pairs that start with it
    searchOptions: { combineWith: "AND", boost: { t: 3 }, prefix: function (term) { return term.length === 1; } }
  };
  // the index comes built with the site (kg/site/searchindex.py writes what MiniSearch's toJSON
  // would): loading it is much faster than indexing every entry here
  var indexing = performance.now();
  var search = data.index ? MiniSearch.loadJS(data.index, options) : new MiniSearch(options);
  if (!data.index) { search.addAll(entries); }
  indexing = performance.now() - indexing;

  var box = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("search-status");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-facet]"));
  if (!box || !list) { return; }

  function chosen() {
    var f = {};
    selects.forEach(function (s) { if (s.value) { f[s.getAttribute("data-facet")] = s.value; } });
    return f;
  }

  function passes(e, facets) {  // an entry's facet values are places in data.facets[k]
    return Object.keys(facets).every(function (k) {
      return (e[k] || []).indexOf((data.facets[k] || []).indexOf(facets[k])) >= 0;
    });
  }

  var BODY = data.body || {}, bodyKeys = null, inText = {}, decoded = new Map();
  function bodyPlaces(term) {  // the entries whose body holds the pair (a single character: a pair it begins)
    if (decoded.has(term)) { return decoded.get(term); }  // typing on reuses the pairs typed
    if (decoded.size > 64) { decoded.clear(); }
    var keys = [term], out = new Set();
    decoded.set(term, out);
    if (term.length === 1) {
      bodyKeys = bodyKeys || Object.keys(BODY);
      keys = bodyKeys.filter(function (k) { return k.charAt(0) === term; });
    }
    keys.forEach(function (k) {
      if (!BODY[k]) { return; }
      var at = 0;
      BODY[k].split(",").forEach(function (d) { at += parseInt(d, 36); out.add(at); });
    });
    return out;
  }

  // What search.search(term) scores, read from its index without the result objects it makes
  // and sorts (most of a common pair's time): the same sums in the same order, so the same
  // scores to the bit (the self-check compares). A term is a pair or a word, or one character,
  // which also finds the terms it begins (MiniSearch's prefix weight).
  var BM25 = { k: 1.2, b: 0.7, d: 0.5 }, PREFIX = 0.375, scored = new Map();
  function bm25(termFreq, matchingCount, totalCount, fieldLength, avgFieldLength, bm25params) {  // MiniSearch's calcBM25Score
    var k = bm25params.k, b = bm25params.b, d = bm25params.d;
    var invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
    return invDocFreq * (d + termFreq * (k + 1) / (termFreq + k * (1 - b + b * fieldLength / avgFieldLength)));
  }
  function fieldScores(term) {  // entry id → score
    if (scored.has(term)) { return scored.get(term); }
    if (scored.size > 64) { scored.clear(); }
    var out = new Map(), ix = search._index;
    function add(fieldTermData, weight) {
      if (!fieldTermData) { return; }
      options.fields.forEach(function (field) {
        var fieldId = search._fieldIds[field], freqs = fieldTermData.get(fieldId);
        if (!freqs) { return; }
        var boost = options.searchOptions.boost[field] || 1, matching = freqs.size, avg = search._avgFieldLength[fieldId];
        freqs.forEach(function (termFreq, doc) {
          var raw = bm25(termFreq, matching, search._documentCount, search._fieldLength.get(doc)[fieldId], avg, BM25);
          var weighted = weight * 1 * boost * 1 * raw, id = search._documentIds.get(doc);
          out.set(id, out.has(id) ? out.get(id) + weighted : weighted);
        });
      });
    }
    add(ix.get(term), 1);
    if (options.searchOptions.prefix(term)) {
      for (var it = ix.atPrefix(term).entries(), step = it.next(); !step.done; step = it.next()) {
        var t = step.value[0], distance = t.length - term.length;
        if (distance) { add(step.value[1], PREFIX * t.length / (t.length + 0.3 * distance)); }
      }
    }
    scored.set(term, out);
    return out;
  }
  function minisearchScores(term) {  // the same through MiniSearch's own search (the self-check's reference)
    var out = new Map();
    search.search(term).forEach(function (r) { out.set(r.id, r.score); });
    return out;
  }

  function find(q, facets, scores) {
    inText = {};
    if (!q) { return (Object.keys(facets).length ? entries : []).filter(function (e) { return passes(e, facets); }); }
    var score = {}, per = tokenize(q).filter(function (t, i, all) { return all.indexOf(t) === i; }).map(function (term) {
      var fields = new Set();
      (scores || fieldScores)(term).forEach(function (s, id) { fields.add(id); score[id] = (score[id] || 0) + s; });
      return { fields: fields, body: bodyPlaces(term) };
    });
    if (!per.length) { return []; }
    per.sort(function (a, b) { return (a.fields.size + a.body.size) - (b.fields.size + b.body.size); });
    var ranked = [], extra = [], first = per[0];
    function check(id) {  // every pair in the fields (ranked by MiniSearch's score), or some only in the body
      var fieldsOnly = true;
      for (var i = 0; i < per.length; i++) {
        var inFields = per[i].fields.has(id);
        if (!inFields && !per[i].body.has(id)) { return; }
        if (!inFields) { fieldsOnly = false; }
      }
      (fieldsOnly ? ranked : extra).push(id);
    }
    first.fields.forEach(check);
    first.body.forEach(function (id) { if (!first.fields.has(id)) { check(id); } });
    function byScore(a, b) { return (score[b] || 0) - (score[a] || 0) || a - b; }
    ranked.sort(byScore);
    extra.sort(byScore);
    extra.forEach(function (id) { inText[id] = true; });
    return ranked.concat(extra).map(function (id) { return byId[id]; }).filter(function (e) { return passes(e, facets); });
  }

  function item(e) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "kind kind-" + e.k;
    kind.textContent = KIND[e.k] || e.k;
    var a = document.createElement("a");
    a.href = e.u;
    a.textContent = e.t;
    var sub = document.createElement("small");
    sub.textContent = (e.s ? " " + e.s : "") + (inText[e.id] ? " · 见于正文 found in its text" : "");
    li.appendChild(kind);
    li.appendChild(a);
    li.appendChild(sub);
    return li;
  }

  function show() {
    var q = box.value.trim();
    var facets = chosen();
    var hits = find(q, facets);
    list.textContent = "";
    hits.slice(0, LIMIT).forEach(function (e) { list.appendChild(item(e)); });
    status.textContent = (q || Object.keys(facets).length) ?
      hits.length + " 个结果 results" + (hits.length > LIMIT ? " (前 " + LIMIT + " 个 first " + LIMIT + ")" : "") : "";
    var state = new URLSearchParams();
    if (q) { state.set("q", q); }
    Object.keys(facets).forEach(function (k) { state.set(k, facets[k]); });
    if (!/^#selfcheck/.test(location.hash)) {
      history.replaceState(null, "", state.toString() ? "#" + state.toString() : location.pathname);
    }
    return hits;
  }

  var timer = null;
  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 60); });
  selects.forEach(function (s) { s.addEventListener("change", show); });
  document.getElementById("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); show(); });

  var start = new URLSearchParams(location.hash.replace(/^#(selfcheck&?)?/, ""));
  if (start.get("q")) { box.value = start.get("q"); }
  selects.forEach(function (s) { var v = start.get(s.getAttribute("data-facet")); if (v) { s.value = v; } });
  if (box.value || Object.keys(chosen()).length) {
    var t0 = performance.now();
    var hits = show();
    var took = performance.now() - t0;
    var fresh = new MiniSearch(options);  // the check that the shipped index is the one MiniSearch builds
    fresh.addAll(entries);
    window.KG_SELFCHECK_SEARCH = { q: box.value, ms: took, index_ms: indexing, entries: entries.length,
      index_as_built: JSON.stringify(fresh.toJSON()) === JSON.stringify(search.toJSON()),
      ranked_as_minisearch: find(box.value.trim(), chosen(), minisearchScores).map(function (e) { return e.id; }).join() ===
        hits.map(function (e) { return e.id; }).join(),
      status: status.textContent,
      pages: hits.map(function (e) { return e.u; }) };
  }
}());
