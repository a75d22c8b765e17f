// redline - negotiation-position modelling
// Copyright (C) 2026 the redline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// chart.js: the utility-space chart of the explorer, drawn in the page
// from solve's JSON: one party across, one up; the Pareto frontier as a
// line through its packages in x order (class "frontier", its points
// "frontier-pt"), the ranked packages numbered ("top-pt"), and the two
// parties' BATNAs as dashed lines ("batna"). Labels are text nodes.
'use strict';

const RLChart = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 560, H = 420, LEFT = 56, RIGHT = 16, TOP = 16, BOTTOM = 48;

  function s(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function titled(node, text) {
    node.appendChild(s('title', {}, text));
    return node;
  }

  function niceStep(span) {
    for (const step of [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5]) {
      if (span / step <= 8) return step;
    }
    return 10;
  }

  function extent(values) {
    let lo = Math.min(...values), hi = Math.max(...values);
    if (!isFinite(lo) || !isFinite(hi)) { lo = 0; hi = 1; }
    if (hi - lo < 1e-9) { lo -= 0.05; hi += 0.05; }
    const pad = (hi - lo) * 0.06;
    return [lo - pad, hi + pad];
  }

  // spec: {xLabel, yLabel, xBatna, yBatna (numbers or null), frontier:
  // [{x, y, title}], top: [{x, y, rank, title}]}
  function draw(svg, spec) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('role', 'img');
    const xs = [], ys = [];
    for (const p of spec.frontier.concat(spec.top)) { xs.push(p.x); ys.push(p.y); }
    if (spec.xBatna !== null) xs.push(spec.xBatna);
    if (spec.yBatna !== null) ys.push(spec.yBatna);
    const [x0, x1] = extent(xs.length ? xs : [0, 1]);
    const [y0, y1] = extent(ys.length ? ys : [0, 1]);
    const px = (x) => LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    const py = (y) => H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM);

    svg.appendChild(s('rect', { x: LEFT, y: TOP, width: W - LEFT - RIGHT, height: H - TOP - BOTTOM,
                                fill: '#fbfbfd', stroke: '#c8c8d0' }));
    const grid = s('g', { class: 'grid', stroke: '#e4e4ea', 'font-size': 11, fill: '#555' });
    for (const [lo, hi, step, across] of [[x0, x1, niceStep(x1 - x0), true], [y0, y1, niceStep(y1 - y0), false]]) {
      for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) {
        const label = (Math.round(v * 1000) / 1000).toString();
        if (across) {
          grid.appendChild(s('line', { x1: px(v), x2: px(v), y1: TOP, y2: H - BOTTOM }));
          grid.appendChild(s('text', { x: px(v), y: H - BOTTOM + 16, 'text-anchor': 'middle', stroke: 'none' }, label));
        } else {
          grid.appendChild(s('line', { x1: LEFT, x2: W - RIGHT, y1: py(v), y2: py(v) }));
          grid.appendChild(s('text', { x: LEFT - 6, y: py(v) + 4, 'text-anchor': 'end', stroke: 'none' }, label));
        }
      }
    }
    svg.appendChild(grid);
    svg.appendChild(s('text', { x: (LEFT + W - RIGHT) / 2, y: H - 10, 'text-anchor': 'middle',
                                'font-size': 13, fill: '#222' }, spec.xLabel));
    svg.appendChild(s('text', { x: 14, y: (TOP + H - BOTTOM) / 2, 'text-anchor': 'middle', 'font-size': 13,
                                fill: '#222', transform: `rotate(-90 14 ${(TOP + H - BOTTOM) / 2})` }, spec.yLabel));

    if (spec.xBatna !== null) {
      svg.appendChild(titled(s('line', { class: 'batna', x1: px(spec.xBatna), x2: px(spec.xBatna), y1: TOP,
                                         y2: H - BOTTOM, stroke: '#b33', 'stroke-dasharray': '5 4' }),
                             'BATNA of ' + spec.xLabel + ': ' + spec.xBatna));
    }
    if (spec.yBatna !== null) {
      svg.appendChild(titled(s('line', { class: 'batna', x1: LEFT, x2: W - RIGHT, y1: py(spec.yBatna),
                                         y2: py(spec.yBatna), stroke: '#b33', 'stroke-dasharray': '5 4' }),
                             'BATNA of ' + spec.yLabel + ': ' + spec.yBatna));
    }

    const along = spec.frontier.slice().sort((a, b) => a.x - b.x || b.y - a.y);
    if (along.length > 1) {
      svg.appendChild(s('polyline', { class: 'frontier', fill: 'none', stroke: '#2b6cb0', 'stroke-width': 1.5,
                                      points: along.map((p) => px(p.x) + ',' + py(p.y)).join(' ') }));
    }
    const pts = s('g', { fill: '#2b6cb0' });
    for (const p of along) {
      pts.appendChild(titled(s('circle', { class: 'frontier-pt', cx: px(p.x), cy: py(p.y), r: 3.5 }), p.title));
    }
    svg.appendChild(pts);

    // The ranked packages last, so that their numbers stay on top.
    const top = s('g', { 'font-size': 11 });
    for (const p of spec.top.slice().reverse()) {
      const g = s('g', { class: 'top-pt' });
      g.appendChild(titled(s('circle', { cx: px(p.x), cy: py(p.y), r: p.rank === 1 ? 7 : 5.5,
                                         fill: p.rank === 1 ? '#d97706' : '#f6c36b', stroke: '#7c4a03' }), p.title));
      g.appendChild(s('text', { x: px(p.x) + 8, y: py(p.y) - 6, fill: '#7c4a03' }, String(p.rank)));
      top.appendChild(g);
    }
    svg.appendChild(top);
  }

  return { draw };
})();
