// Line charts drawn as inline SVG with DOM calls only (createElementNS and textContent: nothing is
// parsed as markup, and no style attribute, so the console's CSP holds): a title, the value axis with
// its gridlines and its name, the time axis with labels at round moments, one line per series (an area under it
// when asked), a dot at each series' last point. The chart is an image for assistive technologies
// (role="img" and an aria-label that the page writes: the last values); the page shows the figures in
// a table beside it. Styled by console.css (.chart-*).
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var MINUTE = 60000;
  var HOUR = 60 * MINUTE;
  /** The spacings of the time axis' labels. */
  var TICKS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR,
    6 * HOUR, 12 * HOUR, 24 * HOUR, 48 * HOUR, 7 * 24 * HOUR];

  function node(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== null && attrs[name] !== undefined) {
        n.setAttribute(name, String(attrs[name]));
      }
    });
    if (text !== undefined) {
      n.textContent = String(text);
    }
    return n;
  }

  /** A round upper bound for the value axis and its step: 1, 2 or 5 times a power of ten, 4 steps or so. */
  function scale(max, floor, whole) {
    var top = Math.max(max, floor || 1);
    var raw = top / 4;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) {
      return m * power;
    }).filter(function (s) {
      return s >= raw;
    })[0];
    if (whole && step < 1) {
      step = 1; // whole people only
    }
    return { max: Math.ceil(top / step) * step, step: step };
  }

  /**
   * An SVG line chart. spec: width, height, label (the text alternative), title, yTitle, times (ms
   * since the epoch, one per point), series [{values (numbers or null), className, area}], yFloor
   * (the smallest top of the axis), yCap (the largest), yWhole (whole steps only), yFormat(v), xFormat(ms,
   * the spacing of the labels in ms).
   */
  function line(spec) {
    var width = Math.max(260, Math.round(spec.width || 600));
    var height = spec.height || 220;
    var pad = { left: 56, right: 14, top: 26, bottom: 30 };
    var plotW = width - pad.left - pad.right;
    var plotH = height - pad.top - pad.bottom;
    var times = spec.times;
    var max = 0;
    spec.series.forEach(function (s) {
      s.values.forEach(function (v) {
        if (v !== null && v !== undefined && v > max) {
          max = v;
        }
      });
    });
    var y = scale(max, spec.yFloor, spec.yWhole);
    if (spec.yCap && y.max > spec.yCap) {
      y = { max: spec.yCap, step: spec.yCap / 4 };
    }
    var t0 = times[0];
    var t1 = times[times.length - 1];
    var span = Math.max(1, t1 - t0);
    function px(t) {
      return pad.left + (t - t0) / span * plotW;
    }
    function py(v) {
      return pad.top + plotH - v / y.max * plotH;
    }

    var svg = node('svg', { xmlns: SVG, viewBox: '0 0 ' + width + ' ' + height, width: width, height: height,
      role: 'img', 'aria-label': spec.label, 'class': 'chart-svg', focusable: 'false' });
    svg.appendChild(node('title', {}, spec.title));
    svg.appendChild(node('text', { x: 4, y: 14, 'class': 'chart-axis-title' }, spec.yTitle));

    // the value axis: gridlines and labels
    for (var v = 0; v <= y.max + y.step / 1000; v += y.step) {
      var gy = py(v).toFixed(1);
      svg.appendChild(node('line', { x1: pad.left, x2: width - pad.right, y1: gy, y2: gy,
        'class': v === 0 ? 'chart-baseline' : 'chart-grid' }));
      svg.appendChild(node('text', { x: pad.left - 6, y: gy, dy: '0.32em', 'text-anchor': 'end', 'class': 'chart-tick' },
        spec.yFormat(v)));
    }
    // the time axis: labels at round moments of the page's time zone (every minute to every week), 90 px apart at least
    var room = Math.max(1, Math.floor(plotW / 90));
    var every = TICKS.filter(function (ms) {
      return span / ms <= room;
    })[0] || TICKS[TICKS.length - 1];
    var offset = new Date(t0).getTimezoneOffset() * 60000;
    for (var t = Math.ceil((t0 - offset) / every) * every + offset; t <= t1; t += every) {
      svg.appendChild(node('line', { x1: px(t).toFixed(1), x2: px(t).toFixed(1), y1: pad.top + plotH,
        y2: pad.top + plotH + 4, 'class': 'chart-baseline' }));
      var anchor = px(t) - pad.left < 24 ? 'start' : width - pad.right - px(t) < 24 ? 'end' : 'middle';
      svg.appendChild(node('text', { x: px(t).toFixed(1), y: height - 10, 'text-anchor': anchor, 'class': 'chart-tick' },
        spec.xFormat(t, every)));
    }

    // the series: a line through the points that have a value (a gap where none), an area under it
    spec.series.forEach(function (s) {
      var runs = [];
      var run = null;
      s.values.forEach(function (value, k) {
        if (value === null || value === undefined) {
          run = null;
          return;
        }
        if (!run) {
          run = [];
          runs.push(run);
        }
        run.push([px(times[k]), py(value)]);
      });
      var drawn = 0;
      runs.forEach(function (points) {
        drawn += points.length;
        var d = points.map(function (p, k) {
          return (k === 0 ? 'M' : 'L') + p[0].toFixed(1) + ' ' + p[1].toFixed(1);
        }).join(' ');
        if (points.length === 1) {
          d += ' l0.01 0'; // a single point still shows, as a dot
        }
        if (s.area) {
          svg.appendChild(node('path', { d: d + ' L' + points[points.length - 1][0].toFixed(1) + ' ' + py(0).toFixed(1)
              + ' L' + points[0][0].toFixed(1) + ' ' + py(0).toFixed(1) + ' Z', 'class': 'chart-area ' + s.className }));
        }
        svg.appendChild(node('path', { d: d, 'class': 'chart-line ' + s.className }));
      });
      var last = runs.length ? runs[runs.length - 1][runs[runs.length - 1].length - 1] : null;
      if (last) {
        svg.appendChild(node('circle', { cx: last[0].toFixed(1), cy: last[1].toFixed(1), r: 3.5,
          'class': 'chart-dot ' + s.className, 'data-points': drawn }));
      }
    });
    return svg;
  }

  window.OPCharts = { line: line, scale: scale };
}());
