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
