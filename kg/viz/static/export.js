// What the graph page shows, summed up and exported: the summary line and the workload chart of
// the nodes shown (they follow the filters and the collectives switch), and the current view as
// PNG, as CSV (one row per task shown) and as GraphML and GEXF (for Gephi), downloaded from the browser.
(function () {
  "use strict";
  var V = window.kgView, D = V.data, M = V.meta, NS = "http://www.w3.org/2000/svg";
  var IDS = D.nodes.map(function (n) { return n.id; });
  function shownOf(kind) { return IDS.filter(function (id) { return M[id].k === kind && V.shown(id); }); }
  function sv(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clip(s, n) { return s.length <= n ? s : s.slice(0, n - 1) + "…"; }
  function load() {  // unit → [led, responsible, cooperating] over the tasks shown
    var out = {};
    shownOf("task").forEach(function (t) {
      (D.roles[t] || []).forEach(function (p) {
        if (!V.shown(p[0])) return;
        (out[p[0]] = out[p[0]] || [0, 0, 0])[p[1]]++;
      });
    });
    return out;
  }
  function chart(counts) {
    var rows = Object.keys(counts).filter(function (u) { return !M[u].c; }).map(function (u) {
      return [V.label[u], M[u].tip[0]].concat(counts[u]);
    }).sort(function (a, b) { return (b[2] + b[3]) - (a[2] + a[3]) || b[2] - a[2] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); })
      .slice(0, 15);
    var W = 380, LW = 132, RH = 22, TOP = 46, BW = W - LW - 44, H = TOP + RH * Math.max(rows.length, 1) + 26;
    var big = Math.max.apply(null, rows.map(function (r) { return r[2] + r[3] + r[4]; }).concat([1]));
    var svg = sv("svg", {"class": "kg-chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, "font-size": 12});
    var head = sv("text", {x: 0, y: 16, "font-size": 14, "font-weight": "bold", fill: "#0f172a"}, "单位工作量 Workload");
    head.appendChild(sv("tspan", {"font-size": 11, "font-weight": "normal", fill: "#64748b"}, " 当前视图，不含泛指主体 view shown, collectives left out"));
    svg.appendChild(head);
    D.roleNames.forEach(function (r, i) {
      svg.appendChild(sv("rect", {x: i * 118, y: 26, width: 10, height: 10, fill: D.bars[i]}));
      svg.appendChild(sv("text", {x: i * 118 + 14, y: 35, fill: "#334155"}, r[0] + " " + r[1]));
    });
    rows.forEach(function (r, i) {
      var y = TOP + i * RH, g = sv("g", {}), x = LW;
      g.appendChild(sv("title", {}, r[1] + "：牵头 " + r[2] + "，责任 " + r[3] + "，配合 " + r[4]));
      g.appendChild(sv("text", {x: LW - 6, y: y + 14, "text-anchor": "end", fill: "#0f172a"}, clip(r[0], 10)));
      [r[2], r[3], r[4]].forEach(function (n, k) {
        var w = BW * n / big;
        if (n) g.appendChild(sv("rect", {x: x.toFixed(1), y: y + 3, width: w.toFixed(1), height: RH - 7, fill: D.bars[k]}));
        x += w;
      });
      g.appendChild(sv("text", {x: (x + 4).toFixed(1), y: y + 14, fill: "#334155"}, r[2] + "/" + r[3] + (r[4] ? "/" + r[4] : "")));
      svg.appendChild(g);
    });
    if (!rows.length) svg.appendChild(sv("text", {x: 0, y: TOP + 14, fill: "#64748b"}, "没有分工数据 no assignments"));
    return svg;
  }
  function update() {
    var counts = load(), tasks = shownOf("task").length, units = shownOf("unit").length, links = 0, led = 0, top = null;
    Object.keys(counts).forEach(function (u) {
      var c = counts[u];
      links += c[0] + c[1] + c[2]; led += c[0];
      if (!M[u].c && c[0] && (!top || c[0] > counts[top][0])) top = u;
    });
    var hidden = IDS.filter(function (id) { return M[id].c && !V.shown(id); }), cut = 0;
    if (hidden.length) {
      var off = {}; hidden.forEach(function (u) { off[u] = true; });
      shownOf("task").forEach(function (t) { (D.roles[t] || []).forEach(function (p) { if (off[p[0]]) cut++; }); });
    }
    var text = "当前视图 view：" + tasks + " 项任务 tasks · " + units + " 个单位 units · " + links + " 条分工 assignments";
    if (top) text += "；牵头最多 most leads：" + M[top].tip[0] + "（" + counts[top][0] + " 项，占 " + Math.round(100 * counts[top][0] / Math.max(led, 1)) + "%）";
    if (hidden.length) text += "；已隐藏泛指主体、占位角色 " + hidden.length + " 个（" + cut + " 条分工）hidden collectives";
    if (D.overview) text = "概览 overview：点击文件展开其任务 click a document to open it（已展开 " + V.open() + " 个 open）；" + text;
    if (D.areasClosed) text = "点击辖区展开其文件 click a jurisdiction to show its documents（" + shownOf("area").length + " 个辖区 jurisdictions · " +
      shownOf("document").length + " 件文件 documents shown）；" + text;
    document.getElementById("kg-view-summary").textContent = text;
    var box = document.getElementById("kg-chart");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(chart(counts));
  }
  // --- export -------------------------------------------------------------------------------
  function cell(v) {
    var s = String(v === undefined || v === null ? "" : v).replace(/[\r\n]+/g, " ");
    if (/^[=+\-@]/.test(s)) s = "'" + s;  // a spreadsheet must not read a cell as a formula
    return /[",]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csv() {
    var rows = [["编号 number", "任务 task", "文件 document", "牵头 lead", "责任 responsible", "配合 cooperating", "状态 status", "主题 themes"]];
    shownOf("task").forEach(function (t) {
      var m = M[t], who = [[], [], []];
      (D.roles[t] || []).forEach(function (p) { if (V.shown(p[0])) who[p[1]].push(M[p[0]].tip[0]); });
      rows.push([m.n, m.ti, m.d ? M[m.d].tip[0] : "", who[0].join("、"), who[1].join("、"), who[2].join("、"), m.st || "",
                 (m.h || []).map(function (h) { return M[h].tip[0]; }).join("、")]);
    });
    return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }
  function xml(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; })
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
  }
  function graphml() {
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="label" for="node" attr.name="label" attr.type="string"/>',
      '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
      '<key id="role" for="edge" attr.name="role" attr.type="string"/>',
      '<graph id="view" edgedefault="undirected">'];
    IDS.forEach(function (id) {
      if (V.shown(id)) out.push('<node id="' + id + '"><data key="label">' + xml(M[id].tip[0]) + '</data><data key="kind">' + M[id].k + "</data></node>");
    });
    D.edges.forEach(function (e) {
      if (V.shown(e.from) && V.shown(e.to)) out.push('<edge id="' + e.id + '" source="' + e.from + '" target="' + e.to + '"><data key="role">' + e.k + "</data></edge>");
    });
    return out.concat(["</graph>", "</graphml>", ""]).join("\n");
  }
  function gexf() {  // the same view for Gephi (GEXF 1.2, which Gephi and networkx >= 3.2 read): kinds and roles as attributes, positions as drawn
    var ids = IDS.filter(V.shown), at = V.network.getPositions(ids), f = function (v) { return (Math.round(v * 10) / 10).toString(); };
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">',
      '<meta><creator>fazhi-kg</creator><description>' + xml(document.title) + "</description></meta>",
      '<graph defaultedgetype="undirected" mode="static">',
      '<attributes class="node"><attribute id="kind" title="kind" type="string"/></attributes>',
      '<attributes class="edge"><attribute id="role" title="role" type="string"/></attributes>', "<nodes>"];
    ids.forEach(function (id) {
      var p = at[id] || {x: 0, y: 0};
      out.push('<node id="' + id + '" label="' + xml(M[id].tip[0]) + '"><attvalues><attvalue for="kind" value="' + xml(M[id].k) +
               '"/></attvalues><viz:position x="' + f(p.x) + '" y="' + f(-p.y) + '" z="0"/></node>');
    });
    out.push("</nodes>", "<edges>");
    D.edges.forEach(function (e) {
      if (V.shown(e.from) && V.shown(e.to)) out.push('<edge id="' + e.id + '" source="' + e.from + '" target="' + e.to +
        '"><attvalues><attvalue for="role" value="' + xml(e.k) + '"/></attvalues></edge>');
    });
    return out.concat(["</edges>", "</graph>", "</gexf>", ""]).join("\n");
  }
  function svg() {  // the view as a vector drawing: the shown nodes where vis-network put them, their edges, labels as text
    var ids = IDS.filter(V.shown), at = V.network.getPositions(ids), by = {}, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    D.nodes.forEach(function (n) { by[n.id] = n; });
    ids.forEach(function (id) {
      var b = V.network.getBoundingBox(id);
      x0 = Math.min(x0, b.left); y0 = Math.min(y0, b.top); x1 = Math.max(x1, b.right); y1 = Math.max(y1, b.bottom);
    });
    if (!ids.length) { x0 = y0 = 0; x1 = y1 = 1; }
    var f = function (v) { return (Math.round(v * 10) / 10).toString(); };
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [x0 - 10, y0 - 10, x1 - x0 + 20, y1 - y0 + 20].map(f).join(" ") +
      '" font-family="' + xml(by[ids[0]] ? by[ids[0]].font.face : "sans-serif") + '">', '<rect x="' + f(x0 - 10) + '" y="' + f(y0 - 10) +
      '" width="' + f(x1 - x0 + 20) + '" height="' + f(y1 - y0 + 20) + '" fill="#ffffff"/>'];
    D.edges.forEach(function (e) {
      if (!V.shown(e.from) || !V.shown(e.to)) return;
      var a = at[e.from], b = at[e.to];
      out.push('<line x1="' + f(a.x) + '" y1="' + f(a.y) + '" x2="' + f(b.x) + '" y2="' + f(b.y) + '" stroke="' + xml(e.color.color) +
               '" stroke-width="' + e.width + '"' + (e.dashes ? ' stroke-dasharray="' + e.dashes.join(",") + '"' : "") + "/>");
    });
    ids.forEach(function (id) {
      var n = by[id], p = at[id], b = V.network.getBoundingBox(id), size = n.font.size, fill = xml(n.color);
      if (n.shape === "box") {
        out.push('<rect x="' + f(b.left) + '" y="' + f(b.top) + '" width="' + f(b.right - b.left) + '" height="' + f(b.bottom - b.top) +
                 '" rx="3" fill="' + fill + '"/>');
        out.push('<text x="' + f(p.x) + '" y="' + f(p.y + size * 0.35) + '" font-size="' + size + '" text-anchor="middle" fill="' +
                 xml(n.font.color) + '">' + xml(n.label) + "</text>");
      } else {
        out.push('<circle cx="' + f(p.x) + '" cy="' + f(p.y) + '" r="' + f(n.size) + '" fill="' + fill + '"/>');
        out.push('<text x="' + f(p.x) + '" y="' + f(p.y + n.size + size) + '" font-size="' + size + '" text-anchor="middle" fill="#0f172a">' +
                 xml(n.label) + "</text>");
      }
    });
    return out.concat(["</svg>", ""]).join("\n");
  }
  function png() {  // the canvas as drawn, on white
    var src = V.container.querySelector("canvas"), c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    var g = c.getContext("2d");
    g.fillStyle = "#ffffff"; g.fillRect(0, 0, c.width, c.height); g.drawImage(src, 0, 0);
    return c.toDataURL("image/png");
  }
  function save(name, text, type) {
    window.__kgExport = {name: name, text: text};
    if (location.hash.indexOf("selfcheck") >= 0) return;  // the self-check reads it, downloads nothing
    var a = document.createElement("a");
    a.download = name;
    a.href = type ? URL.createObjectURL(new Blob([text], {type: type})) : text;
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    if (type) setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  document.getElementById("kg-x-png").addEventListener("click", function () { save("graph-view.png", png(), ""); });
  document.getElementById("kg-x-svg").addEventListener("click", function () { save("graph-view.svg", svg(), "image/svg+xml"); });
  document.getElementById("kg-x-csv").addEventListener("click", function () { save("tasks-view.csv", csv(), "text/csv;charset=utf-8"); });
  document.getElementById("kg-x-graphml").addEventListener("click", function () {
    save("graph-view.graphml", graphml(), "application/graphml+xml");
  });
  document.getElementById("kg-x-gexf").addEventListener("click", function () { save("graph-view.gexf", gexf(), "application/gexf+xml"); });
  window.kgViewChanged = update;
  update();
})();
