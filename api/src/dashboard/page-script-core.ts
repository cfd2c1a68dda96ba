/**
 * The dashboard's data side (plain browser JS, no build step): API calls with the stored key,
 * the runs table and the refresh loop (2 s while runs train, else 5 s). No template literals
 * inside (the code itself lives in one); every user string goes through textContent.
 */
export const PAGE_SCRIPT_CORE = String.raw`
var KEY = 'layerlab.apiKey';
var METRICS = ['loss', 'valLoss', 'accuracy', 'valAccuracy', 'mae', 'valMae', 'valR2', 'valF1', 'lr'];
var COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];
var TERMINAL = { succeeded: true, failed: true, cancelled: true };
var MAX_SELECTED = 10;
var state = { jobs: [], sweeps: [], selected: [], metric: 'valLoss', sweepId: '', lrJobId: '', chartDirty: true, chartSig: '', lrDirty: true };

function $(id) { return document.getElementById(id); }
function el(tag, props, children) {
  var node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (key) {
    var value = props[key];
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.indexOf('on') === 0) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  });
  (children || []).forEach(function (child) {
    if (child !== null && child !== undefined) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}
function fmt(value) {
  if (value === null || value === undefined || !isFinite(value)) return '—';
  var abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return String(Math.round(value * 10000) / 10000);
}
function badge(status) { return el('span', { class: 'badge s-' + status, text: status }); }
function jobLabel(job) { return (job.spec && job.spec.name) || job.id; }
function findJob(id) { for (var i = 0; i < state.jobs.length; i += 1) if (state.jobs[i].id === id) return state.jobs[i]; return null; }
function colorOf(id) { var i = state.selected.indexOf(id); return i < 0 ? null : COLORS[i % COLORS.length]; }

function showAuth(show) { $('authmsg').className = show ? 'show' : ''; }
async function api(path) {
  var headers = {};
  var key = localStorage.getItem(KEY);
  if (key) headers.authorization = 'Bearer ' + key;
  var response = await fetch(path, { headers: headers });
  if (response.status === 401) { showAuth(true); throw new Error('API key needed'); }
  showAuth(false);
  var body = await response.json().catch(function () { return {}; });
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

function bestText(job) {
  if (job.type === 'lr_finder') return job.result && job.result.suggestion ? 'lr ' + fmt(job.result.suggestion.lr) : '—';
  if (job.best) return job.best.monitor + ' ' + fmt(job.best.value);
  var m = job.metrics;
  return m ? (m.valLoss !== undefined ? 'valLoss ' + fmt(m.valLoss) : 'loss ' + fmt(m.loss)) : '—';
}

function toggle(id, on) {
  var at = state.selected.indexOf(id);
  if (on && at < 0 && state.selected.length < MAX_SELECTED) state.selected.push(id);
  if (!on && at >= 0) state.selected.splice(at, 1);
  state.chartDirty = true;
  renderRuns();
  drawChart();
}

var rowCache = {};
function runRow(job) {
  var row = rowCache[job.id];
  if (!row) {
    var pick;
    if (job.type === 'lr_finder') {
      pick = el('button', { class: 'ghost', text: 'curve', title: 'Show in the LR finder chart', onclick: function () { state.lrJobId = job.id; state.lrDirty = true; $('lrjob').value = job.id; drawLr(); } });
    } else {
      pick = el('input', { type: 'checkbox', 'data-job': job.id, 'aria-label': 'Chart ' + jobLabel(job) });
      pick.addEventListener('change', function () { toggle(job.id, pick.checked); });
    }
    var cells = [el('td', {}, [pick]), el('td'), el('td'), el('td', { class: 'num' }), el('td'), el('td', { class: 'num' })];
    row = rowCache[job.id] = { tr: el('tr', { 'data-job': job.id }, cells), pick: pick, cells: cells, sig: '' };
  }
  // rows are updated in place, never rebuilt: a click landing during a refresh is not lost
  var color = colorOf(job.id);
  var sig = [job.status, job.progress.epoch, bestText(job), job.backend, color, !!job.stoppedBy, jobLabel(job)].join('|');
  if (row.pick.type === 'checkbox') row.pick.checked = color !== null;
  if (sig === row.sig) return row.tr;
  row.sig = sig;
  row.tr.className = color ? 'sel' : '';
  var c = row.cells;
  c[1].textContent = '';
  if (color) c[1].appendChild(el('span', { class: 'swatch', style: 'background:' + color }));
  c[1].appendChild(document.createTextNode(jobLabel(job)));
  c[1].appendChild(el('span', { class: 'id', text: job.id + ' · ' + job.type.replace('_', ' ') }));
  c[2].textContent = '';
  c[2].appendChild(badge(job.status));
  if (job.stoppedBy) c[2].appendChild(el('span', { class: 'badge s-cancelled', text: 'ASHA', title: 'stopped early by ASHA at epoch ' + job.stoppedBy.epoch }));
  c[3].textContent = bestText(job);
  c[4].textContent = job.backend || '—';
  c[5].textContent = job.progress.epoch + '/' + job.progress.epochs;
  return row.tr;
}

function renderRuns() {
  var filter = $('typefilter').value;
  var body = $('runs').tBodies[0];
  var wanted = state.jobs.filter(function (job) { return !filter || job.type === filter; }).map(runRow);
  var same = wanted.length === body.children.length && wanted.every(function (tr, i) { return body.children[i] === tr; });
  if (!same) {
    body.textContent = '';
    wanted.forEach(function (tr) { body.appendChild(tr); });
  }
  if (wanted.length === 0) body.appendChild(el('tr', {}, [el('td', { colspan: '6', class: 'empty', text: 'No runs yet: POST /v1/jobs to start one.' })]));
}

// every read costs storage requests (S3 on Workers): poll fast only while something trains,
// and re-read the sweep list (each sweep reads its trials) only while a sweep runs or every 5th poll
var polls = 0;
var running = 0;
var timer = null;
var sweepsLoaded = false;
function scheduleRefresh(ms) { clearTimeout(timer); timer = setTimeout(refresh, ms); }
async function refresh() {
  polls += 1;
  try {
    var sweepsDue = !sweepsLoaded || polls % 5 === 0 || state.sweeps.some(function (s) { return s.status === 'running'; });
    var results = await Promise.all([api('/v1/jobs?limit=100'), sweepsDue ? api('/v1/sweeps?limit=20') : null]);
    state.jobs = results[0].data;
    if (results[1]) { state.sweeps = results[1].data; sweepsLoaded = true; }
    renderRuns();
    renderSweeps();
    renderLrOptions();
    running = state.jobs.filter(function (job) { return !TERMINAL[job.status]; }).length;
    // redraw when a charted run has a new epoch or status (its last epoch lands with its final status)
    var chartSig = state.selected.map(function (id) { var job = findJob(id); return job ? job.status + job.progress.epoch : '?'; }).join(',');
    if (chartSig !== state.chartSig) { state.chartSig = chartSig; state.chartDirty = true; }
    if (state.chartDirty) await drawChart();
    if (state.lrDirty) await drawLr();
    $('live').className = running > 0 ? 'on' : '';
    $('updated').textContent = (running > 0 ? running + ' training · ' : '') + 'updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    $('updated').textContent = String(error.message || error);
  } finally {
    scheduleRefresh(running > 0 ? 2000 : 5000);
  }
}

function start() {
  METRICS.forEach(function (name) { $('metric').appendChild(el('option', { value: name, text: name })); });
  $('metric').value = state.metric;
  $('metric').addEventListener('change', function () { state.metric = $('metric').value; state.chartDirty = true; drawChart(); });
  $('typefilter').addEventListener('change', renderRuns);
  $('sweep').addEventListener('change', function () { state.sweepId = $('sweep').value; renderSweeps(); });
  $('chartsweep').addEventListener('click', chartSweep);
  $('clear').addEventListener('click', function () { state.selected = []; state.chartDirty = true; renderRuns(); drawChart(); });
  $('lrjob').addEventListener('change', function () { state.lrJobId = $('lrjob').value; state.lrDirty = true; drawLr(); });
  $('apikey').value = localStorage.getItem(KEY) || '';
  $('savekey').addEventListener('click', function () {
    var key = $('apikey').value.trim();
    if (key) localStorage.setItem(KEY, key); else localStorage.removeItem(KEY);
    state.chartDirty = true;
    state.lrDirty = true;
    sweepsLoaded = false;
    scheduleRefresh(0);
  });
  window.addEventListener('resize', resizeCharts);
  window.layerlab = { state: state, charts: charts }; // for the console (and the browser test)
  refresh();
}
`;
