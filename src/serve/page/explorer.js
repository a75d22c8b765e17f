// redline - negotiation-position modelling
// Copyright (C) 2026 the redline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// explorer.js: the what-if explorer. Every control is a what-if change
// in the text form of the JSON generator.changes list; the page asks
// POST /api/solve with them (and /api/explain when nothing is
// acceptable), shows the same changes as a command line, and offers them
// as a variant file. A new answer replaces the one in flight: the page
// aborts its request, and the server stops the search.
'use strict';

(() => {
  const { el, clear, request } = RL;
  const $ = (id) => document.getElementById(id);

  let model = null;        // GET /api/scenario
  const state = {
    batna: new Map(),      // party -> value text, when moved from the file's
    relaxed: new Set(),    // "party/red-line"
    weight: new Map(),     // "party issue" -> value text
    fix: new Map(),        // issue -> option
    exclude: new Map(),    // issue -> Set of options
    rank: 'nash',
    top: 10,
  };
  let inflight = null;
  let asked = 0;

  const FUNNEL = [
    ['space', 'Packages'], ['feasible', 'Feasible'], ['compatible', 'Within every red line'],
    ['acceptable', 'Acceptable to every veto party'], ['pareto', 'Pareto-optimal'],
  ];

  // ---- Changes ----------------------------------------------------------------

  function changes() {
    const out = [];
    for (const p of model.parties) {
      for (const r of p.red_lines) {
        if (state.relaxed.has(p.id + '/' + r.id)) out.push('relax ' + p.id + '/' + r.id);
      }
    }
    for (const p of model.parties) {
      if (state.batna.has(p.id)) out.push('set parties.' + p.id + '.batna = ' + state.batna.get(p.id));
    }
    for (const p of model.parties) {
      for (const i of Object.keys(p.weights)) {
        const key = p.id + ' ' + i;
        if (state.weight.has(key)) out.push('set parties.' + p.id + '.weights.' + i + ' = ' + state.weight.get(key));
      }
    }
    for (const i of model.issues) {
      if (state.fix.has(i.id)) out.push('fix ' + i.id + ' = ' + state.fix.get(i.id));
    }
    for (const i of model.issues) {
      const ex = state.exclude.get(i.id);
      if (ex && ex.size) out.push('exclude ' + i.id + ' = ' + i.options.filter((o) => ex.has(o.id)).map((o) => o.id).join(', '));
    }
    return out;
  }

  // Quoted for a POSIX shell when it holds anything but plain characters.
  function sh(word) {
    return /^[A-Za-z0-9_.\/=,:+@%-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\\''") + "'";
  }

  // "set parties.x.batna = 0.3" -> --set parties.x.batna=0.3
  function flag(change) {
    const space = change.indexOf(' ');
    const kind = change.slice(0, space);
    let value = change.slice(space + 1);
    if (kind === 'set' || kind === 'fix' || kind === 'exclude') value = value.replace(' = ', '=').replace(/, /g, ',');
    return ['--' + kind, value];
  }

  function commandLine() {
    const words = ['redline', 'solve', model.file];
    if (state.rank !== 'nash') words.push('--rank', state.rank);
    if (state.top !== 10) words.push('--top', String(state.top));
    for (const c of changes()) words.push(...flag(c));
    return words.map(sh).join(' ');
  }

  // ---- Controls -------------------------------------------------------------------

  function slider(attrs, value, min, max, step, onInput) {
    const input = el('input', Object.assign({ type: 'range', min, max, step }, attrs));
    input.value = String(value);
    const out = el('output', {}, String(value));
    input.addEventListener('input', () => {
      out.textContent = input.value;
      onInput(input.value);
    });
    return [input, out];
  }

  function buildControls() {
    const rank = $('rank');
    clear(rank);
    for (const r of ['nash', 'welfare', 'kalai', 'min_gain']) rank.appendChild(el('option', { value: r }, r));
    for (const p of model.parties) rank.appendChild(el('option', { value: 'utility:' + p.id }, 'utility of ' + p.label));
    if (![...rank.options].some((o) => o.value === state.rank)) state.rank = 'nash';
    rank.value = state.rank;

    const batnas = $('batnas');
    clear(batnas);
    for (const p of model.parties) {
      if (state.batna.has(p.id) && !isFinite(Number(state.batna.get(p.id)))) state.batna.delete(p.id);
      const value = state.batna.has(p.id) ? Number(state.batna.get(p.id)) : p.batna;
      const [input, out] = slider({ 'data-batna': p.id, id: 'batna-' + p.id }, value,
                                  Math.min(0, p.batna), Math.max(1, p.batna), 0.01, (v) => {
        if (Number(v) === p.batna) state.batna.delete(p.id); else state.batna.set(p.id, String(Number(v)));
        update();
      });
      batnas.appendChild(el('div', { class: 'control' },
        el('label', { for: 'batna-' + p.id }, p.label + (p.veto ? '' : ' (no veto)')), input, out));
    }

    const lines = $('red-lines');
    clear(lines);
    for (const p of model.parties) {
      for (const r of p.red_lines) {
        const key = p.id + '/' + r.id;
        const box = el('input', { type: 'checkbox', 'data-relax': key, id: 'relax-' + key });
        box.checked = !state.relaxed.has(key);
        box.addEventListener('change', () => {
          if (box.checked) state.relaxed.delete(key); else state.relaxed.add(key);
          update();
        });
        lines.appendChild(el('div', { class: 'control check', title: r.rule + (r.note ? '\n' + r.note : '') },
          box, el('label', { for: 'relax-' + key }, p.label + ': ', el('code', {}, r.id))));
      }
    }

    const weights = $('weights');
    clear(weights);
    for (const p of model.parties) {
      const issues = Object.keys(p.weights);
      if (!issues.length) continue;
      const box = el('details', {}, el('summary', {}, p.label));
      const top = Math.max(1, ...issues.map((i) => 2 * p.weights[i]));
      for (const i of issues) {
        const key = p.id + ' ' + i;
        const label = (model.issues.find((x) => x.id === i) || { label: i }).label;
        const value = state.weight.has(key) ? Number(state.weight.get(key)) : p.weights[i];
        const [input, out] = slider({ 'data-weight': key }, value, 0, Math.max(top, value), top > 20 ? 1 : 0.1, (v) => {
          if (Number(v) === p.weights[i]) state.weight.delete(key); else state.weight.set(key, String(Number(v)));
          update();
        });
        box.appendChild(el('div', { class: 'control' }, el('label', {}, label), input, out));
      }
      weights.appendChild(box);
    }

    const pins = $('pins');
    clear(pins);
    for (const i of model.issues) {
      const fix = el('select', { 'data-fix': i.id }, el('option', { value: '' }, 'free'));
      for (const o of i.options) fix.appendChild(el('option', { value: o.id }, o.label));
      if (state.fix.has(i.id) && !i.options.some((o) => o.id === state.fix.get(i.id))) state.fix.delete(i.id);
      fix.value = state.fix.get(i.id) || '';
      const excluded = el('div', { class: 'excluded' });
      const ex = state.exclude.get(i.id) || new Set();
      for (const o of i.options) {
        const box = el('input', { type: 'checkbox', 'data-exclude': i.id + '=' + o.id });
        box.checked = ex.has(o.id);
        box.addEventListener('change', () => {
          const set = state.exclude.get(i.id) || new Set();
          if (box.checked) set.add(o.id); else set.delete(o.id);
          state.exclude.set(i.id, set);
          update();
        });
        excluded.appendChild(el('label', { class: 'check' }, box, 'not ' + o.label));
      }
      fix.addEventListener('change', () => {
        if (fix.value) state.fix.set(i.id, fix.value); else state.fix.delete(i.id);
        update();
      });
      pins.appendChild(el('details', {}, el('summary', {}, i.label), el('label', {}, 'Fix to ', fix), excluded));
    }
    // What a reload removed is no longer a change.
    for (const key of [...state.relaxed]) {
      const [p, r] = key.split('/');
      const party = model.parties.find((x) => x.id === p);
      if (!party || !party.red_lines.some((x) => x.id === r)) state.relaxed.delete(key);
    }

    for (const id of ['axis-x', 'axis-y']) {
      const sel = $(id);
      const was = sel.value;
      clear(sel);
      for (const p of model.parties) sel.appendChild(el('option', { value: p.id }, p.label));
      if (was && model.parties.some((p) => p.id === was)) sel.value = was;
    }
    const veto = model.parties.filter((p) => p.veto);
    const axes = veto.length >= 2 ? veto : model.parties;
    if (!$('axis-x').dataset.chosen) $('axis-x').value = axes[0].id;
    if (!$('axis-y').dataset.chosen) $('axis-y').value = (axes[1] || axes[0]).id;
  }

  // ---- Answers -----------------------------------------------------------------------

  // The counts as the JSON wrote them, digit for digit (see RL.groupDigits).
  function countDigits(text) {
    const block = /"counts": \{([^}]*)\}/.exec(text);
    const out = {};
    if (block) for (const m of block[1].matchAll(/"(\w+)": (\d+)/g)) out[m[1]] = m[2];
    return out;
  }

  function renderFunnel(doc, text) {
    const rows = $('funnel-rows');
    clear(rows);
    const digits = countDigits(text);
    if (!doc.counts) {
      rows.appendChild(el('tr', {}, el('td', { colspan: 3 }, 'Counts were not computed.')));
      return;
    }
    const space = Number(digits.space || 1);
    for (const [key, label] of FUNNEL) {
      const d = digits[key];
      const n = Number(d);
      const bar = el('div', { class: 'bar' });
      // A logarithmic bar: every stage stays visible however small.
      bar.style.width = (n > 0 ? Math.max(1, 100 * Math.log10(n + 1) / Math.log10(space + 1)) : 0) + '%';
      rows.appendChild(el('tr', {},
        el('th', { scope: 'row' }, label),
        el('td', { class: 'count', id: 'funnel-' + key, 'data-count': d }, RL.groupDigits(d)),
        el('td', { class: 'barcell' }, bar)));
    }
  }

  function optionLabel(issueId, optionId) {
    const i = model.issues.find((x) => x.id === issueId);
    const o = i && i.options.find((x) => x.id === optionId);
    return [i ? i.label : issueId, o ? o.label : optionId];
  }

  function renderDecided(doc) {
    const p = $('decided');
    clear(p);
    const say = (what, set) => {
      const keys = Object.keys(set || {});
      if (!keys.length) return;
      p.appendChild(el('span', {}, what + ' ' + keys.map((k) => optionLabel(k, set[k]).join(': ')).join('; ') + '. '));
    };
    if (doc.decided) {
      say('The red lines alone decide:', doc.decided.compatible);
      say('With the BATNAs:', doc.decided.acceptable);
    }
  }

  function scoreOf(pkg) {
    if (state.rank.startsWith('utility:')) return pkg.utilities[state.rank.slice(8)];
    return pkg.scores ? pkg.scores[state.rank] : null;
  }

  // A Nash product beyond a double comes as a string ("2.42e-221848751"):
  // shown as it is, since Number() would make it 0 or Infinity.
  function fmt(x) {
    if (typeof x === 'string') return x;
    return x === null || x === undefined ? '–' : Number(x).toPrecision(4);
  }

  function renderTop(doc) {
    const table = $('top-table');
    clear(table);
    const head = el('tr', {}, el('th', {}, '#'), el('th', {}, state.rank));
    for (const p of model.parties) head.appendChild(el('th', {}, p.label));
    head.appendChild(el('th', {}, 'Package'));
    table.appendChild(el('thead', {}, head));
    const body = el('tbody');
    for (const pkg of doc.top || []) {
      const row = el('tr', { 'data-index': pkg.index }, el('td', {}, String(pkg.rank)), el('td', { class: 'n' }, fmt(scoreOf(pkg))));
      for (const p of model.parties) row.appendChild(el('td', { class: 'n' }, fmt(pkg.utilities[p.id])));
      row.appendChild(el('td', { class: 'pkg' },
        Object.entries(pkg.options).map(([i, o]) => optionLabel(i, o).join(': ')).join('; ')));
      body.appendChild(row);
    }
    if (!(doc.top || []).length) body.appendChild(el('tr', {}, el('td', { colspan: model.parties.length + 3 }, 'No acceptable package.')));
    table.appendChild(body);
  }

  function renderChart(doc) {
    const x = $('axis-x').value, y = $('axis-y').value;
    const px = model.parties.find((p) => p.id === x), py = model.parties.find((p) => p.id === y);
    const batna = (p) => (state.batna.has(p.id) ? Number(state.batna.get(p.id)) : p.batna);
    const describe = (pkg) => Object.entries(pkg.options).map(([i, o]) => optionLabel(i, o)[1]).join(', ');
    RLChart.draw($('chart'), {
      xLabel: px.label, yLabel: py.label,
      xBatna: px.veto ? batna(px) : null, yBatna: py.veto ? batna(py) : null,
      frontier: (doc.frontier || []).map((k) => ({ x: k.utilities[x], y: k.utilities[y], title: describe(k) })),
      top: (doc.top || []).map((k) => ({ x: k.utilities[x], y: k.utilities[y], rank: k.rank, title: describe(k) })),
    });
  }

  let lastDoc = null;

  async function explain(signal, mine) {
    const box = $('explain-box');
    $('explain').textContent = 'Explaining…';
    RL.show(box, true);
    try {
      const r = await request('POST', '/api/explain', { changes: changes(), rank: state.rank, format: 'text' }, signal);
      if (mine === asked) $('explain').textContent = r.text;
    } catch (e) {
      if (e.name !== 'AbortError' && e.status !== 409 && mine === asked) $('explain').textContent = e.message;
    }
  }

  async function update() {
    if (!model) return;
    const mine = ++asked;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    const signal = inflight.signal;
    $('command').textContent = commandLine();
    document.body.dataset.state = 'busy';
    $('status').textContent = 'solving…';
    const started = performance.now();
    try {
      const r = await request('POST', '/api/solve',
                              { changes: changes(), rank: state.rank, top: state.top, frontier: true }, signal);
      if (mine !== asked) return;
      const ms = Math.round(performance.now() - started);
      lastDoc = r.json;
      RL.show($('error'), false);
      RL.show($('incomplete'), !r.complete);
      $('incomplete').textContent = r.complete ? '' :
        'The search reached the server\'s --timeout: the counts are lower bounds and the lists may be incomplete.';
      renderFunnel(r.json, r.text);
      renderDecided(r.json);
      renderTop(r.json);
      renderChart(r.json);
      if (r.json.counts && r.json.counts.acceptable === 0) explain(signal, mine);
      else RL.show($('explain-box'), false);
      $('status').textContent = 'answered in ' + ms + ' ms';
      document.body.dataset.answered = String(mine);
      document.body.dataset.state = 'ready';
    } catch (e) {
      if (e.name === 'AbortError' || e.status === 409 || mine !== asked) return;
      // The last good answer stays; the message says what the server refused.
      $('error').textContent = e.message;
      RL.show($('error'), true);
      $('status').textContent = 'not answered';
      document.body.dataset.answered = String(mine);
      document.body.dataset.state = 'error';
    }
  }

  async function save() {
    try {
      const r = await request('POST', '/api/variant', { changes: changes() });
      const base = model.file.split('/').pop().replace(/\.ya?ml$/, '');
      const a = el('a', { download: base + '-whatif.yaml' });
      a.href = URL.createObjectURL(new Blob([r.text], { type: 'application/yaml' }));
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      $('save-note').textContent = 'Save it beside ' + model.file.split('/').pop() + ': it extends that file.';
    } catch (e) {
      $('save-note').textContent = e.message;
    }
  }

  async function copy() {
    const text = $('command').textContent;
    try {
      await navigator.clipboard.writeText(text);
      $('save-note').textContent = 'Copied.';
    } catch (e) {
      // Not a secure context (an address beyond loopback): select it instead.
      const range = document.createRange();
      range.selectNodeContents($('command'));
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      $('save-note').textContent = 'Selected: copy it with Ctrl-C.';
    }
  }

  async function loadModel() {
    const r = await request('GET', '/api/scenario');
    model = r.json;
    $('title').textContent = model.title;
    $('file').textContent = model.file;
    document.title = model.title + ' — redline explorer';
    showLoadError(model.error);
    buildControls();
    return model.generation;
  }

  function showLoadError(error) {
    $('load-error').textContent = error ? 'The file does not load now; this is its last good version.\n' + error : '';
    RL.show($('load-error'), !!error);
  }

  async function start() {
    $('rank').addEventListener('change', () => { state.rank = $('rank').value; update(); });
    $('top').addEventListener('change', () => {
      const n = Math.round(Number($('top').value));
      state.top = n >= 1 && n <= 100 ? n : 10;
      $('top').value = String(state.top);
      update();
    });
    for (const id of ['axis-x', 'axis-y']) {
      $(id).addEventListener('change', () => { $(id).dataset.chosen = '1'; if (lastDoc) renderChart(lastDoc); });
    }
    $('reset').addEventListener('click', () => {
      state.batna.clear(); state.relaxed.clear(); state.weight.clear(); state.fix.clear(); state.exclude.clear();
      buildControls();
      update();
    });
    $('copy').addEventListener('click', copy);
    $('save').addEventListener('click', save);
    let generation;
    try {
      generation = await loadModel();
    } catch (e) {
      $('status').textContent = e.message;
      document.body.dataset.state = 'error';
      return;
    }
    update();
    RL.watch(generation, async (news) => {
      if (news.error) {
        showLoadError(news.error);
        return;
      }
      await loadModel();
      update();
    });
  }

  start();
})();
