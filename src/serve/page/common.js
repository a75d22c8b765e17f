// redline - negotiation-position modelling
// Copyright (C) 2026 the redline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// common.js: what every page of `redline serve` shares: the access token
// (from the address, #token=...), the requests, and building elements.
// Scenario text only ever goes into the page as text (textContent,
// attributes set one by one), never as markup.
'use strict';

const RL = (() => {
  const hash = new URLSearchParams(location.hash.slice(1));
  const token = hash.get('token') || '';

  // One id per open page: the server runs one search at a time per id,
  // and a new request stops the one before.
  const client = (() => {
    const a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
  })();

  function headers(json) {
    const h = { 'X-Redline-Client': client };
    if (token) h['X-Redline-Token'] = token;
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  // A request; the answer's text, its JSON when it is JSON, and whether
  // the search finished before its deadline. A refusal throws an Error
  // with the server's message and .status.
  async function request(method, path, body, signal) {
    const init = { method, headers: headers(body !== undefined), signal, cache: 'no-store' };
    if (body !== undefined) init.body = JSON.stringify(body);
    const r = await fetch(path, init);
    const text = await r.text();
    const type = r.headers.get('Content-Type') || '';
    const json = type.startsWith('application/json') ? JSON.parse(text) : null;
    if (!r.ok) {
      const err = new Error((json && json.error) || r.statusText || ('HTTP ' + r.status));
      err.status = r.status;
      throw err;
    }
    return { text, json, complete: r.headers.get('X-Redline-Complete') !== 'false' };
  }

  // el('td', {class: 'n', title: t}, 'text', child, ...): attributes and
  // text are set as such; nothing is parsed as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === undefined || c === null) continue;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  // A path with the token in its query, for what cannot send headers
  // (an <img>).
  function withToken(path) {
    if (!token) return path;
    return path + (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  }

  // Waits for news of the server (a reload of the scenario, a deal
  // submitted) and calls onNews(state) for each; runs until the page goes.
  async function watch(generation, onNews) {
    let since = generation;
    let pause = 500;
    for (;;) {
      try {
        const r = await request('GET', '/api/watch?since=' + since);
        pause = 500;
        if (r.json.generation !== since) {
          since = r.json.generation;
          await onNews(r.json);
        }
      } catch (e) {
        await new Promise((ok) => setTimeout(ok, pause));
        pause = Math.min(pause * 2, 10000);
      }
    }
  }

  // A count as the JSON wrote it (a decimal string: counts can pass 2^53,
  // beyond which a JavaScript number loses digits), with thousands
  // separated.
  function groupDigits(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  return { token, client, request, el, clear, show, withToken, watch, groupDigits };
})();
