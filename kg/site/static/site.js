/* fazhi-kg site: every page loads this first. It only listens: it keeps the errors the page meets
   (a script that fails, a file that does not load, console.error), and when the address ends in
   #selfcheck it writes them, with every resource the page loaded, into <pre id="kg-selfcheck">
   for the tests to read. The pages work without it. */
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) {
    var t = e.target;
    if (t && t !== window && (t.src || t.href)) {
      errors.push("failed to load " + (t.src || t.href));
    } else {
      errors.push(String(e.message || e.error));
    }
  }, true);
  window.addEventListener("unhandledrejection", function (e) { errors.push("unhandled rejection: " + e.reason); });
  var original = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
  window.KG_ERRORS = errors;
  window.addEventListener("load", function () {
    if (!/^#selfcheck/.test(location.hash)) { return; }
    setTimeout(function () {
      var report = {
        errors: errors,
        resources: performance.getEntriesByType("resource").map(function (r) { return r.name; }),
        loaded: Array.prototype.map.call(document.querySelectorAll("script[src], link[rel=stylesheet], img[src]"),
          function (e) { return e.src || e.href; }),
        styled: getComputedStyle(document.body).marginTop === "0px",
        title: document.title,
        links: document.links.length,
        svg: document.querySelectorAll("svg a").length,
        search: window.KG_SELFCHECK_SEARCH || null
      };
      var pre = document.createElement("pre");
      pre.id = "kg-selfcheck";
      pre.textContent = JSON.stringify(report);
      document.body.appendChild(pre);
    }, 50);
  });
}());
