// Every table of a page: sortable by any column (click its header; again to reverse) and
// searchable (a filter box above it). Progressive enhancement: without this script the tables
// are plain and complete. Also the busy indicator of report generation and imports.
(function () {
  "use strict";

  function key(cell) {
    if (!cell) { return ""; }
    var raw = cell.getAttribute("data-sort");
    var text = raw !== null ? raw : cell.textContent.trim();
    var number = text.replace(/[,，\s]/g, "").match(/^[+\-−]?\d+(\.\d+)?/);
    return number ? parseFloat(number[0].replace("−", "-")) : text;
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    if (typeof a === "number") { return -1; }
    if (typeof b === "number") { return 1; }
    return String(a).localeCompare(String(b), "zh-CN");
  }

  function sortable(table) {
    var body = table.tBodies[0];
    var head = table.tHead;
    if (!body || !head || !head.rows.length) { return; }
    Array.prototype.forEach.call(head.rows[head.rows.length - 1].cells, function (th, index) {
      if (th.colSpan > 1 || th.hasAttribute("data-no-sort")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      button.title = "按此列排序";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(key(r1.cells[index]), key(r2.cells[index]));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function searchable(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2) { return; }
    var box = document.createElement("div");
    box.className = "table-search";
    var label = document.createElement("label");
    label.textContent = "查找 ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "输入文字筛选本表";
    label.appendChild(input);
    var count = document.createElement("span");
    count.className = "muted small";
    count.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(count);
    var anchor = table.closest(".table-wrap") || table;
    anchor.parentNode.insertBefore(box, anchor);
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var hit = !words || row.textContent.toLowerCase().indexOf(words) >= 0;
        row.hidden = !hit;
        if (hit) { shown++; }
      });
      count.textContent = words ? "显示 " + shown + " / " + body.rows.length + " 行" : "";
    });
  }

  function busy(text) {
    var el = document.getElementById("busy");
    if (!el) { return; }
    el.querySelector(".busy-text").textContent = text || "正在处理，请稍候…";
    el.hidden = false;
    // a download leaves the page in place: the server sets the cookie the link asked for
    var started = Date.now();
    var poll = setInterval(function () {
      if (document.cookie.indexOf("planwatch_download=done") >= 0 || Date.now() - started > 60000) {
        document.cookie = "planwatch_download=; Max-Age=0; path=/";
        el.hidden = true;
        clearInterval(poll);
      }
    }, 300);
  }

  function init() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.hasAttribute("data-no-enhance")) { return; }
      sortable(table);
      searchable(table);
    });
    document.querySelectorAll("[data-busy]").forEach(function (el) {
      el.addEventListener(el.tagName === "FORM" ? "submit" : "click", function () { busy(el.getAttribute("data-busy")); });
    });
    window.addEventListener("pageshow", function () { var el = document.getElementById("busy"); if (el) { el.hidden = true; } });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
