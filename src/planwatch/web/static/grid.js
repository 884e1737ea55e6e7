// The entry grid: validation as you type (the server's one validator, /api/v1/grid/check),
// Enter moves down and Tab right, and a block copied from Excel (tab-separated) pastes from the
// focused cell. Without this script the grid is a plain form that validates on save.
(function () {
  "use strict";
  var form = document.getElementById("entry-grid");
  if (!form) { return; }
  var timer = null, seq = 0;
  var summary = form.querySelector(".grid-summary");

  function cells() { return Array.prototype.slice.call(form.querySelectorAll("[data-row][data-col]")); }
  function at(row, col) { return form.querySelector('[data-row="' + row + '"][data-col="' + col + '"]'); }

  function rows() {
    var out = [];
    form.querySelectorAll("tbody tr[data-indicator]").forEach(function (tr) {
      var row = { indicator: tr.getAttribute("data-indicator") };
      tr.querySelectorAll("[data-field]").forEach(function (el) { row[el.getAttribute("data-field")] = el.value; });
      out.push(row);
    });
    return out;
  }

  function csrf() {
    var el = form.querySelector('input[name="csrf_token"]');
    return el ? el.value : "";
  }

  function show(problems) {
    form.querySelectorAll(".input-cell").forEach(function (td) {
      td.classList.remove("has-error", "has-warning");
      var msg = td.querySelector(".cell-msg");
      if (msg) { msg.textContent = ""; msg.className = "cell-msg"; }
    });
    var errors = 0, warnings = 0;
    problems.forEach(function (p) {
      if (p.severity === "error") { errors++; } else { warnings++; }
      var tr = form.querySelector('tr[data-indicator="' + (p.indicator || "") + '"]');
      var el = tr && p.field ? tr.querySelector('[data-field="' + p.field + '"]') : null;
      if (!el && tr) { el = tr.querySelector('[data-field="value"]'); }
      if (!el) { return; }
      var td = el.closest(".input-cell");
      var msg = td.querySelector(".cell-msg");
      td.classList.add(p.severity === "error" ? "has-error" : "has-warning");
      msg.className = "cell-msg " + (p.severity === "error" ? "error" : "warning");
      msg.textContent = msg.textContent ? msg.textContent + "；" + p.message : p.message;
    });
    if (summary) {
      summary.textContent = errors || warnings ? "错误 " + errors + " 处，警告 " + warnings + " 处" : "校验通过";
    }
  }

  function check() {
    var mine = ++seq;
    fetch(form.getAttribute("data-check-url"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify({ region: form.getAttribute("data-region"), period: form.getAttribute("data-period"),
                             department: form.getAttribute("data-department"), rows: rows() })
    }).then(function (r) { return r.json(); }).then(function (body) {
      if (mine !== seq) { return; }     // a later check is on its way
      if (body.problems) { show(body.problems); form.setAttribute("data-checked", String(mine)); }
      else if (body.error && summary) { summary.textContent = body.error.message; }
    }).catch(function () { if (summary) { summary.textContent = "校验服务暂不可用，保存时仍会校验"; } });
  }

  function later() { clearTimeout(timer); timer = setTimeout(check, 300); }

  function paste(event) {
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || (text.indexOf("\t") < 0 && text.indexOf("\n") < 0)) { return; }
    event.preventDefault();
    var start = event.target, row0 = +start.getAttribute("data-row"), col0 = +start.getAttribute("data-col");
    text.replace(/\r/g, "").replace(/\n$/, "").split("\n").forEach(function (line, i) {
      line.split("\t").forEach(function (value, j) {
        var el = at(row0 + i, col0 + j);
        if (!el) { return; }
        if (el.tagName === "SELECT") { el.value = /预计/.test(value) ? "预计数" : ""; } else { el.value = value.trim(); }
      });
    });
    later();
  }

  function keys(event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();     // Enter moves down instead of submitting the form
    var el = event.target, step = event.shiftKey ? -1 : 1;
    var next = at(+el.getAttribute("data-row") + step, +el.getAttribute("data-col"));
    if (next) { next.focus(); if (next.select) { next.select(); } }
  }

  cells().forEach(function (el) {
    el.addEventListener("input", later);
    el.addEventListener("change", later);
    el.addEventListener("keydown", keys);
    el.addEventListener("paste", paste);
  });
})();
