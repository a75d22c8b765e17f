// redline - negotiation-position modelling
// Copyright (C) 2026 the redline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// student.js: a student's page of the classroom: pick a party, read its
// brief (the text `redline brief --party P --format text` writes), submit
// the group's deal. Nothing here can ask for another party's brief's
// private part: the server has none to give.
'use strict';

(() => {
  const { el, clear, request } = RL;
  const $ = (id) => document.getElementById(id);
  let info = null;

  async function loadBrief() {
    const party = $('party').value;
    RL.show($('brief-box'), !!party);
    if (!party) return;
    try {
      const r = await request('GET', '/api/classroom/brief?party=' + encodeURIComponent(party));
      $('brief').textContent = r.text;
    } catch (e) {
      $('brief').textContent = e.message;
    }
  }

  function buildForm() {
    const issues = $('issues');
    clear(issues);
    for (const i of info.issues) {
      const sel = el('select', { 'data-issue': i.id, required: true }, el('option', { value: '' }, '— choose —'));
      for (const o of i.options) sel.appendChild(el('option', { value: o.id }, o.label));
      issues.appendChild(el('p', {}, el('label', {}, i.label + ' ', sel)));
    }
  }

  async function submit(ev) {
    ev.preventDefault();
    const deal = {};
    for (const sel of document.querySelectorAll('select[data-issue]')) deal[sel.dataset.issue] = sel.value;
    try {
      const r = await request('POST', '/api/classroom/submit', { group: $('group').value, deal });
      $('submitted').textContent = 'Submitted for ' + r.json.group + '.';
      document.body.dataset.state = 'submitted';
    } catch (e) {
      $('submitted').textContent = e.message;
      document.body.dataset.state = 'refused';
    }
  }

  async function load() {
    const r = await request('GET', '/api/classroom/info');
    info = r.json;
    $('title').textContent = info.title;
    document.title = info.title + ' — redline classroom';
    const party = $('party');
    const was = party.value;
    clear(party);
    party.appendChild(el('option', { value: '' }, '— choose —'));
    for (const p of info.parties) party.appendChild(el('option', { value: p.id }, p.label));
    if (info.parties.some((p) => p.id === was)) party.value = was;
    buildForm();
    await loadBrief();
    $('status').textContent = '';
    document.body.dataset.state = 'ready';
    return info.generation;
  }

  async function start() {
    $('party').addEventListener('change', loadBrief);
    $('deal').addEventListener('submit', submit);
    let generation;
    try {
      generation = await load();
    } catch (e) {
      $('error').textContent = e.message;
      RL.show($('error'), true);
      document.body.dataset.state = 'error';
      return;
    }
    RL.watch(generation, async (news) => {
      RL.show($('error'), !!news.error);
      $('error').textContent = news.error || '';
      if (!news.error) {
        // Only the brief may have changed; the form keeps what was chosen.
        await loadBrief();
      }
    });
  }

  start();
})();
