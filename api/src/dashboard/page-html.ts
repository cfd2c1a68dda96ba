import { PAGE_SCRIPT_CHARTS } from './page-script-charts.js';
import { PAGE_SCRIPT_CORE } from './page-script-core.js';
import { PAGE_SCRIPT_SWEEPS } from './page-script-sweeps.js';
import { PAGE_STYLE } from './page-style.js';
import { UPLOT_CSS, UPLOT_JS } from './vendor/uplot.generated.js';

const BODY = String.raw`
<header><h1>Layer<b>lab</b> dashboard</h1><small><span id="live"></span><span id="updated">loading…</span></small>
  <label class="key">API key <input id="apikey" type="password" placeholder="not needed in local mode" autocomplete="off"><button id="savekey" class="ghost">Save</button></label></header>
<div id="authmsg">This API needs a key: paste it above (it stays in this browser's localStorage and is sent as a Bearer token).</div>
<main>
  <section>
    <div class="card"><h2>Runs <span class="tools"><select id="typefilter" aria-label="Job type"><option value="">all types</option><option value="train">train</option><option value="sweep_trial">sweep trials</option><option value="lr_finder">LR finder</option></select></span></h2>
      <table id="runs"><thead><tr><th></th><th>Run</th><th>Status</th><th class="num">Best</th><th>Backend</th><th class="num">Epochs</th></tr></thead><tbody></tbody></table>
      <p class="hint">Tick runs to overlay their curves. LR finder jobs open in their own chart.</p></div>
    <div class="card"><h2>Sweep leaderboard <span class="tools"><select id="sweep" aria-label="Sweep"></select><button id="chartsweep" class="ghost">Chart top 6</button></span></h2>
      <div id="sweepinfo" class="hint"></div><table id="leaderboard"><thead><tr><th class="num">#</th><th>Trial</th><th>Params</th><th>Status</th><th class="num">Metric</th><th class="num">Ep.</th><th>Note</th></tr></thead><tbody></tbody></table></div>
  </section>
  <section>
    <div class="card"><h2>Compare runs <span class="tools"><label>metric <select id="metric"></select></label><button id="clear" class="ghost">Clear</button></span></h2>
      <div id="chart" class="chart"><div class="empty">Pick runs on the left to draw their curves by epoch.</div></div></div>
    <div class="card"><h2>Learning-rate finder <span class="tools"><select id="lrjob" aria-label="LR finder job"></select></span></h2>
      <div id="lrchart" class="chart"><div class="empty">No LR finder job yet (POST /v1/lr-finder).</div></div><p id="lrinfo" class="hint"></p></div>
  </section>
</main>`;

/**
 * The dashboard: one self-contained page (uPlot inlined, no CDN, no other request than the API's
 * own JSON). It reads the API with the key from localStorage and polls every 2 s while runs train.
 */
export function renderDashboard(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Layerlab dashboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${UPLOT_CSS}</style><style>${PAGE_STYLE}</style></head><body>${BODY}
<script>${UPLOT_JS}</script>
<script>(function () { "use strict";${PAGE_SCRIPT_CORE}${PAGE_SCRIPT_SWEEPS}${PAGE_SCRIPT_CHARTS}
start(); })();</script></body></html>`;
}

/** Sent with the page: nothing but this origin's API, inline scripts and styles. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
