/**
 * The HTML report's stylesheet and browser script (to-html.ts inlines both and hashes them into the page's
 * Content-Security-Policy). The script reads the report from the `#report-data` JSON block and draws, per
 * detailed cluster section, two uPlot charts (exchanges per day; exchanges per day by model with the pivot
 * release marked) and a canvas heat map of active accounts per hour of day × day. Log-derived strings only
 * ever reach the page through textContent, uPlot's series labels (textContent too) or canvas fillText.
 *
 * Plain ES2017 for any current browser; no template literals inside (this file holds it in one).
 */

export const HTML_CSS = String.raw`
:root { color-scheme: light; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --bg-alt: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
header, main { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 0 0 2px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.summary dl { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0; }
.summary dl div { min-width: 120px; }
.summary dt { color: var(--muted); font-size: 12px; }
.summary dd { margin: 0; font-size: 16px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; font-size: 12px; color: var(--muted); background: var(--bg-alt); }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id, .evidence td:first-child { white-space: nowrap; }
.ranked tbody tr:nth-child(even), .evidence tbody tr:nth-child(even) { background: var(--bg-alt); }
.sev { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; background: #6b7280; }
.sev-critical { background: #991b1b; }
.sev-high { background: #dc2626; }
.sev-medium { background: #d97706; }
.sev-low { background: #0891b2; }
.sev-info { background: #9ca3af; }
.tag { display: inline-block; padding: 0 6px; border: 1px solid var(--line); border-radius: 4px; font-size: 11px; color: var(--muted); }
.cluster { border-top: 2px solid var(--line); margin-top: 28px; }
.cluster h2 .score { font-weight: 400; font-size: 14px; color: var(--muted); }
.cluster .label { font-size: 15px; margin: 0 0 4px; }
.cluster .facts { color: var(--muted); margin: 0 0 10px; }
.charts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 900px) { .charts { grid-template-columns: minmax(0, 1fr); } }
figure { margin: 0; min-width: 0; }
figcaption { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.chart, .heatmap { width: 100%; min-height: 40px; }
.chart .u-legend { font-size: 12px; }
.heatmap canvas { display: block; }
.pivot { margin: 6px 0 0; }
.readout { margin: 2px 0 0; font-size: 12px; min-height: 1.4em; }
.shared .value { word-break: break-all; }
.accounts p { max-height: 240px; overflow: auto; }
.back { font-size: 12px; }
.empty { font-size: 15px; color: var(--muted); }
.chart-error { color: #991b1b; }
`;

