/* fazhi-kg site: search across units, tasks and documents with MiniSearch (bundled, _static/),
   over the entries of search-data.js and the index built with them, with facets. Chinese has no spaces between words: text is
   indexed as its character pairs; a query must match all its pairs, a single character the pairs
   it begins. */
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
  // t title, s subtitle, x owners and other names, b a task's whole text and targets: indexed with
  // the site, not shipped in the entries (see kg/site/searchindex.py), and weighed below the rest
  var FIELDS = ["t", "s", "x", "b"];
  var options = {
    idField: "id",
    fields: FIELDS,
    tokenize: tokenize,
    // a one-character query finds the pairs that start with it
    searchOptions: { combineWith: "AND", boost: { t: 3, b: 0.5 }, prefix: function (term) { return term.length === 1; } }
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

  var inText = {};  // the entries the last search found by their text alone
  function find(q, facets) {
    inText = {};
    var hits = q ? search.search(q).map(function (r) {
      var fields = Object.keys(r.match).reduce(function (all, term) { return all.concat(r.match[term]); }, []);
      if (fields.every(function (f) { return f === "b"; })) { inText[r.id] = true; }
      return byId[r.id];
    }) : (Object.keys(facets).length ? entries : []);
    return hits.filter(function (e) { return passes(e, facets); });
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

  function only(index, fields) {  // a serialized index with only the given fields (the first ones)
    var out = Object.assign({}, index), keep = {};
    fields.forEach(function (f) { keep[index.fieldIds[f]] = true; });
    out.fieldIds = {};
    fields.forEach(function (f) { out.fieldIds[f] = index.fieldIds[f]; });
    out.averageFieldLength = index.averageFieldLength.slice(0, fields.length);
    out.fieldLength = {};
    Object.keys(index.fieldLength).forEach(function (d) { out.fieldLength[d] = index.fieldLength[d].slice(0, fields.length); });
    out.index = index.index.map(function (pair) {
      var data = {};
      Object.keys(pair[1]).forEach(function (f) { if (keep[f]) { data[f] = pair[1][f]; } });
      return [pair[0], data];
    }).filter(function (pair) { return Object.keys(pair[1]).length; });
    return out;
  }
  function same(a, b) {  // two serialized indexes alike, whatever the order of their terms
    function key(x) {
      return JSON.stringify(Object.assign({}, x, { index: x.index.slice().sort(function (p, q) {
        return p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0; }) }));
    }
    return key(a) === key(b);
  }

  var start = new URLSearchParams(location.hash.replace(/^#(selfcheck&?)?/, ""));
  if (start.get("q")) { box.value = start.get("q"); }
  selects.forEach(function (s) { var v = start.get(s.getAttribute("data-facet")); if (v) { s.value = v; } });
  if (box.value || Object.keys(chosen()).length) {
    var t0 = performance.now();
    var hits = show();
    var took = performance.now() - t0;
    // the check that the shipped index is the one MiniSearch builds of the entries, in the fields
    // they carry (the body is not shipped: its part of the index is left out of the comparison)
    var shipped = FIELDS.filter(function (f) { return entries.length && f in entries[0]; });
    var fresh = new MiniSearch(Object.assign({}, options, { fields: shipped }));
    fresh.addAll(entries);
    window.KG_SELFCHECK_SEARCH = { q: box.value, ms: took, index_ms: indexing, entries: entries.length,
      index_as_built: same(fresh.toJSON(), only(search.toJSON(), shipped)),
      status: status.textContent,
      pages: hits.map(function (e) { return e.u; }) };
  }
}());
