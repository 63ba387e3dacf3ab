"""The static CSS and JavaScript of the page :mod:`kg.viz.page` writes (kept apart to keep viz.py short).

The script reads the graph from the ``#kg-data`` JSON block and touches the DOM only through
``textContent``, ``new Option`` and element creation, never ``innerHTML``: every label and
tooltip is text.  ``#selfcheck`` in the URL runs :js:`selfCheck`, which writes a JSON report
into ``#kg-selfcheck`` for the browser test (the alignment view's part comes from ``kgAlign.check``).
"""

PAGE_CSS = """
html,body{margin:0;height:100%;font-family:__FONT__;color:#0f172a;background:#f1f5f9}
header{display:flex;align-items:baseline;gap:16px;padding:8px 16px;background:#1e293b;color:#fff;height:28px;overflow:hidden}
header h1{font-size:17px;margin:0;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:60%}
.kg-scope{font-size:13px;color:#cbd5e1;white-space:nowrap}
main{display:grid;grid-template-columns:250px minmax(300px,1fr) 400px;height:calc(100vh - 44px)}
.kg-side,.kg-right{overflow:auto;padding:10px 12px;background:#fff;font-size:13px}
.kg-side{border-right:1px solid #e2e8f0}.kg-right{border-left:1px solid #e2e8f0}
#kg-network{position:relative;min-height:360px;background:#fff}
label{display:block;margin:8px 0 0;font-size:12px;color:#475569}
select,input{display:block;width:100%;box-sizing:border-box;margin-top:2px;padding:5px;font:inherit;font-size:13px;
  border:1px solid #cbd5e1;border-radius:4px;background:#fff}
button{margin-top:10px;padding:5px 10px;font:inherit;font-size:13px;border:1px solid #94a3b8;border-radius:4px;background:#f8fafc;cursor:pointer}
h3{font-size:14px;margin:14px 0 6px}
.kg-status{min-height:16px;font-size:12px;color:#b45309;margin-top:3px}
.kg-legend{list-style:none;padding:0;margin:0}
.kg-legend li{display:flex;align-items:center;gap:6px;margin:2px 0}
.kg-legend i,.kg-hint{color:#64748b;font-size:12px}
.kg-detail{margin-top:8px;padding:8px;border:1px solid #e2e8f0;border-radius:6px;background:#f8fafc;min-height:40px}
.kg-detail:empty::before{content:"点击图中节点查看详情 Click a node for details";color:#94a3b8}
.kg-detail h4{margin:0 0 4px;font-size:14px}
.kg-detail ul{margin:6px 0 0;padding-left:4px;list-style:none;max-height:220px;overflow:auto}
.kg-detail li{cursor:pointer;margin:1px 0}.kg-detail li:hover{text-decoration:underline}
.kg-summary{border-collapse:collapse;width:100%;font-size:12px}
.kg-summary th{text-align:left;font-weight:normal;color:#475569;padding:2px 4px}
.kg-summary td{text-align:right;padding:2px 4px;font-variant-numeric:tabular-nums}
.kg-summary tr:nth-child(odd){background:#f8fafc}
div.vis-tooltip{max-width:440px;white-space:normal;font-family:__FONT__;font-size:13px;line-height:1.45;
  background:#fffbeb;border:1px solid #f59e0b;color:#0f172a;padding:6px 8px}
.kg-tip-head{font-weight:bold;margin-bottom:3px}
"""

