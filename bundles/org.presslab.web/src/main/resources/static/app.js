/* Presslab operator page. Plain JavaScript, no build step; the chart is uPlot (vendored, MIT). */
'use strict';
(function () {
  const API = '/presslab/api/';
  const WINDOW_S = 300;          // the live chart shows the last five minutes
  const state = { session: null, stations: new Map(), recipes: [], live: null, view: 'stations' };
  window.presslab = state;       // for people debugging in the browser console, and for the browser tests

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const fmt = (v, d) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toFixed(d === undefined ? 2 : d);

  async function api(method, path, body) {
    const headers = { 'X-Presslab-Client': 'page', 'Accept': 'application/json' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (state.session) headers['X-CSRF-Token'] = state.session.csrfToken;
    }
    const r = await fetch(API + path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    if (r.status === 401 && path !== 'login') { showLogin('Your session ended; please log in again.'); }
    return { ok: r.ok, status: r.status, data };
  }

  // ---- login -------------------------------------------------------------------------------------------------
  function showLogin(message) {
    state.session = null;
    if (state.live) { state.live.close(); state.live = null; }
    $('#login-view').hidden = false;
    $$('.view').forEach(v => v.hidden = true);
    $('#nav').hidden = true; $('#estop-all').hidden = true; $('#who').textContent = '';
    $('#login-error').textContent = message || '';
  }

  $('#login-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const r = await api('POST', 'login', { user: $('#login-user').value, password: $('#login-password').value });
    $('#login-password').value = '';
    if (!r.ok) { $('#login-error').textContent = (r.data && r.data.error) || ('login failed: HTTP ' + r.status); return; }
    started(r.data);
  });

  async function boot() {
    const r = await api('GET', 'session');
    if (r.ok) started(r.data); else showLogin('');
  }

  function started(session) {
    state.session = session;
    document.body.dataset.role = session.role;
    $('#login-view').hidden = true;
    $('#nav').hidden = false; $('#estop-all').hidden = false;
    $('#who').innerHTML = '';
    const who = document.createElement('span');
    who.textContent = session.user + ' · ' + session.role + (session.canOperate ? '' : ' (read only)');
    const out = document.createElement('button');
    out.type = 'button'; out.textContent = 'Log out'; out.id = 'logout';
    out.addEventListener('click', async () => { await api('POST', 'logout', {}); showLogin('Logged out.'); });
    $('#who').append(who, out);
    $('#admin-links').hidden = !session.isAdmin;
    show(state.view);
    loadRecipes().then(refresh);
    openLive();
  }

  // ---- views -------------------------------------------------------------------------------------------------
  $$('#nav .tab').forEach(b => b.addEventListener('click', () => show(b.dataset.view)));
  function show(view) {
    state.view = view;
    $$('#nav .tab').forEach(b => b.classList.toggle('active', b.dataset.view === view));
    $$('.view').forEach(v => v.hidden = v.id !== view + '-view');
    if (view === 'audit') loadAudit();
    if (view === 'drivers') loadDrivers();
  }

  // ---- stations ----------------------------------------------------------------------------------------------
  async function loadRecipes() {
    const r = await api('GET', 'recipes');
    if (r.ok) state.recipes = r.data;
  }

  async function refresh() {
    if (!state.session) return;
    const r = await api('GET', 'stations');
    if (!r.ok) { $('#banner').textContent = (r.data && r.data.error) || ('HTTP ' + r.status); return; }
    $('#banner').textContent = r.data.length ? '' : 'No station is configured.';
    for (const s of r.data) render(s);
  }

  function card(id) {
    let st = state.stations.get(id);
    if (st) return st;
    const el = $('#station-template').content.firstElementChild.cloneNode(true);
    el.dataset.station = id;
    $('.sid', el).textContent = id;
    const sel = $('[data-input=recipe]', el);
    for (const name of state.recipes) { const o = document.createElement('option'); o.value = o.textContent = name; sel.append(o); }
    sel.addEventListener('change', () => { $('[data-action=start]', el).disabled = true; $('[data-field=dryrun]', el).textContent = ''; });
    $$('button[data-action]', el).forEach(b => b.addEventListener('click', () => act(id, b.dataset.action)));
    if (!state.session.canOperate) {
      $$('.moving', el).forEach(b => { b.disabled = true; b.title = 'Needs the operator role'; });
      $$('.move input', el).forEach(i => i.disabled = true);
    }
    $('#stations').append(el);
    st = { id, el, t: [], p: [], sp: [], plot: null, dirty: false, dryRunOk: false, samples: 0 };
    state.stations.set(id, st);
    makeChart(st);
    loadHistory(st);
    return st;
  }

  function render(s) {
    const st = card(s.id), el = st.el;
    st.data = s;
    const badge = $('.state', el);
    badge.textContent = s.state.replace(/_/g, ' ');
    badge.className = 'state ' + s.state.toLowerCase();
    el.dataset.state = s.state;
    $('.desc', el).textContent = s.description || '';
    $('[data-field=pressure]', el).textContent = fmt(s.pressureMPa);
    $('[data-field=setpoint]', el).textContent = fmt(s.setpointMPa);
    $('[data-field=target]', el).textContent = fmt(s.targetMPa);
    $('[data-field=limit]', el).textContent = fmt(s.limits.maxPressureMPa, 1);
    $('[data-field=limit]', el).title = 'set by ' + s.limits.maxPressureSource + '; max rate ' + fmt(s.limits.maxRateMPaPerS) + ' MPa/s';
    $('[data-field=driver]', el).textContent = (s.driver || 'none') + (s.connection ? ' (' + s.connection.toLowerCase() + ')' : '');
    $('[data-field=loop]', el).textContent = fmt(s.loopRateHz, 0) + ' Hz';
    $('[data-field=message]', el).textContent = s.message || '';
    const trip = $('[data-field=trip]', el);
    trip.hidden = !s.trip;
    trip.textContent = s.trip ? ('Latched: ' + s.trip.interlock + ' — ' + s.trip.message) : '';
    const run = s.run, runEl = $('.run', el);
    runEl.hidden = !run;
    if (run) {
      $('[data-field=run]', el).textContent = run.recipe + ' · ' + run.state.toLowerCase() + ' · step ' + run.step + '/' + run.steps
        + ': ' + run.stepDescription + (run.message ? ' · ' + run.message : '');
      $('[data-field=left]', el).textContent = run.finished ? '' : (fmtDuration(run.remainingS) + ' left');
      const done = run.state === 'COMPLETED' ? 1 : Math.max(0, (run.step - 1) / Math.max(1, run.steps));
      $('.bar', runEl).style.width = (100 * done).toFixed(1) + '%';
    }
    const tbody = $('.interlocks tbody', el);
    tbody.innerHTML = '';
    for (const i of s.interlocks) {
      const tr = document.createElement('tr');
      if (i.tripped) tr.className = 'tripped';
      for (const v of [i.kind, i.tripped ? 'TRIPPED' : 'ok', i.limit === null ? '–' : fmt(i.limit, 3) + ' ' + i.unit,
                       i.value === null ? '–' : fmt(i.value, 3) + ' ' + i.unit, i.detail]) {
        const td = document.createElement('td'); td.textContent = v; tr.append(td);
      }
      tbody.append(tr);
    }
  }

  function fmtDuration(s) {
    if (s === null || s === undefined) return '?';
    s = Math.round(s);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + sec + ' s';
  }

  async function act(id, action) {
    const st = state.stations.get(id), el = st.el;
    const out = $('[data-field=outcome]', el);
    const num = name => { const v = $('[data-input=' + name + ']', el).value; return v === '' ? null : Number(v); };
    let r;
    switch (action) {
      case 'estop': r = await api('POST', 'stations/' + id + '/estop', { reason: 'EMERGENCY STOP button on the web page' }); break;
      case 'ramp': r = await api('POST', 'stations/' + id + '/ramp', { targetMPa: num('target'), rateMPaPerS: num('rate') }); break;
      case 'hold': r = await api('POST', 'stations/' + id + '/hold', { targetMPa: num('target') }); break;
      case 'release': r = await api('POST', 'stations/' + id + '/release', { targetMPa: num('target'), rateMPaPerS: num('rate') }); break;
      case 'reset': r = await api('POST', 'stations/' + id + '/reset', {}); break;
      case 'ack': r = await api('POST', 'stations/' + id + '/ack', {}); break;
      case 'dryrun': {
        const recipe = $('[data-input=recipe]', el).value;
        r = await api('POST', 'recipes/validate', { recipe, station: id });
        const box = $('[data-field=dryrun]', el);
        box.innerHTML = '';
        if (r.ok) {
          const d = r.data.dryRun, ok = d.ok;
          const head = document.createElement('div');
          head.className = ok ? 'ok' : 'error';
          head.textContent = 'Dry run of ' + d.recipe + ': ' + (ok ? 'may run, about ' + fmtDuration(d.estimatedSeconds)
            : d.violations.length + ' violation(s), refused');
          box.append(head);
          const ol = document.createElement('ol');
          for (const s of r.data.recipe.steps) { const li = document.createElement('li'); li.textContent = s; ol.append(li); }
          box.append(ol);
          for (const v of d.violations) { const p = document.createElement('div'); p.className = 'error'; p.textContent = v; box.append(p); }
          $('[data-action=start]', el).disabled = !(ok && state.session.canOperate);
        } else {
          box.textContent = (r.data && r.data.error) || ('HTTP ' + r.status);
        }
        return;
      }
      case 'start': r = await api('POST', 'stations/' + id + '/recipe/start', { recipe: $('[data-input=recipe]', el).value });
        $('[data-action=start]', el).disabled = true; break;
      case 'pause': r = await api('POST', 'stations/' + id + '/recipe/pause', { mode: 'step' }); break;
      case 'resume': r = await api('POST', 'stations/' + id + '/recipe/resume', {}); break;
      case 'abort': r = await api('POST', 'stations/' + id + '/recipe/abort', { reason: 'aborted from the web page' }); break;
      default: return;
    }
    out.className = 'outcome ' + (r.ok ? 'ok' : 'error');
    out.textContent = r.ok ? (action + ': done') : (action + ' refused: ' + ((r.data && r.data.error) || ('HTTP ' + r.status)));
    if (action === 'estop' && r.ok) {
      out.dataset.receivedAt = r.data.receivedAt || '';
      out.dataset.trippedAt = r.data.trippedAt || '';
      out.textContent = 'EMERGENCY STOPPED' + (r.data.trippedAt ? ' at ' + new Date(r.data.trippedAt).toLocaleTimeString() : '')
        + '; Reset when the cause is gone';
    }
    refresh();
  }

  $('#estop-all').addEventListener('click', async () => {
    const r = await api('POST', 'stations/estop-all', { reason: 'EMERGENCY STOP ALL button on the web page' });
    $('#banner').textContent = r.ok ? ('Emergency stop: ' + r.data.stopped.join(', ')) : ('Emergency stop failed: ' + ((r.data && r.data.error) || r.status));
    refresh();
  });

  // ---- chart -------------------------------------------------------------------------------------------------
  function makeChart(st) {
    const box = $('.chart', st.el);
    const opts = {
      width: Math.max(320, box.clientWidth || 640), height: 220,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, (max || 0) * 1.1)] } },
      series: [{}, { label: 'pressure MPa', stroke: '#1565c0', width: 2, spanGaps: false },
               { label: 'setpoint MPa', stroke: '#ef6c00', width: 1, dash: [6, 4] }],
      axes: [{}, { label: 'MPa' }],
      legend: { live: false }
    };
    st.plot = new uPlot(opts, [[], [], []], box);
  }

  async function loadHistory(st) {
    const r = await api('GET', 'stations/' + st.id + '/history?seconds=' + WINDOW_S);
    if (!r.ok) return;
    st.t = r.data.t.map(ms => ms / 1000); st.p = r.data.pressureMPa; st.sp = r.data.setpointMPa;
    st.dirty = true;
  }

  function onSample(s) {
    const st = state.stations.get(s.station);
    if (!st || s.t === null) return;
    st.t.push(s.t / 1000); st.p.push(s.pressureMPa); st.sp.push(s.setpointMPa);
    const cut = s.t / 1000 - WINDOW_S;
    let drop = 0; while (drop < st.t.length && st.t[drop] < cut) drop++;
    if (drop) { st.t.splice(0, drop); st.p.splice(0, drop); st.sp.splice(0, drop); }
    st.samples++;
    st.dirty = true;
    const live = $('[data-field=pressure]', st.el);
    if (s.pressureMPa !== null) live.textContent = fmt(s.pressureMPa);
  }

  function draw() {
    for (const st of state.stations.values()) {
      if (!st.dirty || !st.plot) continue;
      st.dirty = false;
      st.plot.setData([st.t, st.p, st.sp]);
      const box = $('.chart', st.el);
      box.dataset.samples = String(st.samples);
      box.dataset.lastPressure = String(st.p.length ? st.p[st.p.length - 1] : '');
      box.dataset.lastTime = String(st.t.length ? st.t[st.t.length - 1] : '');
    }
    requestAnimationFrame(draw);
  }
  requestAnimationFrame(draw);
  window.addEventListener('resize', () => { for (const st of state.stations.values()) {
    const w = $('.chart', st.el).clientWidth; if (st.plot && w > 0) st.plot.setSize({ width: w, height: 220 }); } });

  // ---- live stream -------------------------------------------------------------------------------------------
  function openLive() {
    if (state.live) state.live.close();
    const es = new EventSource(API + 'live');
    state.live = es;
    es.addEventListener('sample', ev => onSample(JSON.parse(ev.data)));
    es.addEventListener('event', ev => {
      const e = JSON.parse(ev.data);
      if (e.type !== 'COMMAND' || e.properties.outcome === 'ACCEPTED') refresh();
      if (state.view === 'audit' && e.type === 'COMMAND') loadAudit();
    });
    es.addEventListener('logout', () => showLogin('Your session ended.'));
    es.onerror = () => { if (state.session) $('#banner').textContent = 'Live data interrupted; reconnecting…'; };
    es.onopen = () => { $('#banner').textContent = ''; };
  }
  setInterval(() => { if (state.session && state.view === 'stations') refresh(); }, 1000);

  // ---- audit and drivers -------------------------------------------------------------------------------------
  async function loadAudit() {
    const r = await api('GET', 'audit?limit=200');
    if (!r.ok) return;
    const tb = $('#audit-rows'); tb.innerHTML = '';
    for (const e of r.data) {
      const p = e.properties, args = [];
      for (const k of ['targetPa', 'ratePaPerS', 'recipe', 'reason']) {
        if (p[k] === undefined || p[k] === null) continue;
        args.push(k === 'targetPa' ? 'target ' + fmt(p[k] / 1e6) + ' MPa' : k === 'ratePaPerS' ? 'rate ' + fmt(p[k] / 1e6) + ' MPa/s' : k + ' ' + p[k]);
      }
      const tr = document.createElement('tr');
      tr.className = p.outcome === 'REFUSED' ? 'refused' : '';
      for (const v of [new Date(e.time).toLocaleString(), e.station, p.actor, p.source, p.command, args.join(', '),
                       p.outcome + (p.refusal ? ': ' + p.refusal : '')]) {
        const td = document.createElement('td'); td.textContent = v === undefined ? '' : v; tr.append(td);
      }
      tb.append(tr);
    }
  }

  async function loadDrivers() {
    const r = await api('GET', 'drivers');
    if (!r.ok) return;
    const tb = $('#driver-rows'); tb.innerHTML = '';
    for (const d of r.data) {
      const tr = document.createElement('tr');
      for (const v of [d.id, (d.vendor || '') + ' ' + (d.model || ''), d.serial, d.kind,
                       d.maxPressureRatingMPa === null ? '–' : fmt(d.maxPressureRatingMPa, 0) + ' MPa', (d.capabilities || []).join(', '), d.bundleId]) {
        const td = document.createElement('td'); td.textContent = v === undefined || v === null ? '' : v; tr.append(td);
      }
      tb.append(tr);
    }
  }

  boot();
})();
