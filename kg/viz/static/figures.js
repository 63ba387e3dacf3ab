// The summary table (概要) for the view: with a filter on, its figures are recomputed in the browser
// over the tasks the filters select and their units (only the chosen unit type's, with that filter),
// as kg.views.analyze computes them over a filtered graph; with none, the table keeps the whole
// graph's figures written by Python. The number of co-lead communities (a Louvain partition) is
// always the whole graph's, and says so.
(function () {
  "use strict";
  var V = window.kgView, D = V.data, M = V.meta, TABLE = document.getElementById("kg-figures");
  if (!TABLE) return;
  var SCOPE = document.getElementById("kg-figures-scope"), ROWS = TABLE.querySelectorAll("tr[data-k]"), WHOLE = {};
  var TASKS = D.nodes.map(function (n) { return n.id; }).filter(function (id) { return M[id].k === "task"; });
  var ORDER = {};
  D.nodes.forEach(function (n, i) { ORDER[n.id] = i; });
  Array.prototype.forEach.call(ROWS, function (tr) { WHOLE[tr.getAttribute("data-k")] = tr.querySelector("td").textContent; });
  function num(x) {  // as Python prints round(x, 4): 0.5, 0.0, 0.2653
    var r = Math.round(x * 10000) / 10000;
    return Number.isInteger(r) ? r.toFixed(1) : String(r);
  }
  function size(set) { return Object.keys(set).length; }
  function figures() {
    var units = {}, tasks = [], n = 0, noLead = 0, many = 0, collOnly = 0;
    TASKS.forEach(function (t) {
      var keep = V.passes(t);
      if (!keep) return;
      var ok = {}, leads = {}, owners = [];
      keep.forEach(function (u) { ok[u] = true; });
      n++; tasks.push(t);
      (D.roles[t] || []).forEach(function (p) {
        var u = p[0], role = p[1];
        if (!ok[u]) return;
        var w = units[u] || (units[u] = {id: u, name: M[u].tip[0], roles: [{}, {}, {}], count: 0});
        w.roles[role][t] = true; w.count++;
        if (role === 0) leads[u] = true;
        if (role < 2) owners.push(u);
      });
      if (!size(leads)) noLead++;
      if (size(leads) >= 3) many++;
      if (owners.length && owners.every(function (u) { return M[u].c; })) collOnly++;
    });
    var ranked = Object.keys(units).map(function (u) {
      var w = units[u]; w.led = size(w.roles[0]); w.resp = size(w.roles[1]); w.coop = size(w.roles[2]); return w;
    }).sort(function (a, b) {
      return b.led - a.led || b.resp - a.resp || b.coop - a.coop || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        ORDER[a.id] - ORDER[b.id];
    });
    var leaders = ranked.filter(function (w) { return w.led > 0; }), top3 = {};
    leaders.slice(0, 3).forEach(function (w) { Object.keys(w.roles[0]).forEach(function (t) { top3[t] = true; }); });
    var led = ranked.map(function (w) { return w.led; }), total = led.reduce(function (a, b) { return a + b; }, 0);
    var sorted = led.slice().sort(function (a, b) { return a - b; }), k = sorted.length, weighted = 0;
    sorted.forEach(function (x, i) { weighted += (2 * (i + 1) - k - 1) * x; });
    return {
      top_unit: leaders.length ? leaders[0].name : "—",
      top1_share: num(leaders.length && n ? leaders[0].led / n : 0),
      top3_share: num(n ? size(top3) / n : 0),
      gini: num(k && total ? weighted / (k * total) : 0),
      hhi: num(total ? led.reduce(function (a, x) { return a + (x / total) * (x / total); }, 0) : 0),
      no_lead: String(noLead), many_leads: String(many), collective_only: String(collOnly),
      named_once: String(ranked.filter(function (w) { return w.count === 1; }).length)
    };
  }
  function update() {
    var F = V.filters(), on = !!(F.document || F.jurisdiction || F.theme || F.type), vals = on ? figures() : WHOLE;
    Array.prototype.forEach.call(ROWS, function (tr) {
      var key = tr.getAttribute("data-k");
      tr.querySelector("td").textContent = key in vals ? vals[key] : WHOLE[key] + (on ? "（全图）" : "");
    });
    SCOPE.textContent = on ? "当前筛选 filtered view（社群数为全图 communities: whole graph）" : "全图 whole graph";
  }
  var before = window.kgViewChanged;
  window.kgViewChanged = function () { if (before) before(); update(); };
  update();
})();
