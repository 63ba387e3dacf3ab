(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  (function unpack() {  // nodes [id, label, x, y, look] and edges [from, to, look] as vis-network takes them (kg/viz/pack.py)
    var looks = DATA.looks, edgeLooks = DATA.edgeLooks;
    if (!looks) return;
    DATA.nodes = DATA.nodes.map(function (r) {
      var L = looks[r[4]], n = Object.assign({}, L, {id: r[0], label: r[1]});
      if (L.font) n.font = Object.assign({}, L.font);
      if (r[2] !== null) { n.x = r[2]; n.y = r[3]; }
      return n;
    });
    DATA.edges = DATA.edges.map(function (r, i) {
      var L = edgeLooks[r[2]];
      return {id: "e" + i, from: r[0], to: r[1], k: L[0], dashes: L[1], width: L[2], color: {color: L[3], opacity: 1}};
    });
    Object.keys(DATA.meta).forEach(function (id) { var m = DATA.meta[id]; if (m.nt) m.tip.push("分工原文：" + m.nt); });
    delete DATA.looks; delete DATA.edgeLooks;
  })();
  var META = DATA.meta, TU = DATA.taskUnits, UT = {}, ALL = DATA.nodes.map(function (n) { return n.id; });
  var BASE = {}, INK = {}, F = {document: "", jurisdiction: "", theme: "", type: ""};
  var state = {hidden: {}, focus: null, matches: null}, showColl = false, LAST = {}, ELAST = {}, LABEL = {};
  var OPEN = {}, OPENA = {}, PARTS = {}, ORDER = {}, INDEX = new Map(), searchRuns = 0, timer = null;
  ALL.forEach(function (id, i) { ORDER[id] = i; });
  Object.keys(TU).forEach(function (t) { TU[t].forEach(function (u) { (UT[u] = UT[u] || []).push(t); }); });
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function textLine(text) { return "任务原文：" + (text.length <= 140 ? text : text.slice(0, 139) + "…"); }
  function tip(id) {
    var box = el("div", "kg-tip");
    META[id].tip.forEach(function (line, i) { box.appendChild(el("div", i ? "" : "kg-tip-head", line)); });
    if (META[id].tx) box.appendChild(el("div", "", textLine(META[id].tx)));
    return box;
  }
  function norm(s) { return String(s || "").toLowerCase().replace(/\s+/g, ""); }
  function index(key, id) {  // the search index: normalised name → node ids
    key = norm(key);
    if (!key) return;
    var ids = INDEX.get(key);
    if (!ids) INDEX.set(key, ids = []);
    if (ids[ids.length - 1] !== id) ids.push(id);
  }
  function line(m, head) {
    for (var i = 0; i < m.tip.length; i++) if (m.tip[i].indexOf(head) === 0) return m.tip[i].slice(head.length);
    return "";
  }
  state.hidden = computeHidden();
  // the overview hands vis-network only the nodes and edges shown: each update of its data sets
  // costs time in proportion to all they hold (0.2 s per update at 17,000 nodes)
  var LAZY = !!DATA.overview;
  // while no document is open (and no filter names one), the overview's documents and jurisdictions
  // stand compact (meta "o": x, y, size, font size); once one is, on the discs that hold what it
  // opens; up to 200 documents ("blocks"), one document opens at a time, in columns beside the
  // overview, where each of its units and themes has its place (meta "p": document → x, y)
  var COMPACT = !!DATA.overview, PLACED = {}, VIEWKEY = "";
  function current() {  // the document open (or named by the filter), if any
    if (F.document) return F.document;
    for (var d in OPEN) return d;
    return null;
  }
  // a document too big to draw at once opens a part at a time (kg/viz/opened.py): PARTS[document] is
  // the part shown, meta "pt" the part of a task, "pts" a document's parts, "p" keyed "d3" then "d3.1" …
  function viewKey() { var cur = current(); return cur ? cur + (PARTS[cur] ? "." + PARTS[cur] : "") : ""; }
  function look(id) {  // where a node stands in the current view, and how big
    var m = META[id], n = DATA.nodes[ORDER[id]], cur = DATA.overview ? current() : null, out = {x: n.x, y: n.y}, s = null;
    if (m.p && m.p[viewKey()]) s = m.p[viewKey()];
    else if (m.o && COMPACT && (DATA.blocks ? id !== cur : !cur)) s = m.o;
    if (s) { out.x = s[0]; out.y = s[1]; }
    if (m.o) {
      var small = (DATA.blocks ? id === cur : OPEN[id]) && m.small;
      out.size = small ? small[0] : s ? s[2] : n.size;
      out.font = {size: small ? small[1] : s ? s[3] : n.font.size};
    }
    return out;
  }
  function full(n) {
    var c = Object.assign({}, n);
    c.title = tip(n.id); c.hidden = false;
    if (META[n.id].o || META[n.id].p) {
      var L = look(n.id);
      PLACED[n.id] = JSON.stringify(L); c.x = L.x; c.y = L.y;
      if (L.size !== undefined) { c.size = L.size; c.font = Object.assign({}, n.font, L.font); }
    }
    return c;
  }
  function fullEdge(e) { var c = Object.assign({}, e); delete c.k; c.hidden = false; return c; }
  var nodes = new vis.DataSet(DATA.nodes.filter(function (n) {
    var m = META[n.id];
    BASE[n.id] = n.color; INK[n.id] = n.font.color; LABEL[n.id] = n.label;
    index(n.label, n.id); index(m.tip[0], n.id);
    if (m.k === "unit") line(m, "写法：").split("、").forEach(function (w) { index(w, n.id); });
    if (m.k === "theme") index(line(m, "主题键："), n.id);
    if (m.k === "target") index(line(m, "原文："), n.id);
    if (m.k === "task") index(m.ti, n.id);
    LAST[n.id] = state.hidden[n.id] ? "1" : "010";
    return !(LAZY && state.hidden[n.id]);
  }).map(function (n) { var c = full(n); c.hidden = !!state.hidden[n.id]; return c; }));
  var KEYS = Array.from(INDEX.keys()), prev = {q: "", keys: KEYS};
  var edges = new vis.DataSet(DATA.edges.filter(function (e) {
    var off = !!(state.hidden[e.from] || state.hidden[e.to]);
    ELAST[e.id] = off ? "1" : "01";
    return !(LAZY && off);
  }).map(function (e) { var c = fullEdge(e); c.hidden = !!(state.hidden[e.from] || state.hidden[e.to]); return c; }));
  var container = document.getElementById("kg-network");
  var big = ALL.length > 1000;
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    autoResize: true,
    layout: {randomSeed: 7, improvedLayout: ALL.length <= 300},
    physics: DATA.physics ? {enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -40, centralGravity: 0.02, springLength: 45, springConstant: 0.08, avoidOverlap: 0.2},
      stabilization: {enabled: true, iterations: 500, updateInterval: 100}} : {enabled: false},
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    nodes: {borderWidth: 1.5},
    edges: {smooth: false, selectionWidth: 1.5}
  });
  window.kgNetwork = network;
  window.kgView = {data: DATA, meta: META, label: LABEL, network: network, container: container,
                   shown: function (id) { return !state.hidden[id]; }, open: function () { return Object.keys(OPEN).length; },
                   filters: function () { return F; }, passes: passes};
  var searchBox = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var detail = document.getElementById("kg-detail");

  function restyle() {
    var hi = null;
    if (state.focus) {
      hi = {}; hi[state.focus] = true;
      (UT[state.focus] || []).forEach(function (t) { hi[t] = true; });
    } else if (state.matches) {
      hi = {}; state.matches.forEach(function (id) { hi[id] = true; });
    }
    var changed = [], echanged = [], added = [], eadded = [], gone = [], egone = [];  // only what changes
    ALL.forEach(function (id, i) {
      var on = !hi || hi[id], mark = !!(hi && hi[id] && state.matches && !state.focus);
      var key = state.hidden[id] ? "1" : "0" + (on ? "1" : "0") + (mark ? "1" : "0");  // a hidden node's look waits
      if (LAST[id] === key) return;
      var was = LAST[id];
      LAST[id] = key;
      if (state.hidden[id]) { if (LAZY) gone.push(id); else changed.push({id: id, hidden: true}); return; }
      var look = {id: id, hidden: false, opacity: on ? 1 : 0.12, borderWidth: mark ? 5 : 1.5,
              color: mark ? {background: BASE[id], border: "#eab308"} : BASE[id],
              font: {color: on ? INK[id] : "rgba(15,23,42,0.18)", strokeColor: on ? "#ffffff" : "rgba(255,255,255,0.2)"}};
      if (LAZY && was === "1") {
        var n = full(DATA.nodes[i]), m = META[id];
        if (m.k === "area" && OPENA[id] && m.small) {  // drawn again open: at the head of its documents
          n.x = m.at[0]; n.y = m.at[1]; n.size = m.small[0]; n.font = Object.assign({}, n.font, {size: m.small[1]});
        }
        look.font = Object.assign({}, n.font, look.font);
        added.push(Object.assign(n, look));
      } else changed.push(look);
    });
    DATA.edges.forEach(function (e) {
      var show = !state.hidden[e.from] && !state.hidden[e.to], on = !hi || (hi[e.from] && hi[e.to]);
      var key = show ? "0" + (on ? "1" : "0") : "1";
      if (ELAST[e.id] === key) return;
      var was = ELAST[e.id];
      ELAST[e.id] = key;
      if (!show) { if (LAZY) egone.push(e.id); else echanged.push({id: e.id, hidden: true}); return; }
      var look = {id: e.id, hidden: false, color: {color: e.color.color, opacity: on ? 1 : 0.07}};
      if (LAZY && was === "1") eadded.push(Object.assign(fullEdge(e), look)); else echanged.push(look);
    });
    if (egone.length) edges.remove(egone);
    if (gone.length) nodes.remove(gone);
    if (added.length) nodes.add(added);
    if (changed.length) nodes.update(changed);
    if (eadded.length) edges.add(eadded);
    if (echanged.length) edges.update(echanged);
    remember();
  }

  var linking = false;  // once the page has opened the view its address names, the address follows the view
  function remember() {
    if (!linking) return;
    var parts = [], keep = params().view;
    if (keep) parts.push("view=" + encodeURIComponent(keep));
    Object.keys(F).forEach(function (k) { if (F[k]) parts.push(k + "=" + encodeURIComponent(F[k])); });
    if (searchBox.value.trim()) parts.push("q=" + encodeURIComponent(searchBox.value.trim()));
    if (state.focus) parts.push("focus=" + encodeURIComponent(state.focus));
    if (showColl) parts.push("c=1");
    if (Object.keys(OPENA).length) parts.push("areas=" + Object.keys(OPENA).sort().join(","));
    if (Object.keys(OPEN).length) parts.push("open=" + Object.keys(OPEN).sort().join(","));
    if (current() && PARTS[current()]) parts.push("part=" + PARTS[current()]);
    try { history.replaceState(null, "", "#" + parts.join("&")); } catch (e) { /* a browser that refuses: no link */ }
  }

  function docShown(d) {  // overview: a document inside a closed jurisdiction is not drawn (unless a filter names it)
    return !DATA.areasClosed || !META[d] || !META[d].a || OPENA[META[d].a] || F.document === d ||
      (F.jurisdiction && META[d].j === F.jurisdiction);
  }
  function passes(t) {  // the task's units the filters keep (all, or those of the unit type), or null if they drop it
    var m = META[t];
    if ((F.document && m.d !== F.document) || (F.jurisdiction && m.j !== F.jurisdiction) ||
        (F.theme && m.h.indexOf(F.theme) < 0)) return null;
    var us = TU[t].filter(function (u) { return !F.type || META[u].y === F.type; });
    return F.type && !us.length ? null : us;
  }
  function computeHidden() {
    var hidden = {}, vis_ = {task: {}, unit: {}, theme: {}, document: {}, area: {}}, filtered = F.document || F.jurisdiction || F.theme || F.type;
    if (!showColl) ALL.forEach(function (id) { if (META[id].c) hidden[id] = true; });
    if (!filtered && !DATA.overview) return hidden;
    if (!filtered) ALL.forEach(function (id) {
      if (META[id].k === "document" && docShown(id)) vis_.document[id] = true;
      if (META[id].k === "area") vis_.area[id] = true;
    });
    Object.keys(TU).forEach(function (t) {
      var m = META[t], us = passes(t);
      if (!us) return;
      if (m.d && docShown(m.d)) vis_.document[m.d] = true;
      if (m.d && META[m.d].a) vis_.area[META[m.d].a] = true;
      if (DATA.overview && (!OPEN[m.d] || !docShown(m.d)) && F.document !== m.d) return;  // overview: a closed document shows alone
      if (m.pt !== undefined && m.pt !== (PARTS[m.d] || 0)) return;  // a big document: the part shown
      vis_.task[t] = true;
      us.forEach(function (u) { vis_.unit[u] = true; });
      m.h.forEach(function (h) { if (!F.theme || h === F.theme) vis_.theme[h] = true; });
      if (m.d) vis_.document[m.d] = true;
    });
    ALL.forEach(function (id) {
      var m = META[id], ok = m.k === "target" ? vis_.task[m.t] : vis_[m.k][id];
      if (!ok) hidden[id] = true;
    });
    return hidden;
  }

  function lookup(q) {  // the names holding q; a longer query looks only among the last one's names
    var pool = prev.q && q.indexOf(prev.q) === 0 ? prev.keys : KEYS;
    var keys = pool.filter(function (k) { return k.indexOf(q) >= 0; }), seen = {}, out = [];
    prev = {q: q, keys: keys};
    keys.forEach(function (k) { INDEX.get(k).forEach(function (id) { if (!seen[id]) { seen[id] = true; out.push(id); } }); });
    return out.sort(function (a, b) { return ORDER[a] - ORDER[b]; });
  }
  function search(text) {
    var q = norm(text);
    searchRuns++;
    state.focus = null;
    state.matches = q ? lookup(q).filter(function (id) { return DATA.overview || !state.hidden[id]; }) : null;
    status.textContent = q ? state.matches.length + " 个匹配 matches" + (state.matches.length ? "（回车定位 Enter to focus）" : "") : "";
    restyle();
  }

  function showDetail(id) {
    while (detail.firstChild) detail.removeChild(detail.firstChild);
    if (!id) return;
    var m = META[id], lines = m.tip;
    detail.appendChild(el("h4", "", lines[0]));
    lines.slice(1).forEach(function (l) {
      if (l.indexOf("任务原文：") !== 0 && l.indexOf("分工原文：") !== 0) detail.appendChild(el("div", "", l));
    });
    if (m.nt) { detail.appendChild(el("div", "kg-label", "分工原文 note as written")); detail.appendChild(el("q", "kg-note", m.nt)); }
    if (m.tx) { detail.appendChild(el("div", "kg-label", "任务原文 text")); detail.appendChild(el("p", "kg-text", m.tx)); }
    if (m.href && !/^\s*(javascript|data|vbscript):/i.test(m.href)) {
      var a = el("a", "kg-page", "任务页 task page →"); a.setAttribute("href", m.href); detail.appendChild(a);
    }
    var list = META[id].k === "unit" ? UT[id] || [] : META[id].k === "task" ? TU[id] : [];
    if (list.length) {
      detail.appendChild(el("div", "", (META[id].k === "unit" ? "任务 tasks" : "单位 units") + "（" + list.length + "）"));
      var ol = el("ul");
      list.forEach(function (x) {
        var li = el("li", "", META[x].tip[0]);
        li.addEventListener("click", function () { goTo(x, 300); });
        ol.appendChild(li);
      });
      detail.appendChild(ol);
    }
  }

  function toggleArea(a, ms) {  // overview: open a jurisdiction (its documents drawn, zoomed to in ms if given) or close it and its documents
    if (OPENA[a]) shut(a); else { OPENA[a] = ++TICK; cap(a, true); }
    growArea(a); refilter(false);
    if (ms !== undefined && OPENA[a]) legible([a].concat(META[a].ds || []), ms);
  }
  function shut(a) { delete OPENA[a]; (META[a].ds || []).forEach(function (d) { if (OPEN[d]) { delete OPEN[d]; grow(d); } }); }
  // past drawnMax nodes drawn (issue 17: about 1,000 at once), the jurisdictions opened least recently close,
  // not keep (the one just opened, or the one of the document just opened); the panel says which (if say)
  var TICK = 0;  // OPENA[a]: when a was opened or last had a document opened
  function cap(keep, say) {
    var gone = [];
    for (;;) {
      var hid = computeHidden(), drawn = 0, oldest = null;
      ALL.forEach(function (id) { if (!hid[id]) drawn++; });
      Object.keys(OPENA).forEach(function (b) { if (b !== keep && (oldest === null || OPENA[b] < OPENA[oldest])) oldest = b; });
      if (drawn <= DATA.drawnMax || oldest === null) break;
      shut(oldest); growArea(oldest); gone.push(LABEL[oldest]);
    }
    if (say || gone.length) areaNote.textContent = gone.length ? "已收起 closed " + gone.join("、") + "：同时最多显示约 " +
      DATA.drawnMax + " 个节点 at most about " + DATA.drawnMax + " nodes drawn at once" : "";
  }
  function growArea(a) {  // a closed jurisdiction fills its cluster with its name; an open one heads its documents
    var m = META[a], n = DATA.nodes[ORDER[a]];
    if (!m.small || !nodes.get(a)) return;
    nodes.update(OPENA[a] ? {id: a, x: m.at[0], y: m.at[1], size: m.small[0], font: {size: m.small[1]}}
                          : {id: a, x: n.x, y: n.y, size: n.size, font: {size: n.font.size}});
  }
  function toggle(doc) {
    if (OPEN[doc]) { delete OPEN[doc]; delete PARTS[doc]; } else { if (DATA.blocks) OPEN = {}; OPEN[doc] = true; seen(doc); }
    grow(doc); refilter(false);
  }
  function seen(doc) {  // a document opened: its jurisdiction the one opened last, the drawing kept under the cap
    var a = DATA.areasClosed && META[doc].a;
    if (a && OPENA[a]) { OPENA[a] = ++TICK; cap(a, false); }
  }
  function grow(doc) {  // overview: an open document is drawn at its normal size, a closed one fills its disc
    var m = META[doc], n = DATA.nodes[ORDER[doc]];
    if (!m.small || m.o || !nodes.get(doc)) return;  // (a compact overview's documents: relayout)
    nodes.update({id: doc, size: OPEN[doc] ? m.small[0] : n.size, font: {size: OPEN[doc] ? m.small[1] : n.font.size}});
  }
  function goTo(id, ms) {  // centre a node, opening its document in the overview; a hidden one stays hidden
    if (state.hidden[id]) reveal(id);
    if (!nodes.get(id) || state.hidden[id]) return;
    network.focus(id, {scale: 1.2, animation: {duration: ms}}); network.selectNodes([id]);
  }
  function reveal(id) {  // overview: open the document a hit belongs to
    var m = META[id], doc = m.k === "task" ? m.d : m.k === "target" ? META[m.t].d : m.k === "document" ? id :
      m.k === "unit" && UT[id] && UT[id].length ? META[UT[id][0]].d : null;
    var part = m.k === "task" ? m.pt : m.k === "target" ? META[m.t].pt : m.k === "unit" && doc ? META[UT[id][0]].pt : undefined;
    if (doc && DATA.overview) {
      if (OPEN[doc] && !state.hidden[doc] && (part === undefined || part === (PARTS[doc] || 0))) return;  // shown already
      if (DATA.areasClosed && META[doc].a && !OPENA[META[doc].a]) { OPENA[META[doc].a] = ++TICK; growArea(META[doc].a); }
      if (DATA.blocks) OPEN = {};
      if (part !== undefined) PARTS[doc] = part;
      OPEN[doc] = true; seen(doc); grow(doc); refilter(false);
    }
  }
  function focusUnit(id) { state.focus = id; state.matches = null; restyle(); }
  function clearFocus() { state.focus = null; restyle(); }

  network.on("click", function (p) {
    centre = null;
    var id = p.nodes && p.nodes[0];
    if (id && META[id].k === "document" && DATA.overview && !F.document) toggle(id);  // overview: open or close it
    if (id && META[id].k === "area" && DATA.areasClosed && !F.document && !F.jurisdiction) toggleArea(id, 300);
    if (id && META[id].k === "unit") focusUnit(id); else if (state.focus) clearFocus();
    showDetail(id);
  });
  searchBox.addEventListener("input", function () {  // debounced: the search runs once typing pauses
    clearTimeout(timer);
    timer = setTimeout(function () { timer = null; search(searchBox.value); }, 200);
  });
  searchBox.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && state.matches && state.matches.length) {
      var id = state.matches[0];
      if (META[id].k === "unit") focusUnit(id);
      goTo(id, 400); showDetail(id);
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (sel) {
    var key = sel.getAttribute("data-filter");
    DATA.filters[key].forEach(function (o) { sel.appendChild(new Option(o[1], o[0])); });
    sel.addEventListener("change", function () { F[key] = sel.value; centre = null; refilter(true); });
  });
  var collBox = document.getElementById("kg-collectives");
  collBox.addEventListener("change", function () { showColl = collBox.checked; refilter(false); });
  function relayout() {  // the nodes drawn moved where the view puts them: true if the view changed
    var moves = [], cur = current(), key = DATA.blocks ? viewKey() : cur ? "open" : "";
    if (!DATA.overview) return false;
    ALL.forEach(function (id) {
      if (!(META[id].o || META[id].p) || !nodes.get(id)) return;
      var L = look(id), k = JSON.stringify(L);
      if (PLACED[id] !== k) { PLACED[id] = k; moves.push(Object.assign({id: id}, L)); }
    });
    if (moves.length) nodes.update(moves);
    if (key === VIEWKEY) return false;
    VIEWKEY = key;
    return true;
  }
  function refilter(fit) {
    state.hidden = computeHidden();
    var moved = relayout();
    if (state.focus && state.hidden[state.focus]) state.focus = null;
    if (searchBox.value) search(searchBox.value); else restyle();
    if (window.kgViewChanged) window.kgViewChanged();
    showParts();
    var shown = ALL.filter(function (id) { return !state.hidden[id]; });
    if (fit && shown.length) network.fit({nodes: shown, animation: false});
    else if (moved) fitGraph();
  }
  var areaNote = document.getElementById("kg-areas-note");
  var partBox = document.getElementById("kg-parts"), partPick = document.getElementById("kg-part");
  var partPrev = document.getElementById("kg-part-prev"), partNext = document.getElementById("kg-part-next");
  function showParts() {  // the parts of the big document shown, if it is one: which is drawn, the one before, after
    var cur = DATA.overview ? current() : null, pts = cur && META[cur].pts, at = PARTS[cur] || 0;
    partBox.hidden = !pts;
    if (!pts) return;
    if (partPick.getAttribute("data-doc") !== cur) {
      while (partPick.firstChild) partPick.removeChild(partPick.firstChild);
      pts.forEach(function (p, i) {
        var num = function (x) { return String(x).replace(/[.．、\s]+$/, ""); };
        partPick.appendChild(new Option("第 " + (i + 1) + "/" + pts.length + " 部分：任务 " + num(p[0]) + "–" + num(p[1]) +
                                        "（" + p[2] + " 项）", String(i)));
      });
      partPick.setAttribute("data-doc", cur);
    }
    partPick.value = String(at); partPrev.disabled = at === 0; partNext.disabled = at >= pts.length - 1;
  }
  function turn(i) {  // another part of the big document shown
    var cur = current();
    if (!cur || !META[cur].pts || i < 0 || i >= META[cur].pts.length) return;
    PARTS[cur] = i; centre = null; refilter(false);
  }
  partPick.addEventListener("change", function () { turn(+partPick.value); });
  partPrev.addEventListener("click", function () { turn((PARTS[current()] || 0) - 1); });
  partNext.addEventListener("click", function () { turn((PARTS[current()] || 0) + 1); });
  function fitOpen() {  // the overview once a document is open: what it opened
    var cur = current(), ids = ALL.filter(function (id) {
      var k = META[id].k;
      return !state.hidden[id] && (k === "task" || k === "unit" || k === "target" || (k === "theme" && DATA.blocks) ||
                                   (k === "document" && (OPEN[id] || id === cur)));
    });
    network.fit(ids.length ? {nodes: ids, animation: false} : {animation: false});
    if (DATA.blocks) wide(ids);  // its columns, as a document alone is shown
  }
  document.getElementById("kg-reset").addEventListener("click", function () {
    centre = null;
    Object.keys(F).forEach(function (k) { F[k] = ""; document.getElementById("kg-f-" + k).value = ""; });
    var was = Object.keys(OPEN), wasA = Object.keys(OPENA); OPEN = {}; OPENA = {}; PARTS = {}; was.forEach(grow); wasA.forEach(growArea);
    areaNote.textContent = "";
    searchBox.value = ""; state = {hidden: {}, focus: null, matches: null};
    collBox.checked = showColl = false; status.textContent = ""; showDetail(null); refilter(false); fitGraph();
  });

  var ready = false, unfitted = false;
  var LEGIBLE = 11;  // px on screen: the least label size the overview opens on
  function labelPx(ids) {  // the smallest label drawn (of ids), in screen pixels at the current zoom
    var least = Infinity;
    (ids || network.body.nodeIndices).forEach(function (id) {
      if (!network.body.nodes[id]) return;
      var o = network.body.nodes[id].options;
      if (!state.hidden[id] && o.label && String(o.label).trim()) least = Math.min(least, o.font.size);
    });
    return least === Infinity ? null : least * network.getScale();
  }
  var centre = null;  // the node a shared link names (focus=…): kept in the middle of the view until the user moves it
  function fitGraph() {
    fitWhole();
    if (centre && nodes.get(centre) && !state.hidden[centre])
      network.focus(centre, {scale: Math.max(network.getScale(), 1), animation: false});
  }
  function fitWhole() {
    if (DATA.overview && current()) { fitOpen(); return; }
    var held = [];  // jurisdictions opened (by a click or a link): shown as a click shows them
    if (DATA.areasClosed) Object.keys(OPENA).sort().forEach(function (a) { held = held.concat([a], META[a].ds || []); });
    if (held.length) { legible(held); return; }
    network.fit({animation: false});
    if (!DATA.layered) {  // the whole overview, with room for labels; if its labels would be too small to
      // read, as close as they read, from its top left (the biggest jurisdictions come first)
      var s = network.getScale() * 0.85, px = labelPx(), b = bounds(), w = container.clientWidth, h = container.clientHeight;
      if (px !== null && px * 0.85 < LEGIBLE && b) {
        s = s * LEGIBLE / (px * 0.85);
        var cx = (b.x1 - b.x0) * s < w - 24 ? (b.x0 + b.x1) / 2 : b.x0 - 12 / s + w / 2 / s;
        network.moveTo({position: {x: cx, y: b.y0 - 12 / s + h / 2 / s}, scale: s, animation: false});
      } else network.moveTo({scale: s, animation: false});
      return;
    }
    wide(ALL);
  }
  function legible(ids, ms) {  // the view that holds ids, or as close as their labels read (from their top left), in ms
    var was = {position: network.getViewPosition(), scale: network.getScale()};
    for (var i = 0; i < 2; i++) {  // vis-network measures a node's box as it draws it, at the zoom it draws at:
      network.redraw(); network.fit({nodes: ids, animation: false});  // fitted again, once measured at this zoom
    }
    var px = labelPx(ids), b = bounds(ids), w = container.clientWidth, h = container.clientHeight;
    if (px !== null && px < LEGIBLE && b) {
      var s = network.getScale() * LEGIBLE / px;
      var cx = (b.x1 - b.x0) * s < w - 24 ? (b.x0 + b.x1) / 2 : b.x0 - 12 / s + w / 2 / s;
      network.moveTo({position: {x: cx, y: b.y0 - 12 / s + h / 2 / s}, scale: s, animation: false});
    }
    if (!ms) return;
    var to = {position: network.getViewPosition(), scale: network.getScale()};
    network.moveTo({position: was.position, scale: was.scale, animation: false});
    network.moveTo({position: to.position, scale: to.scale, animation: {duration: ms}});
  }
  function wide(ids) {  // columns too small to read once fitted: as wide as the panel, from the top
    var b = bounds(ids), w = container.clientWidth, h = container.clientHeight;
    if (!b) return;
    var s = Math.min(1, (w - 24) / Math.max(b.x1 - b.x0, 1));
    if (b.x0 < b.x1 && s > network.getScale())
      network.moveTo({position: {x: (b.x0 + b.x1) / 2, y: b.y0 - 12 / s + h / 2 / s}, scale: s, animation: false});
  }
  function inView(ids) {  // how many of ids are drawn whole inside the panel
    return ids.filter(function (id) {
      if (state.hidden[id] || !network.body.nodes[id]) return false;
      var b = network.getBoundingBox(id), a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
      return a.x >= 0 && a.y >= 0 && z.x <= container.clientWidth && z.y <= container.clientHeight;
    }).length;
  }
  function bounds(ids) {  // the box round the nodes drawn (of ids), in canvas coordinates
    var b = null;
    (ids || network.body.nodeIndices).forEach(function (id) {
      if (state.hidden[id] || !network.body.nodes[id]) return;
      var x = network.getBoundingBox(id);
      b = b ? {x0: Math.min(b.x0, x.left), x1: Math.max(b.x1, x.right), y0: Math.min(b.y0, x.top)} : {x0: x.left, x1: x.right, y0: x.top};
    });
    return b;
  }
  document.addEventListener("kg-view", function (e) {  // the graph shown again after the alignment view
    if (e.detail !== "graph") return;
    network.setSize("100%", "100%"); network.redraw();
    if (unfitted) { unfitted = false; fitGraph(); }
  });
  function onReady() {
    if (ready) return;
    ready = true;
    network.setOptions({physics: false});
    if (document.body.getAttribute("data-view") === "align") unfitted = true; else fitGraph();
    document.body.setAttribute("data-ready", "1"); readyMs = performance.now();
    if (location.hash.indexOf("selfcheck") >= 0) setTimeout(selfCheck, 50); else openLink(params());
  }
  function openLink(P) {  // page.html#theme=h3&q=司法局&focus=u12&c=1&open=d3: a view to share
    if (P.c === "1") { collBox.checked = true; fire(collBox, "change"); }
    if (P.areas && DATA.areasClosed) P.areas.split(",").forEach(function (a) { if (META[a] && !OPENA[a]) toggleArea(a, 0); });
    if (P.open && DATA.overview) P.open.split(",").forEach(function (d) { if (META[d] && !OPEN[d]) toggle(d); });
    if (P.part && current()) turn(+P.part);
    Object.keys(F).forEach(function (k) {
      var sel = document.getElementById("kg-f-" + k);
      if (P[k] && sel) { sel.value = P[k]; fire(sel, "change"); }
    });
    if (P.q) { searchBox.value = P.q; search(P.q); }
    if (P.focus && META[P.focus]) {
      if (state.hidden[P.focus]) reveal(P.focus);  // the overview: its document opened
      if (META[P.focus].k === "unit") focusUnit(P.focus);
      if (nodes.get(P.focus) && !state.hidden[P.focus]) { network.selectNodes([P.focus]); centre = P.focus; fitGraph(); }
      showDetail(P.focus);
    }
    linking = true;
    if (P.check === "view") setTimeout(function () {  // page.html#…&check=view: how the view a link opened looks
      var id = P.focus, at = id && nodes.get(id) ? network.canvasToDOM(network.getPositions([id])[id]) : null, opened = [];
      Object.keys(OPENA).sort().forEach(function (a) { opened = opened.concat([a], META[a].ds || []); });
      document.getElementById("kg-selfcheck").textContent = JSON.stringify({
        areas: Object.keys(OPENA).sort(), opened: opened.length, in_view: inView(opened), opened_px: labelPx(opened),
        focus: id || null, selected: network.getSelectedNodes(), at: at, width: container.clientWidth,
        height: container.clientHeight, label_px: labelPx(), errors: window.__kgErrors.slice()});
      document.body.setAttribute("data-selfcheck", "done");
    }, 500);
  }
  var touched = false, readyMs = null;  // until the user drags or zooms, a resized panel shows the whole width again
  network.on("dragStart", function () { touched = true; centre = null; });
  network.on("zoom", function () { touched = true; centre = null; });
  if (window.ResizeObserver) new ResizeObserver(function () {
    if (ready && !touched && !unfitted && document.body.getAttribute("data-view") !== "align") { fitGraph(); network.redraw(); }
  }).observe(container);
  network.once("stabilizationIterationsDone", onReady);
  if (!DATA.physics) network.once("afterDrawing", onReady);
  setTimeout(onReady, 4000);

  // --- self-check (page.html#selfcheck&q=…&filter=document&value=d0) --------------------------
  function params() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
    });
    return out;
  }
  function kinds() {
    var c = {};
    ALL.forEach(function (id) { if (!state.hidden[id]) c[META[id].k] = (c[META[id].k] || 0) + 1; });
    return c;
  }
  function ink() {
    var cv = container.querySelector("canvas");
    if (!cv) return -1;
    var d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data, n = 0;
    for (var i = 0; i < d.length; i += 16) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
    return n;
  }
  function overlaps() {  // nodes whose box (shape and label) meets another visible node's box
    var ids = ALL.filter(function (id) { return !state.hidden[id]; }), box = {}, hit = {};
    ids.forEach(function (id) { box[id] = network.getBoundingBox(id); });
    for (var i = 0; i < ids.length; i++) {
      var a = box[ids[i]];
      for (var j = i + 1; j < ids.length; j++) {
        var b = box[ids[j]];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) { hit[ids[i]] = true; hit[ids[j]] = true; }
      }
    }
    return Object.keys(hit).sort();
  }
  function figuresShown() {  // the summary table as shown: key → text, and its scope line
    var out = {}, scope = document.getElementById("kg-figures-scope");
    Array.prototype.forEach.call(document.querySelectorAll("#kg-figures tr[data-k]"), function (tr) {
      out[tr.getAttribute("data-k")] = tr.querySelector("td").textContent;
    });
    if (scope) out.scope = scope.textContent;
    return out;
  }
  function fire(node, type) { node.dispatchEvent(new Event(type, {bubbles: true})); }
  function selfCheck() {
    var P = params(), r = {ready: true, ready_ms: readyMs, opened_in: document.body.getAttribute("data-view") || "graph"};
    try {
      window.kgAlign.show("graph");  // opened as #view=align: the graph shown (and fitted) first
      network.redraw();
      r.nodes_expected = ALL.length; r.edges_expected = DATA.edges.length;
      r.nodes_rendered = network.body.nodeIndices.length; r.edges_rendered = network.body.edgeIndices.length;
      r.ink = ink(); r.kinds = kinds();
      r.overlapping = overlaps(); r.shown = ALL.filter(function (id) { return !state.hidden[id]; }).length;
      r.label_px = labelPx(); r.scale = network.getScale();
      var t0 = performance.now();
      searchBox.value = P.q || ""; search(searchBox.value);
      r.search = {query: P.q || "", matches: state.matches ? state.matches.slice() : [], status: status.textContent,
                  ms: performance.now() - t0};
      searchBox.value = ""; search("");
      var key = P.filter || "document", sel = document.getElementById("kg-f-" + key);
      t0 = performance.now();
      sel.value = P.value || (sel.options.length > 1 ? sel.options[1].value : ""); fire(sel, "change");
      r.filter = {key: key, value: sel.value, kinds: kinds(), rendered: network.body.nodeIndices.length, ms: performance.now() - t0};
      sel.value = ""; fire(sel, "change");
      r.after_reset = network.body.nodeIndices.length;
      var unit = P.unit || ALL.filter(function (id) { return META[id].k === "unit"; })[0];
      if (unit) {
        var wasA = Object.assign({}, OPENA);
        reveal(unit); focusUnit(unit);  // (the overview: its first task's document opened)
        r.focus = {unit: unit, tasks: (UT[unit] || []).length, open: Object.keys(OPEN),
                   opaque: nodes.get({filter: function (n) { return !n.hidden && n.opacity !== 0.12; }}).length};
        clearFocus(); Object.keys(OPEN).forEach(toggle);
        Object.keys(OPENA).forEach(function (a) { if (!wasA[a]) toggleArea(a); });
      }
      var unsafe = 0;
      ALL.forEach(function (id) {
        if (!nodes.get(id)) return;  // the overview holds only what it shows
        var t = nodes.get(id).title;
        var want = META[id].tip.join("") + (META[id].tx ? textLine(META[id].tx) : "");
        if (!(t instanceof Element) || t.querySelector(":not(div)") || t.textContent !== want) unsafe++;
      });
      r.tooltips_unsafe = unsafe;
      if (P.hover) {  // show vis-network's own tooltip for one node, as a mouse hover would
        var pos = network.canvasToDOM(network.getPositions([P.hover])[P.hover]);
        network.interactionHandler._checkShowPopup(pos);
        var box = container.querySelector("div.vis-tooltip");
        r.hover = {text: box ? box.textContent : null, elements: box ? box.querySelectorAll(":not(div)").length : -1};
      }
      collBox.checked = true; fire(collBox, "change");
      r.with_collectives = {shown: ALL.filter(function (id) { return !state.hidden[id]; }).length,
                            overlapping: overlaps().length,
                            summary: document.getElementById("kg-view-summary").textContent};
      collBox.checked = false; fire(collBox, "change");
      r.summary = document.getElementById("kg-view-summary").textContent; r.figures = figuresShown();
      if (P.theme) {  // a filter: the summary and the chart follow it; the exports hold what is shown
        var th = document.getElementById("kg-f-theme"); th.value = P.theme; fire(th, "change");
        r.filtered = {summary: document.getElementById("kg-view-summary").textContent, figures: figuresShown(),
                      chart: document.getElementById("kg-chart").textContent, kinds: kinds()};
        var before = location.hash;  // the address names the view: filter, collectives switch
        linking = true; collBox.checked = true; fire(collBox, "change");
        r.link = decodeURIComponent(location.hash); linking = false;
        collBox.checked = false; fire(collBox, "change"); history.replaceState(null, "", before);
      }
      if (P.open && DATA.overview) {  // the overview: a click on a document opens it, another closes it
        toggle(P.open);
        r.opened = {kinds: kinds(), rendered: network.body.nodeIndices.length, summary: document.getElementById("kg-view-summary").textContent,
                    overlapping: overlaps().length, label_px: labelPx(), parts: (META[P.open].pts || []).length};
        toggle(P.open);
        r.closed = {rendered: network.body.nodeIndices.length};
      }
      if (P.area && META[P.area] && DATA.areasClosed) {  // a click on a jurisdiction opens its documents, another closes them
        toggleArea(P.area, 0);  // as a click opens it, zoomed to its documents
        network.redraw();  // (the boxes of what it drew, as drawn at that zoom)
        r.area_opened = {kinds: kinds(), rendered: network.body.nodeIndices.length, overlapping: overlaps().length,
                         label_px: labelPx(), fitted: inView([P.area].concat(META[P.area].ds))};
        toggleArea(P.area);
        r.area_closed = {kinds: kinds(), rendered: network.body.nodeIndices.length};
      }
      if (P.spree && META[P.spree] && DATA.areasClosed) {  // every jurisdiction opened in turn as a click opens it, P.spree last
        r.spree = ALL.filter(function (a) { return META[a].k === "area" && a !== P.spree; }).concat([P.spree]).map(function (a) {
          var was = Object.keys(OPENA);
          toggleArea(a, 0);
          return {area: a, drawn: network.body.nodeIndices.length, open: !!OPENA[a], note: areaNote.textContent,
                  closed: was.filter(function (b) { return !OPENA[b]; }).map(function (b) { return LABEL[b]; })};
        });
        Object.keys(OPENA).forEach(function (a) { toggleArea(a); });
      }
      if (P.reach) {  // every task found by its number and title, and drawn once the search goes to it
        var most = 0, found = 0, reached = 0, lost = [];
        ALL.forEach(function (t) {
          if (META[t].k !== "task") return;
          var hits = lookup(norm(META[t].tip[0]));
          if (hits[0] === t) found++;
          goTo(hits[0], 0);
          most = Math.max(most, network.body.nodeIndices.length);
          if (nodes.get(t) && !state.hidden[t] && network.getSelectedNodes()[0] === t) reached++; else lost.push(t);
        });
        r.reach = {found: found, reached: reached, lost: lost.slice(0, 20), most_drawn: most};
        Object.keys(OPEN).forEach(toggle); Object.keys(OPENA).forEach(function (a) { toggleArea(a); });
      }
      if (P.go && META[P.go]) {  // Enter on a search hit, or a click in a unit's task list: there it is
        goTo(P.go, 0);
        r.go = {present: !!nodes.get(P.go), open: Object.keys(OPEN), areas: Object.keys(OPENA), selected: network.getSelectedNodes()};
        Object.keys(OPEN).forEach(toggle); Object.keys(OPENA).forEach(function (a) { toggleArea(a); });
      }
      if (P.detail && META[P.detail]) {  // the detail panel of one node, as a click shows it
        showDetail(P.detail);
        var link = detail.querySelector("a");
        r.detail = {text: detail.textContent, href: link ? link.getAttribute("href") : null, tip: META[P.detail].tip};
      }
      r.exports = {};
      ["png", "svg", "csv", "graphml", "gexf"].forEach(function (k) {
        document.getElementById("kg-x-" + k).click();
        var x = window.__kgExport || {};
        r.exports[k] = {name: x.name, text: k === "png" ? String(x.text).slice(0, 22) : x.text, size: String(x.text).length};
      });
      if (P.theme) { var th2 = document.getElementById("kg-f-theme"); th2.value = ""; fire(th2, "change"); }
      r.align = window.kgAlign.check();
      r.after_views = network.body.nodeIndices.length;
    } catch (e) { r.exception = String(e && (e.stack || e)); }
    var runs = searchRuns;  // typing five letters in a row runs one search, 200 ms after the last
    ["区", "区司", "区司法", "区司法局", "区司法局"].forEach(function (v) { searchBox.value = v; fire(searchBox, "input"); });
    setTimeout(function () {
      r.debounce = {runs: searchRuns - runs, matches: state.matches ? state.matches.length : null};
      searchBox.value = ""; search("");
      r.pwned = typeof window.__pwned !== "undefined";
      r.errors = window.__kgErrors.slice();
      document.getElementById("kg-selfcheck").textContent = JSON.stringify(r);
      document.body.setAttribute("data-selfcheck", "done");
    }, 400);
  }
})();
