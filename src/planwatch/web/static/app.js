// planwatch charts: each <div data-chart="ID"> is drawn from the JSON in <script id="ID">.
// The same figures are in a table on the page; charts are an aid, not the only view.
(function () {
  "use strict";
  var GOOD = "#1a7f37", BAD = "#c62828", BLUE = "#0b5cad", GREY = "#57606a";
  var FONT = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

  function wrapLabel(name) { return name.length > 8 ? name.slice(0, 8) + "…" : name; }

  function base() {
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0 }
    };
  }

  function completion(d) {
    var o = base();
    o.xAxis = { type: "value", max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); },
                axisLabel: { formatter: "{value}%" } };
    o.yAxis = { type: "category", data: d.names, inverse: true, axisLabel: { formatter: wrapLabel } };
    // Colours follow the status engine's verdicts (d.lagging); nothing is judged here.
    o.series = [{
      name: "完成率", type: "bar", data: d.completion.map(function (v, i) {
        return { value: v, itemStyle: { color: d.lagging && d.lagging[i] ? BAD : GOOD } };
      }),
      label: { show: true, position: "right", formatter: "{c}%" },
      markLine: { symbol: "none", data: [{ xAxis: d.time_progress, name: "序时进度" }],
                  label: { formatter: "序时进度 {c}%" }, lineStyle: { color: GREY, type: "dashed", width: 2 } }
    }];
    return o;
  }

  function growth(d) {
    var o = base();
    o.xAxis = { type: "category", data: d.names, axisLabel: { interval: 0, rotate: d.names.length > 6 ? 30 : 0, formatter: wrapLabel } };
    o.yAxis = { type: "value", axisLabel: { formatter: "{value}%" } };
    o.series = [{ name: "同比增长", type: "bar", data: d.growth.map(function (v) {
      return { value: v, itemStyle: { color: v !== null && v < 0 ? BAD : BLUE } };
    }), label: { show: true, position: "top", formatter: "{c}%" } }];
    return o;
  }

  function history(d) {
    var o = base();
    o.xAxis = { type: "category", data: d.periods };
    o.yAxis = [{ type: "value", name: d.unit || "" }, { type: "value", name: "%", axisLabel: { formatter: "{value}%" } }];
    o.series = [];
    if (d.values.some(function (v) { return v !== null; })) {
      var bars = { name: "实际（" + (d.unit || "") + "）", type: "bar", data: d.values, itemStyle: { color: BLUE },
                   label: { show: true, position: "top" } };
      if (d.target_level !== null && d.target_level !== undefined) {
        bars.markLine = { symbol: "none", data: [{ yAxis: d.target_level }], label: { formatter: "年度目标 {c}" },
                          lineStyle: { color: BAD, type: "dashed" } };
      }
      o.series.push(bars);
    }
    if (d.growth.some(function (v) { return v !== null; })) {
      var g = { name: "同比增长（%）", type: "line", yAxisIndex: 1, data: d.growth, itemStyle: { color: GOOD },
                label: { show: true, formatter: "{c}%" } };
      if (d.target_growth !== null) {
        g.markLine = { symbol: "none", data: [{ yAxis: d.target_growth }], label: { formatter: "目标 {c}%" },
                       lineStyle: { color: GREY, type: "dashed" } };
      }
      o.series.push(g);
    }
    if (d.completion.some(function (v) { return v !== null; })) {
      o.series.push({ name: "完成率（%）", type: "line", yAxisIndex: 1, data: d.completion, itemStyle: { color: "#8250df" } });
      o.series.push({ name: "序时进度（%）", type: "line", yAxisIndex: 1, data: d.time_progress,
                      lineStyle: { type: "dashed" }, itemStyle: { color: GREY } });
    }
    return o;
  }

  function projects(d) {
    return completion({ names: d.names, completion: d.completion, time_progress: d.time_progress, lagging: d.lagging });
  }

  function compare(d) {
    var o = base();
    o.legend = { show: false };
    o.xAxis = { type: "category", data: d.names, axisLabel: { interval: 0, rotate: d.names.length > 8 ? 30 : 0 } };
    o.yAxis = { type: "value" };
    o.series = [{ name: d.indicator, type: "bar", data: d.values, itemStyle: { color: BLUE },
                  label: { show: true, position: "top" } }];
    return o;
  }

  function samePeriod(d) {
    var o = base();
    o.xAxis = { type: "category", data: d.years };
    o.yAxis = [{ type: "value", name: d.unit || "" }, { type: "value", name: "%", axisLabel: { formatter: "{value}%" } }];
    o.series = [{ name: "实际（" + (d.unit || "") + "）", type: "bar", data: d.values, itemStyle: { color: BLUE },
                  label: { show: true, position: "top" } }];
    if (d.growth.some(function (v) { return v !== null; })) {
      o.series.push({ name: "同比增长（%）", type: "line", yAxisIndex: 1, data: d.growth, itemStyle: { color: GOOD },
                      label: { show: true, formatter: "{c}%" } });
    }
    return o;
  }

  var KINDS = { completion: completion, growth: growth, history: history, projects: projects, compare: compare,
                same_period: samePeriod };

  function draw() {
    if (!window.echarts) { return; }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      var build = KINDS[data.kind];
      if (!build) { return; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(build(data));
      charts.push(chart);
      el.setAttribute("data-chart-ready", "1");
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
