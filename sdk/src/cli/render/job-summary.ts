import { metricMode, type Job } from '../../spec/index.js';
import { formatDuration, formatNumber, secondsBetween } from './format.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

function statusText(job: Job, style: Style): string {
  const took = secondsBetween(job.startedAt, job.finishedAt);
  const where = job.backend === null ? '' : ` on ${job.backend}`;
  const time = took === null ? '' : ` in ${formatDuration(took)}`;
  if (job.status === 'succeeded') return style.green(`succeeded${time}${where}`);
  if (job.status === 'failed') return style.red(`failed${time}${where}`);
  if (job.status === 'cancelled') return style.yellow(`cancelled${time}`);
  return `${job.status}${job.cancelRequested ? ' (cancel requested)' : ''}${where}`;
}

/** A finished (or running) job as a key/value table: status, epochs, best epoch, test metrics, model. */
export function jobSummary(job: Job, style: Style): string {
  const rows: string[][] = [['job', `${job.id}${job.spec.name === undefined ? '' : `  ${job.spec.name}`}`], ['status', statusText(job, style)]];
  if (job.error !== null) rows.push(['error', style.red(`${job.error.code}: ${job.error.message}`)]);
  const target = Array.isArray(job.spec.target) ? job.spec.target.join(', ') : job.spec.target;
  rows.push(['task', `${job.type === 'train' ? '' : `${job.type} · `}${job.spec.task} · target ${target} · dataset ${job.spec.dataset}`]);
  const early = job.stoppedEarly && job.spec.earlyStopping !== false ? ` · stopped early (patience ${job.spec.earlyStopping.patience})` : '';
  rows.push(['epochs', `${job.progress.epoch} of ${job.progress.epochs}${early}`]);
  if (job.stoppedBy !== null) {
    const by = job.stoppedBy;
    rows.push(['stopped by', `ASHA at epoch ${by.epoch} (rung ${by.rung}): rank ${by.rank} of ${by.of} on ${by.metric} ${formatNumber(by.value)}`]);
  }
  if (job.best !== null) {
    const restored = job.spec.earlyStopping !== false && job.spec.earlyStopping.restoreBest && job.stoppedEarly ? ' · weights restored' : '';
    rows.push(['best', `epoch ${job.best.epoch} · ${job.best.monitor} ${formatNumber(job.best.value)} (${metricMode(job.best.monitor)})${restored}`]);
  }
  if (job.metrics !== null) {
    const last = job.metrics;
    rows.push(['last epoch', `loss ${formatNumber(last.loss)} · valLoss ${formatNumber(last.valLoss)} · lr ${formatNumber(last.lr)}`]);
  }
  if (job.testMetrics !== null) {
    rows.push(['test', Object.entries(job.testMetrics).map(([name, value]) => `${name} ${formatNumber(value)}`).join(' · ')]);
  }
  if (job.modelId !== null) rows.push(['model', job.modelId]);
  if (job.sweepId !== null) rows.push(['sweep', job.sweepId]);
  return renderTable(rows.map(([key, value]) => [style.dim(key ?? ''), value ?? '']));
}
