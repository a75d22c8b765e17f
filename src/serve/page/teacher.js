// redline - negotiation-position modelling
// Copyright (C) 2026 the redline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// teacher.js: the teacher's view of the classroom: every group's deal as
// it arrives, scored by the debrief document (GET /api/classroom/deals,
// exactly `redline debrief FILE --deals DEALS.csv --format json`), and
// drawn on debrief's utility-space chart (an SVG made by the server).
'use strict';

(() => {
  const { el, clear, request } = RL;
  const $ = (id) => document.getElementById(id);

  function fmt(x) {
    return x === null || x === undefined ? '–' : Number(x).toPrecision(3);
  }

  function render(doc) {
    const table = $('groups');
    clear(table);
    const groups = doc.groups || [];
    const parties = groups.length ? Object.keys(groups[0].package.utilities) : [];
    const head = el('tr', {}, el('th', {}, 'Group'), el('th', {}, 'Acceptable'), el('th', {}, 'Nash rank'),
                    el('th', {}, 'Welfare rank'), el('th', {}, 'Pareto'));
    for (const p of parties) head.appendChild(el('th', {}, p));
    head.appendChild(el('th', {}, 'Why not'));
    table.appendChild(el('thead', {}, head));
    const body = el('tbody');
    for (const g of groups) {
      const ranks = g.ranks || {};
      const why = (g.broken || []).concat((g.below_batna || []).map((p) => p + ' below its BATNA'));
      const row = el('tr', { 'data-group': g.group },
        el('td', {}, g.group), el('td', {}, g.acceptable ? 'yes' : 'no'),
        el('td', { class: 'n' }, ranks.nash !== undefined ? String(ranks.nash) : '–'),
        el('td', { class: 'n' }, ranks.welfare !== undefined ? String(ranks.welfare) : '–'),
        el('td', {}, g.package.pareto ? 'yes' : (g.acceptable ? 'no' : '–')));
      for (const p of parties) row.appendChild(el('td', { class: 'n' }, fmt(g.package.utilities[p])));
      row.appendChild(el('td', {}, why.join('; ')));
      body.appendChild(row);
    }
    if (!groups.length) body.appendChild(el('tr', {}, el('td', { colspan: 6 }, 'No deal submitted yet.')));
    table.appendChild(body);
    const problems = $('problems');
    clear(problems);
    for (const e of doc.errors || []) problems.appendChild(el('li', {}, 'line ' + e.line + ': ' + e.message));
    $('status').textContent = groups.length + (groups.length === 1 ? ' group' : ' groups');
  }

  async function refresh(generation) {
    try {
      const r = await request('GET', '/api/classroom/deals');
      render(r.json);
      $('chart').src = RL.withToken('/api/classroom/chart.svg?g=' + generation);
      RL.show($('error'), false);
      document.body.dataset.state = 'ready';
      document.body.dataset.generation = String(generation);
    } catch (e) {
      $('error').textContent = e.message;
      RL.show($('error'), true);
      document.body.dataset.state = 'error';
    }
  }

  async function start() {
    if (RL.token) $('explore').href = '/explore#token=' + encodeURIComponent(RL.token);
    let state;
    try {
      state = (await request('GET', '/api/watch')).json;
    } catch (e) {
      $('error').textContent = e.message;
      RL.show($('error'), true);
      $('status').textContent = '';
      document.body.dataset.state = 'error';
      return;
    }
    await refresh(state.generation);
    RL.watch(state.generation, async (news) => {
      if (news.error) {
        $('error').textContent = news.error;
        RL.show($('error'), true);
      }
      await refresh(news.generation);
    });
  }

  start();
})();