export const HTML_CLIENT_JS = String.raw`
(function () {
  'use strict';
  var data = document.getElementById('report-data');
  var report = JSON.parse(data.textContent || '{}');
  var clusters = Array.isArray(report.clusters) ? report.clusters : [];
  var PALETTE = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
  var CHART_HEIGHT = 210;
  var charts = [];
  var heatmaps = [];

  function compact(n) {
    if (n == null || !isFinite(n)) return '';
    var a = Math.abs(n);
    if (a >= 1e9) return (n / 1e9).toFixed(1) + 'B';
    if (a >= 1e6) return (n / 1e6).toFixed(1) + 'M';
    if (a >= 1e4) return Math.round(n / 1e3) + 'k';
    return String(Math.round(n * 100) / 100);
  }
  function nums(a, length) {
    var out = new Array(length);
    for (var i = 0; i < length; i++) {
      var v = Array.isArray(a) ? Number(a[i]) : 0;
      out[i] = isFinite(v) ? v : 0;
    }
    return out;
  }
  function boxWidth(box) { return Math.max(260, Math.floor(box.getBoundingClientRect().width)); }
  function utc(ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }
  function message(box, text, cls) {
    var p = document.createElement('p');
    p.className = cls || 'muted';
    p.textContent = text;
    box.appendChild(p);
  }

  function pivotMarker(pivot) {
    var at = pivot ? Date.parse(pivot.released_at) / 1000 : NaN;
    if (!isFinite(at)) return [];
    return [function (u) {
      var x = u.valToPos(at, 'x', true);
      if (!(x >= u.bbox.left && x <= u.bbox.left + u.bbox.width)) return;
      var ctx = u.ctx;
      var dpr = window.devicePixelRatio || 1;
      ctx.save();
      ctx.strokeStyle = '#111827';
      ctx.lineWidth = dpr;
      ctx.setLineDash([4 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.fillStyle = '#111827';
      ctx.font = (11 * dpr) + 'px system-ui, sans-serif';
      var text = String(pivot.model).slice(0, 60) + ' appears';
      var w = ctx.measureText(text).width;
      var tx = x + 4 * dpr + w > u.bbox.left + u.bbox.width ? x - 4 * dpr - w : x + 4 * dpr;
      ctx.fillText(text, tx, u.bbox.top + 12 * dpr);
      ctx.restore();
    }];
  }

  function lineChart(box, xs, series, drawHooks) {
    var opts = {
      width: boxWidth(box),
      height: CHART_HEIGHT,
      tzDate: utc,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } } },
      cursor: { drag: { x: true, y: false } },
      series: [{ label: 'day', value: '{YYYY}-{MM}-{DD}' }].concat(series.map(function (s, i) {
        return {
          label: s.label,
          stroke: s.color || PALETTE[i % PALETTE.length],
          fill: s.fill,
          width: 1.5,
          points: { show: xs.length < 40 },
          value: function (u, v) { return v == null ? '–' : v.toLocaleString('en-US'); }
        };
      })),
      axes: [{}, { size: 54, values: function (u, vals) { return vals.map(compact); } }],
      hooks: { draw: drawHooks || [] }
    };
    var u = new uPlot(opts, [xs].concat(series.map(function (s) { return s.values; })), box);
    charts.push({ u: u, box: box });
  }

  function heatColour(v, max) {
    if (!v) return '#f3f4f6';
    var t = Math.sqrt(v / max);
    var hue = 48 - 48 * t;
    var light = 88 - 58 * t;
    return 'hsl(' + hue.toFixed(1) + ', 90%, ' + light.toFixed(1) + '%)';
  }

  function heatmap(box, days, grid) {
    var canvas = document.createElement('canvas');
    canvas.className = 'heatmap-canvas';
    box.appendChild(canvas);
    var readout = box.parentNode.querySelector('.readout');
    var rest = readout ? readout.textContent : '';
    var max = 0;
    for (var d = 0; d < grid.length; d++) for (var h = 0; h < 24; h++) if (grid[d][h] > max) max = grid[d][h];
    var LEFT = 40, BOTTOM = 20, CELL_H = 8;
    var geometry = { cellW: 1 };
    function draw() {
      var dpr = window.devicePixelRatio || 1;
      var width = boxWidth(box);
      var height = 24 * CELL_H + BOTTOM;
      var cellW = Math.max(1, (width - LEFT - 4) / Math.max(1, days.length));
      geometry.cellW = cellW;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = width + 'px';
      canvas.style.height = height + 'px';
      var ctx = canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      for (var d = 0; d < days.length; d++) {
        for (var h = 0; h < 24; h++) {
          ctx.fillStyle = heatColour(grid[d][h], max);
          ctx.fillRect(LEFT + d * cellW, h * CELL_H, Math.max(1, cellW - (cellW > 3 ? 1 : 0)), CELL_H - 1);
        }
      }
      ctx.fillStyle = '#6b7280';
      ctx.font = '11px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      for (var hh = 0; hh < 24; hh += 6) ctx.fillText((hh < 10 ? '0' : '') + hh + ':00', 0, hh * CELL_H);
      ctx.textBaseline = 'alphabetic';
      if (days.length) {
        var y = 24 * CELL_H + 14;
        ctx.fillText(String(days[0]), LEFT, y);
        var last = String(days[days.length - 1]);
        var lw = ctx.measureText(last).width;
        if (days.length > 1 && LEFT + lw * 2 + 16 < width) ctx.fillText(last, width - 4 - lw, y);
      }
    }
    canvas.addEventListener('mousemove', function (ev) {
      if (!readout) return;
      var r = canvas.getBoundingClientRect();
      var d = Math.floor((ev.clientX - r.left - LEFT) / geometry.cellW);
      var h = Math.floor((ev.clientY - r.top) / CELL_H);
      if (d >= 0 && d < days.length && h >= 0 && h < 24) {
        var v = grid[d][h];
        readout.textContent = String(days[d]) + ' ' + (h < 10 ? '0' : '') + h + ':00 UTC: ' + v + ' active account' + (v === 1 ? '' : 's');
      } else {
        readout.textContent = rest;
      }
    });
    canvas.addEventListener('mouseleave', function () { if (readout) readout.textContent = rest; });
    if (readout && max) rest = rest + ' Busiest hour: ' + max + ' accounts.';
    if (readout) readout.textContent = rest;
    draw();
    heatmaps.push(draw);
  }

  function renderCluster(section) {
    var c = clusters[Number(section.getAttribute('data-index'))];
    var d = c && c.detail;
    if (!d || !Array.isArray(d.days)) return;
    var days = d.days.map(String);
    var xs = days.map(function (day) { return Date.parse(day + 'T00:00:00Z') / 1000; });
    var boxes = {};
    section.querySelectorAll('[data-chart]').forEach(function (el) { boxes[el.getAttribute('data-chart')] = el; });
    function guarded(box, fn) {
      if (!box) return;
      try {
        if (!days.length) message(box, 'No daily data.');
        else fn();
      } catch (err) {
        message(box, 'Chart failed: ' + (err && err.message), 'chart-error');
        console.error(err);
      }
    }
    guarded(boxes.daily, function () {
      lineChart(boxes.daily, xs, [{ label: 'exchanges', values: nums(d.daily_exchanges, days.length), color: '#2563eb', fill: 'rgba(37, 99, 235, 0.12)' }]);
    });
    guarded(boxes.models, function () {
      var models = Array.isArray(d.models) ? d.models : [];
      if (!models.length) { message(boxes.models, 'No model recorded.'); return; }
      lineChart(boxes.models, xs, models.map(function (m, i) {
        return { label: String(m.model), values: nums(m.daily, days.length), color: PALETTE[i % PALETTE.length] };
      }), pivotMarker(d.pivot));
    });
    guarded(boxes.heatmap, function () {
      var grid = days.map(function (_, i) { return nums(Array.isArray(d.heatmap) ? d.heatmap[i] : null, 24); });
      heatmap(boxes.heatmap, days, grid);
    });
  }

  var sections = Array.prototype.slice.call(document.querySelectorAll('section.cluster[data-index]'));
  var next = 0;
  function batch() {
    var end = Math.min(sections.length, next + 8);
    for (; next < end; next++) renderCluster(sections[next]);
    if (next < sections.length) setTimeout(batch, 0);
    else document.documentElement.setAttribute('data-rendered', String(sections.length));
  }
  batch();

  var pending = 0;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      charts.forEach(function (c) { c.u.setSize({ width: boxWidth(c.box), height: CHART_HEIGHT }); });
      heatmaps.forEach(function (draw) { draw(); });
    }, 150);
  });
})();
`;
