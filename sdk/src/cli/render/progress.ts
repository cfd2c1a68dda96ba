import type { EpochMetrics, Job } from '../../spec/index.js';
import { formatDuration, formatLr, formatNumber, formatPercent } from './format.js';
import type { Style } from './style.js';

type MetricKey = Exclude<keyof EpochMetrics, 'epoch' | 'lr' | 'seconds'>;

/** The metric a task is judged by, shown next to the losses. */
export function taskMetric(task: Job['spec']['task']): { train: MetricKey; val: MetricKey; label: string; percent: boolean } {
  return task === 'regression'
    ? { train: 'mae', val: 'valMae', label: 'mae', percent: false }
    : { train: 'accuracy', val: 'valAccuracy', label: 'acc', percent: true };
}

/** Seconds left at the pace of the last five epochs (an upper bound: early stopping may end sooner). */
export function etaSeconds(history: EpochMetrics[], epochs: number): number | null {
  const last = history.at(-1);
  if (last === undefined) return null;
  const recent = history.slice(-5);
  const pace = recent.reduce((sum, entry) => sum + entry.seconds, 0) / recent.length;
  return Math.max(0, epochs - last.epoch) * pace;
}

/** A bar of `width` cells for a fraction, e.g. ━━━━━━╸─────. */
export function progressBar(fraction: number, width: number): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  const filled = Math.floor(clamped * width);
  const half = clamped * width - filled >= 0.5 && filled < width;
  return '━'.repeat(filled) + (half ? '╸' : '') + '─'.repeat(width - filled - (half ? 1 : 0));
}

export interface EpochLineInput {
  metrics: EpochMetrics;
  epochs: number;
  task: Job['spec']['task'];
  eta: number | null;
  /** The monitored metric reached a new best at this epoch. */
  improved: boolean;
  style: Style;
  /** Draw a bar (terminals only). */
  bar: boolean;
}

function metricText(value: number | undefined, percent: boolean): string {
  if (value === undefined) return '—';
  return percent ? formatPercent(value) : formatNumber(value);
}

/** One finished epoch: `epoch  3/30 ━━╸──  loss 0.4123  val 0.4511  acc 86.1%/84.0%  lr 1.0e-3  ETA 46s`. */
export function epochLine(input: EpochLineInput): string {
  const { metrics, epochs, style } = input;
  const width = String(epochs).length;
  const metric = taskMetric(input.task);
  const parts = [`epoch ${String(metrics.epoch).padStart(width)}/${epochs}`];
  if (input.bar) parts.push(`${style.cyan(progressBar(metrics.epoch / epochs, 20))} ${String(Math.round((metrics.epoch / epochs) * 100)).padStart(3)}%`);
  parts.push(`loss ${formatNumber(metrics.loss).padEnd(7)}`);
  parts.push(`valLoss ${formatNumber(metrics.valLoss).padEnd(7)}`);
  const train = metricText(metrics[metric.train], metric.percent);
  const val = metricText(metrics[metric.val], metric.percent);
  parts.push(`${metric.label} ${train}/${val}`.padEnd(metric.label.length + 14));
  parts.push(`lr ${formatLr(metrics.lr)}`);
  parts.push(`${formatDuration(metrics.seconds)}/epoch`.padEnd(11));
  parts.push(`ETA ${input.eta === null ? '—' : formatDuration(input.eta)}`);
  const line = parts.join('  ');
  return input.improved ? `${line}  ${style.green('* best')}` : line;
}