PAGE_JS = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var META = DATA.meta, TU = DATA.taskUnits, UT = {}, ALL = DATA.nodes.map(function (n) { return n.id; });
  var BASE = {}, F = {document: "", jurisdiction: "", theme: "", type: ""};
  var state = {hidden: {}, focus: null, matches: null};
  Object.keys(TU).forEach(function (t) { TU[t].forEach(function (u) { (UT[u] = UT[u] || []).push(t); }); });
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function tip(id) {
    var box = el("div", "kg-tip");
    META[id].tip.forEach(function (line, i) { box.appendChild(el("div", i ? "" : "kg-tip-head", line)); });
    return box;
  }
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    BASE[n.id] = n.color;
    META[n.id].s = (n.label + " " + META[n.id].tip.join(" ")).toLowerCase();
    var c = Object.assign({}, n); c.title = tip(n.id); return c;
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    var c = Object.assign({}, e); delete c.k; return c;
  }));
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
    nodes.update(ALL.map(function (id) {
      var on = !hi || hi[id], mark = hi && hi[id] && state.matches && !state.focus;
      return {id: id, hidden: !!state.hidden[id], opacity: on ? 1 : 0.12, borderWidth: mark ? 5 : 1.5,
              color: mark ? {background: BASE[id], border: "#eab308"} : BASE[id],
              font: {color: on ? "#0f172a" : "rgba(15,23,42,0.18)", strokeColor: on ? "#ffffff" : "rgba(255,255,255,0.2)"}};
    }));
    edges.update(DATA.edges.map(function (e) {
      var show = !state.hidden[e.from] && !state.hidden[e.to], on = !hi || (hi[e.from] && hi[e.to]);
      return {id: e.id, hidden: !show, color: {color: e.color.color, opacity: on ? 1 : 0.07}};
    }));
  }

  function computeHidden() {
    var hidden = {}, vis_ = {task: {}, unit: {}, theme: {}, document: {}};
    if (!(F.document || F.jurisdiction || F.theme || F.type)) return hidden;
    Object.keys(TU).forEach(function (t) {
      var m = META[t];
      if ((F.document && m.d !== F.document) || (F.jurisdiction && m.j !== F.jurisdiction) ||
          (F.theme && m.h.indexOf(F.theme) < 0)) return;
      var us = TU[t].filter(function (u) { return !F.type || META[u].y === F.type; });
      if (F.type && !us.length) return;
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

  function search(text) {
    var q = (text || "").trim().toLowerCase();
    state.focus = null;
    state.matches = q ? ALL.filter(function (id) { return !state.hidden[id] && META[id].s.indexOf(q) >= 0; }) : null;
    status.textContent = q ? state.matches.length + " 个匹配 matches" + (state.matches.length ? "（回车定位 Enter to focus）" : "") : "";
    restyle();
  }

  function showDetail(id) {
    while (detail.firstChild) detail.removeChild(detail.firstChild);
    if (!id) return;
    var lines = META[id].tip;
    detail.appendChild(el("h4", "", lines[0]));
    lines.slice(1).forEach(function (l) { detail.appendChild(el("div", "", l)); });
    var list = META[id].k === "unit" ? UT[id] || [] : META[id].k === "task" ? TU[id] : [];
    if (list.length) {
      detail.appendChild(el("div", "", (META[id].k === "unit" ? "任务 tasks" : "单位 units") + "（" + list.length + "）"));
      var ol = el("ul");
      list.forEach(function (x) {
        var li = el("li", "", META[x].tip[0]);
        li.addEventListener("click", function () { network.focus(x, {scale: 1.2, animation: {duration: 300}}); network.selectNodes([x]); });
        ol.appendChild(li);
      });
      detail.appendChild(ol);
    }
  }

  function focusUnit(id) { state.focus = id; state.matches = null; restyle(); }
  function clearFocus() { state.focus = null; restyle(); }

  network.on("click", function (p) {
    var id = p.nodes && p.nodes[0];
    if (id && META[id].k === "unit") focusUnit(id); else if (state.focus) clearFocus();
    showDetail(id);
  });
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && state.matches && state.matches.length) {
      var id = state.matches[0];
      network.focus(id, {scale: 1.2, animation: {duration: 400}}); network.selectNodes([id]); showDetail(id);
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (sel) {
    var key = sel.getAttribute("data-filter");
    DATA.filters[key].forEach(function (o) { sel.appendChild(new Option(o[1], o[0])); });
    sel.addEventListener("change", function () {
      F[key] = sel.value;
      state.hidden = computeHidden();
      if (state.focus && state.hidden[state.focus]) state.focus = null;
      if (searchBox.value) search(searchBox.value); else restyle();
      var shown = ALL.filter(function (id) { return !state.hidden[id]; });
      if (shown.length) network.fit({nodes: shown, animation: false});
    });
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    Object.keys(F).forEach(function (k) { F[k] = ""; document.getElementById("kg-f-" + k).value = ""; });
    searchBox.value = ""; state = {hidden: {}, focus: null, matches: null};
    status.textContent = ""; restyle(); showDetail(null); network.fit();
  });

  var ready = false, unfitted = false;
  function fitGraph() {
    network.fit({animation: false});
    network.moveTo({scale: network.getScale() * 0.85, animation: false});  // room for the labels
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
    document.body.setAttribute("data-ready", "1");
    if (location.hash.indexOf("selfcheck") >= 0) setTimeout(selfCheck, 50); else openLink(params());
  }
  function openLink(P) {  // page.html#theme=h3&q=司法局&focus=u12: a view to share
    Object.keys(F).forEach(function (k) {
      var sel = document.getElementById("kg-f-" + k);
      if (P[k] && sel) { sel.value = P[k]; fire(sel, "change"); }
    });
    if (P.q) { searchBox.value = P.q; fire(searchBox, "input"); }
    if (P.focus && META[P.focus]) {
      if (META[P.focus].k === "unit") focusUnit(P.focus);
      network.selectNodes([P.focus]); showDetail(P.focus);
    }
  }
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
  function fire(node, type) { node.dispatchEvent(new Event(type, {bubbles: true})); }
  function selfCheck() {
    var P = params(), r = {ready: true, opened_in: document.body.getAttribute("data-view") || "graph"};
    try {
      window.kgAlign.show("graph");  // opened as #view=align: the graph shown (and fitted) first
      network.redraw();
      r.nodes_expected = ALL.length; r.edges_expected = DATA.edges.length;
      r.nodes_rendered = network.body.nodeIndices.length; r.edges_rendered = network.body.edgeIndices.length;
      r.ink = ink(); r.kinds = kinds();
      searchBox.value = P.q || ""; fire(searchBox, "input");
      r.search = {query: P.q || "", matches: state.matches ? state.matches.slice() : [], status: status.textContent};
      searchBox.value = ""; fire(searchBox, "input");
      var key = P.filter || "document", sel = document.getElementById("kg-f-" + key);
      sel.value = P.value || (sel.options.length > 1 ? sel.options[1].value : ""); fire(sel, "change");
      r.filter = {key: key, value: sel.value, kinds: kinds(), rendered: network.body.nodeIndices.length};
      sel.value = ""; fire(sel, "change");
      r.after_reset = network.body.nodeIndices.length;
      var unit = P.unit || ALL.filter(function (id) { return META[id].k === "unit"; })[0];
      if (unit) {
        focusUnit(unit);
        r.focus = {unit: unit, tasks: (UT[unit] || []).length,
                   opaque: nodes.get({filter: function (n) { return n.opacity === 1; }}).length};
        clearFocus();
      }
      var unsafe = 0;
      ALL.forEach(function (id) {
        var t = nodes.get(id).title;
        if (!(t instanceof Element) || t.querySelector(":not(div)") || t.textContent !== META[id].tip.join("")) unsafe++;
      });
      r.tooltips_unsafe = unsafe;
      if (P.hover) {  // show vis-network's own tooltip for one node, as a mouse hover would
        var pos = network.canvasToDOM(network.getPositions([P.hover])[P.hover]);
        network.interactionHandler._checkShowPopup(pos);
        var box = container.querySelector("div.vis-tooltip");
        r.hover = {text: box ? box.textContent : null, elements: box ? box.querySelectorAll(":not(div)").length : -1};
      }
      r.align = window.kgAlign.check();
      r.after_views = network.body.nodeIndices.length;
    } catch (e) { r.exception = String(e && (e.stack || e)); }
    r.pwned = typeof window.__pwned !== "undefined";
    r.errors = window.__kgErrors.slice();
    document.getElementById("kg-selfcheck").textContent = JSON.stringify(r);
    document.body.setAttribute("data-selfcheck", "done");
  }
})();
"""

ALIGN_CSS = """
header h1{min-width:0;flex:0 1 auto}.kg-scope{min-width:0;overflow:hidden;text-overflow:ellipsis}
.kg-tabs{margin-left:auto;display:flex;gap:4px;flex-shrink:0;align-self:center}
.kg-tabs button{margin:0;padding:3px 12px;background:#334155;color:#e2e8f0;border-color:#475569}
.kg-tabs button[aria-selected=true]{background:#f8fafc;color:#0f172a;font-weight:600}
#kg-align{display:none;flex-direction:column;height:calc(100vh - 44px);background:#fff}
body[data-view=align] main{display:none}body[data-view=align] #kg-align{display:flex}
.kg-align-bar{display:flex;align-items:center;gap:18px;flex-wrap:wrap;padding:6px 14px;border-bottom:1px solid #e2e8f0}
.kg-align-bar label{display:flex;align-items:center;gap:6px;margin:0;font-size:13px}
.kg-align-bar select{width:auto;max-width:420px}.kg-align-bar span{font-size:13px}.kg-align-bar svg{vertical-align:middle}
.kg-align-count{color:#334155;font-weight:600}
.kg-align-body{flex:1;display:grid;grid-template-columns:minmax(0,1fr) 330px;min-height:0}
#kg-align-svg{overflow:auto;padding:6px 10px}#kg-align-svg p{color:#64748b;font-size:14px;max-width:640px}
#kg-align-detail{margin:10px;overflow:auto;font-size:13px;line-height:1.5}
#kg-align-detail:empty::before{content:"悬停或点击连线、条目：查看两边标题与得分。Hover or click a link or an item."}
#kg-align-detail .kg-plan{color:#64748b;font-size:12px;margin-top:6px}#kg-align-detail .kg-gapnote{color:#b91c1c}
.kg-item{cursor:pointer}.kg-item rect{fill:#f8fafc;stroke:#cbd5e1}.kg-item.kg-hi rect{fill:#eff6ff;stroke:#93c5fd}
.kg-item.kg-gap rect{fill:#fee2e2;stroke:#dc2626;stroke-width:1.5}.kg-item.kg-none text{fill:#94a3b8}
.kg-item.on rect{stroke:#f59e0b;stroke-width:2.5}.kg-link{cursor:pointer}.kg-hit{stroke:transparent;fill:none}
.kg-line{fill:none}svg.kg-dim .kg-link:not(.on){opacity:.1}svg.kg-dim .kg-item:not(.on){opacity:.45}
.kg-link.on .kg-line{stroke:#f59e0b;stroke-opacity:1}
"""

# The second view, "上下对应 alignment": the higher plan's items (left), the lower plan's tasks
# (right), links as SVG curves as wide as their score, gaps in red.  ``#view=align`` opens it,
# ``&pair=1`` picks a pair, ``&sel=l3`` (link), ``h3`` (higher item) or ``w3`` (lower task) pins one.
ALIGN_JS = r"""
window.kgAlign = (function () {
  "use strict";
  var PAIRS = JSON.parse(document.getElementById("kg-data").textContent).align || [];
  var NS = "http://www.w3.org/2000/svg", ROW = 22, COLW = 340, GAPW = 330, TOP = 50;
  var box = document.getElementById("kg-align-svg"), detail = document.getElementById("kg-align-detail");
  var pick = document.getElementById("kg-align-pick"), count = document.getElementById("kg-align-count");
  var pinned = null, svg = null, P = null;
  function el(tag, cls, text) { var e = document.createElement(tag); e.className = cls; e.textContent = text; return e; }
  function sv(tag, attrs, text) {  // an SVG element; attributes are numbers or fixed words, text is text
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clip(s, n) { return s.length <= n ? s : s.slice(0, n - 1) + "…"; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function name(c, i) { var it = P.items[c][i]; return (it[0] + " " + it[1]).trim(); }
  function side(c) { return (c ? "下级 lower：" : "上级 higher：") + P.plans[c][0]; }
  function fmt(s) { return s.toFixed(3); }
  function linkText(l) { return "得分 score " + fmt(l[2]) + " · 第 " + l[3] + " 名 rank" + (l[4] ? " · 最佳对应 best match" : ""); }
  function showView(v) {
    v = v === "align" ? "align" : "graph";
    document.body.setAttribute("data-view", v);
    ["graph", "align"].forEach(function (k) { document.getElementById("kg-tab-" + k).setAttribute("aria-selected", String(k === v)); });
    document.dispatchEvent(new CustomEvent("kg-view", {detail: v}));
  }
  function draw(i) {
    P = PAIRS[i]; pinned = null; clear(box); clear(detail);
    if (!P) {
      box.appendChild(el("p", "", "没有上下对应数据：库中没有连接已载入任务的对应关系。先运行 kg align 下级文件 上级文件 --store …，" +
        "再生成本页。No alignment links between the loaded tasks: run kg align LOWER HIGHER --store … first."));
      count.textContent = "无对应 no alignment"; return;
    }
    var hi = P.items[0], lo = P.items[1], n = Math.max(hi.length, lo.length, 1), gaps = {}, linked = [{}, {}];
    var W = 2 * COLW + GAPW, H = TOP + n * ROW + 8, links = sv("g", {}), items = sv("g", {});
    function y(c, j) { return TOP + (j + 0.5) * n * ROW / P.items[c].length; }
    P.gaps.forEach(function (g) { gaps[g] = true; });
    svg = sv("svg", {width: W, height: H, viewBox: "0 0 " + W + " " + H, "font-size": "12.5", role: "img"});
    ["上级 higher", "下级 lower"].forEach(function (head, c) {
      var x = c ? COLW + GAPW : 0;
      svg.appendChild(sv("text", {x: x, y: 16, "font-size": "14", "font-weight": "bold"}, head + "（" + P.items[c].length + " 项）"));
      svg.appendChild(sv("text", {x: x, y: 34, fill: "#475569"}, clip(P.plans[c][0], 30)))
        .appendChild(sv("title", {}, P.plans[c][0] + "（" + P.plans[c][1] + "）"));
    });
    P.links.forEach(function (l, k) {
      linked[0][l[0]] = linked[1][l[1]] = true;
      var y1 = y(0, l[0]), y2 = y(1, l[1]), x1 = COLW + 2, x2 = COLW + GAPW - 2, xm = (x1 + x2) / 2;
      var d = "M" + x1 + " " + y1 + "C" + xm + " " + y1 + " " + xm + " " + y2 + " " + x2 + " " + y2;
      var w = Math.min(9, 0.8 + 10 * l[2]), g = links.appendChild(sv("g", {"class": "kg-link", "data-l": k}));
      g.appendChild(sv("title", {}, name(0, l[0]) + " ↔ " + name(1, l[1]) + "\n" + linkText(l)));
      g.appendChild(sv("path", {"class": "kg-hit", d: d, "stroke-width": Math.max(9, w + 4)}));
      g.appendChild(sv("path", {"class": "kg-line", d: d, "stroke-width": w.toFixed(2), stroke: l[4] ? "#2563eb" : "#64748b",
                                "stroke-opacity": l[4] ? 0.8 : 0.3}));
    });
    [hi, lo].forEach(function (col, c) {
      col.forEach(function (it, j) {
        var gap = !c && gaps[j], x = c ? COLW + GAPW : 0, yy = y(c, j);
        var g = items.appendChild(sv("g", {"class": "kg-item" + (c ? "" : " kg-hi") + (gap ? " kg-gap" : "") +
                                                (linked[c][j] ? "" : " kg-none"), "data-c": c, "data-i": j}));
        g.appendChild(sv("title", {}, name(c, j) + (gap ? "\n缺口 gap：没有达到阈值的下级任务" : "")));
        g.appendChild(sv("rect", {x: x, y: yy - ROW / 2 + 2, width: COLW, height: ROW - 4, rx: 4}));
        var t = g.appendChild(sv("text", {x: x + 6, y: yy + 4.5, fill: "#0f172a"}));
        t.appendChild(sv("tspan", {"font-weight": "bold"}, it[0] + " "));
        t.appendChild(sv("tspan", {}, clip(it[1], gap ? 19 : 23)));
        if (gap) g.appendChild(sv("text", {x: x + COLW - 6, y: yy + 4.5, "text-anchor": "end", fill: "#b91c1c", "font-weight": "bold"}, "缺口 gap"));
      });
    });
    svg.appendChild(links); svg.appendChild(items); box.appendChild(svg);
    count.textContent = "上级 " + hi.length + " 项 · 下级 " + lo.length + " 项 · 对应 " + P.links.length + " 条（最佳 " +
      P.links.filter(function (l) { return l[4]; }).length + "）· 缺口 " + P.gaps.length + " 个";
  }
  function mark(target) {  // highlight a link, or an item and its links; the detail is text
    clear(detail);
    Array.prototype.forEach.call(svg.querySelectorAll(".on"), function (e) { e.classList.remove("on"); });
    svg.classList.toggle("kg-dim", !!target);
    if (!target) return;
    var on = [], c = target.c, j = target.i;
    function light(sel) { var e = svg.querySelector(sel); if (e) e.classList.add("on"); }
    if (target.l !== undefined) {
      var l = P.links[target.l];
      on.push(target.l);
      detail.appendChild(el("h4", "", "对应 link · " + linkText(l)));
      [0, 1].forEach(function (c) { detail.appendChild(el("div", "kg-plan", side(c))); detail.appendChild(el("div", "", name(c, l[c]))); });
    } else {
      P.links.forEach(function (l, k) { if (l[c] === j) on.push(k); });
      detail.appendChild(el("h4", "", name(c, j)));
      detail.appendChild(el("div", "kg-plan", side(c)));
      if (!c && P.gaps.indexOf(j) >= 0) detail.appendChild(el("div", "kg-gapnote", "缺口 gap：没有达到阈值的下级任务 no lower task reaches the threshold"));
      detail.appendChild(el("div", "kg-plan", on.length ? "对应 links（" + on.length + "）" : "无对应 no links"));
      on.forEach(function (k) {
        var l = P.links[k]; detail.appendChild(el("div", "", fmt(l[2]) + " · 第" + l[3] + "名 · " + name(1 - c, l[1 - c])));
      });
      light('.kg-item[data-c="' + c + '"][data-i="' + j + '"]');
    }
    on.forEach(function (k) {
      light('.kg-link[data-l="' + k + '"]');
      [0, 1].forEach(function (c) { light('.kg-item[data-c="' + c + '"][data-i="' + P.links[k][c] + '"]'); });
    });
  }
  function targetOf(e) {
    var g = e.target.closest && e.target.closest(".kg-link,.kg-item"), a = function (k) { return +g.getAttribute(k); };
    return !g ? null : g.hasAttribute("data-l") ? {l: a("data-l")} : {c: a("data-c"), i: a("data-i")};
  }
  box.addEventListener("mouseover", function (e) { var t = svg && targetOf(e); if (t) mark(t); });
  box.addEventListener("mouseleave", function () { if (svg) mark(pinned); });
  box.addEventListener("click", function (e) { if (svg) { pinned = targetOf(e); mark(pinned); } });
  PAIRS.forEach(function (P, i) { pick.appendChild(new Option("上级 " + P.plans[0][0] + " ↔ 下级 " + P.plans[1][0], String(i))); });
  if (PAIRS.length < 2) pick.parentNode.style.display = "none";  // the column heads name the one pair
  pick.addEventListener("change", function () { draw(+pick.value || 0); });
  Array.prototype.forEach.call(document.querySelectorAll(".kg-tabs button"), function (b) {
    b.addEventListener("click", function () { showView(b.getAttribute("data-view")); });
  });
  var H = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (kv) { var i = kv.indexOf("="); if (i > 0) H[kv.slice(0, i)] = kv.slice(i + 1); });
  pick.value = PAIRS[+H.pair] ? H.pair : "0"; draw(+pick.value || 0);
  var m = svg && /^([lhw])(\d+)$/.exec(H.sel || "");
  if (m) pinned = m[1] === "l" ? {l: +m[2]} : {c: m[1] === "w" ? 1 : 0, i: +m[2]};
  if (pinned && (pinned.l !== undefined ? P.links[pinned.l] : P.items[pinned.c][pinned.i])) mark(pinned); else pinned = null;
  if (H.view === "align") showView("align");

  function shown(node) { return node.getClientRects().length > 0; }
  function check() {  // for the self-check: every pair drawn, its links and gaps counted in the DOM
    var r = {pairs: PAIRS.length, links_expected: 0, gaps_expected: 0, links_drawn: 0, gaps_drawn: 0, items_drawn: 0};
    var main = document.querySelector("main"), view = document.getElementById("kg-align");
    document.getElementById("kg-tab-align").click();
    r.align_shown = shown(view) && !shown(main);
    PAIRS.forEach(function (p, i) {
      pick.value = String(i); pick.dispatchEvent(new Event("change"));
      r.links_expected += p.links.length; r.gaps_expected += p.gaps.length;
      r.links_drawn += box.querySelectorAll("g.kg-link").length; r.gaps_drawn += box.querySelectorAll("g.kg-gap").length;
      r.items_drawn += box.querySelectorAll("g.kg-item").length;
    });
    if (PAIRS.length) {
      pick.value = "0"; pick.dispatchEvent(new Event("change"));
      box.querySelector("g.kg-link .kg-line").dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
      r.hover = {text: detail.textContent, elements: detail.querySelectorAll(":not(div):not(h4)").length,
                 highlighted: box.querySelectorAll("g.kg-link.on").length};
      var gap = box.querySelector("g.kg-gap rect");
      if (gap) gap.dispatchEvent(new MouseEvent("click", {bubbles: true}));
      r.gap_click = detail.textContent;
      box.dispatchEvent(new MouseEvent("mouseleave"));
      r.pinned_kept = detail.textContent === r.gap_click;
    } else r.empty_text = box.textContent;
    r.svg_elements_unsafe = box.querySelectorAll("script,foreignObject,image,a,iframe").length;
    document.getElementById("kg-tab-graph").click();
    r.graph_shown = shown(main) && !shown(view);
    return r;
  }
  return {check: check, show: showView};
})();
"""
