/** The dashboard's sweep leaderboard (plain browser JS): trials ranked, ASHA stops and the best marked. */
export const PAGE_SCRIPT_SWEEPS = String.raw`
function paramText(params) {
  return Object.keys(params).map(function (path) {
    var value = params[path];
    return path.split('.').pop() + '=' + (typeof value === 'number' ? fmt(value) : JSON.stringify(value));
  }).join(', ');
}

function renderSweeps() {
  var select = $('sweep');
  if (!state.sweepId && state.sweeps.length > 0) state.sweepId = state.sweeps[0].id;
  select.textContent = '';
  state.sweeps.forEach(function (sweep) { select.appendChild(el('option', { value: sweep.id, text: (sweep.name || sweep.id) + ' · ' + sweep.status })); });
  select.value = state.sweepId;
  select.style.display = state.sweeps.length === 0 ? 'none' : '';
  $('chartsweep').style.display = state.sweeps.length === 0 ? 'none' : '';
  var sweep = state.sweeps.filter(function (s) { return s.id === state.sweepId; })[0];
  var body = $('leaderboard').tBodies[0];
  body.textContent = '';
  if (!sweep) { $('sweepinfo').textContent = 'No sweep yet (POST /v1/sweeps).'; return; }
  var sign = sweep.metric.goal === 'minimize' ? 1 : -1;
  var runs = sweep.runs.slice().sort(function (a, b) {
    if (a.metric === null || b.metric === null) return a.metric === null ? (b.metric === null ? a.index - b.index : 1) : -1;
    return sign * (a.metric - b.metric);
  });
  var stopped = sweep.runs.filter(function (r) { return r.stoppedBy; }).length;
  $('sweepinfo').textContent = sweep.method + ' sweep of ' + sweep.runs.length + ' trials, ' + sweep.metric.goal + ' ' + sweep.metric.name +
    (sweep.earlyTerminate ? ' · ASHA minEpochs ' + sweep.earlyTerminate.minEpochs + ', eta ' + sweep.earlyTerminate.eta + ' · ' + stopped + ' stopped early' : '') + ' · ' + sweep.status;
  runs.forEach(function (run, rank) {
    var isBest = sweep.best && sweep.best.index === run.index;
    var by = run.stoppedBy;
    var note = by ? '✂ ASHA: epoch ' + by.epoch + ', rank ' + by.rank + ' of ' + by.of : isBest ? '★ best' : '';
    var why = by ? 'stopped by ASHA at epoch ' + by.epoch + ' (rung ' + by.rung + '): ' + by.metric + ' ' + fmt(by.value) + ' ranked ' + by.rank + ' of ' + by.of + ' trials at that rung' : '';
    body.appendChild(el('tr', { class: (by ? 'stopped' : '') + (isBest ? ' best' : ''), 'data-trial': String(run.index) }, [
      el('td', { class: 'num', text: run.metric === null ? '' : String(rank + 1) }), el('td', { text: '#' + run.index }),
      el('td', { text: paramText(run.params) }), el('td', {}, [badge(run.status)]), el('td', { class: 'num', text: fmt(run.metric) }),
      el('td', { class: 'num', text: String(run.epochs) }), el('td', { class: 'note', text: note, title: why }),
    ]));
  });
}

function chartSweep() {
  var sweep = state.sweeps.filter(function (s) { return s.id === state.sweepId; })[0];
  if (!sweep) return;
  var sign = sweep.metric.goal === 'minimize' ? 1 : -1;
  state.selected = sweep.runs.filter(function (r) { return r.jobId && r.metric !== null; })
    .sort(function (a, b) { return sign * (a.metric - b.metric); }).slice(0, 6).map(function (r) { return r.jobId; });
  state.metric = sweep.metric.name;
  $('metric').value = state.metric;
  state.chartDirty = true;
  renderRuns();
  drawChart();
}
`;
