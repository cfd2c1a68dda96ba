/**
 * The dashboard's charts (plain browser JS over the inlined uPlot): the runs overlay from
 * /v1/compare, and an LR finder curve on a log axis with its suggestion marked.
 */
export const PAGE_SCRIPT_CHARTS = String.raw`
var charts = { runs: null, runsKey: '', lr: null, drawing: 0 };

function chartWidth(id) { return Math.max(320, $(id).clientWidth || 640); }
function placeholder(id, text) { $(id).textContent = ''; $(id).appendChild(el('div', { class: 'empty', text: text })); }
function legendValue(u, value) { return value === null || value === undefined ? '—' : fmt(value); }
function logTicks(u, splits) {
  return splits.map(function (v) { return v === null || !isFinite(v) ? '' : v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(0); });
}

async function drawChart() {
  var token = (charts.drawing += 1);
  state.chartDirty = false;
  if (state.selected.length === 0) {
    if (charts.runs) { charts.runs.destroy(); charts.runs = null; charts.runsKey = ''; }
    placeholder('chart', 'Pick runs on the left to draw their curves by epoch.');
    return;
  }
  var metric = state.metric;
  var comparison;
  try {
    comparison = await api('/v1/compare?jobs=' + encodeURIComponent(state.selected.join(',')) + '&metric=' + metric);
  } catch (error) {
    placeholder('chart', String(error.message || error));
    return;
  }
  if (token !== charts.drawing) return; // a newer draw started meanwhile
  var data = [comparison.epochs].concat(comparison.series.map(function (s) { return s.values; }));
  var key = metric + '|' + comparison.series.map(function (s) { return s.jobId; }).join(',');
  if (charts.runs && charts.runsKey === key) { charts.runs.setData(data); return; }
  if (charts.runs) charts.runs.destroy();
  $('chart').textContent = '';
  var series = [{ label: 'epoch' }].concat(comparison.series.map(function (s) {
    var job = findJob(s.jobId);
    return {
      label: (s.name || s.jobId) + (job && job.stoppedBy ? ' (ASHA stop)' : ''),
      stroke: colorOf(s.jobId) || '#475569',
      width: 2,
      value: legendValue,
      points: { show: comparison.epochs.length <= 30, size: 5 },
    };
  }));
  var yAxis = { label: metric + (comparison.goal === 'maximize' ? ' (higher is better)' : ' (lower is better)'), stroke: '#475569', size: 60 };
  if (metric === 'lr') yAxis.values = logTicks;
  charts.runs = new uPlot({
    width: chartWidth('chart'),
    height: 340,
    scales: { x: { time: false }, y: metric === 'lr' ? { distr: 3 } : {} },
    axes: [{ label: 'epoch', stroke: '#475569' }, yAxis],
    series: series,
    legend: { live: true },
  }, data, $('chart'));
  charts.runsKey = key;
}

function renderLrOptions() {
  var jobs = state.jobs.filter(function (job) { return job.type === 'lr_finder'; });
  var select = $('lrjob');
  var before = select.value;
  select.textContent = '';
  jobs.forEach(function (job) { select.appendChild(el('option', { value: job.id, text: jobLabel(job) + ' · ' + job.status })); });
  select.style.display = jobs.length === 0 ? 'none' : '';
  if (!state.lrJobId && jobs.length > 0) { state.lrJobId = jobs[0].id; state.lrDirty = true; }
  select.value = state.lrJobId;
  if (before !== select.value) state.lrDirty = true;
  var job = findJob(state.lrJobId);
  if (job && !TERMINAL[job.status]) state.lrDirty = true;
}

function markerPlugin(result) {
  return function (u) {
    var ctx = u.ctx;
    var marks = [{ lr: result.suggestion.lr, color: '#dc2626', text: 'suggested ' + fmt(result.suggestion.lr) }];
    if (result.halfDivergence !== null && result.halfDivergence !== undefined) marks.push({ lr: result.halfDivergence, color: '#d97706', text: '½ divergence ' + fmt(result.halfDivergence) });
    ctx.save();
    marks.forEach(function (mark, i) {
      var x = u.valToPos(mark.lr, 'x', true);
      if (!isFinite(x)) return;
      ctx.strokeStyle = mark.color;
      ctx.fillStyle = mark.color;
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.font = (12 * devicePixelRatio) + 'px system-ui, sans-serif';
      ctx.textBaseline = 'alphabetic';
      // label on the roomier side of the line (uPlot leaves textAlign as its axes last set it)
      var right = x < u.bbox.left + u.bbox.width * 0.7;
      ctx.textAlign = right ? 'left' : 'right';
      ctx.fillText(mark.text, x + (right ? 5 : -5) * devicePixelRatio, u.bbox.top + (14 + 16 * i) * devicePixelRatio);
    });
    ctx.restore();
  };
}

async function drawLr() {
  state.lrDirty = false;
  var job = findJob(state.lrJobId);
  if (!job) return;
  var result = job.result;
  if (!result || !result.curve || result.curve.length === 0) {
    if (charts.lr) { charts.lr.destroy(); charts.lr = null; }
    placeholder('lrchart', 'LR finder ' + job.id + ' is ' + job.status + '; the curve appears when it finishes.');
    $('lrinfo').textContent = '';
    return;
  }
  var curve = result.curve.slice().sort(function (a, b) { return a.lr - b.lr; });
  var data = [curve.map(function (p) { return p.lr; }), curve.map(function (p) { return p.loss; }), curve.map(function (p) { return p.smoothedLoss; })];
  if (charts.lr) charts.lr.destroy();
  $('lrchart').textContent = '';
  charts.lr = new uPlot({
    width: chartWidth('lrchart'),
    height: 280,
    scales: { x: { time: false, distr: 3 } },
    axes: [{ label: 'learning rate (log)', stroke: '#475569', values: logTicks }, { label: 'loss', stroke: '#475569', size: 60 }],
    series: [
      { label: 'lr', value: legendValue },
      { label: 'loss', stroke: '#94a3b8', width: 1, value: legendValue },
      { label: 'smoothed loss', stroke: '#2563eb', width: 2, value: legendValue },
    ],
    hooks: { draw: [markerPlugin(result)] },
  }, data, $('lrchart'));
  $('lrinfo').textContent = 'Suggested learning rate ' + fmt(result.suggestion.lr) + ' (' + result.suggestion.method.replace('_', ' ') + ')' +
    (result.divergedAt !== null && result.divergedAt !== undefined ? '; the loss diverged at ' + fmt(result.divergedAt) : '; the loss never diverged') + '.';
}

function resizeCharts() {
  if (charts.runs) charts.runs.setSize({ width: chartWidth('chart'), height: 340 });
  if (charts.lr) charts.lr.setSize({ width: chartWidth('lrchart'), height: 280 });
}
`;
