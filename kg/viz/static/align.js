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
