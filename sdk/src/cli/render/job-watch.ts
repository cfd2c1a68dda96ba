import { metricMode, type EpochMetrics, type Job, type MetricName } from '../../spec/index.js';
import type { OutStream } from '../io.js';
import { formatDuration } from './format.js';
import { epochLine, etaSeconds, statusBar } from './progress.js';
import type { Style } from './style.js';

const CLEAR_LINE = '\r\u001b[2K';

/**
 * Renders a job as it runs: one permanent line per finished epoch and, on a terminal, a status
 * line under them, redrawn in place, with the progress bar and the ETA. Off a terminal every line
 * is plain and final.
 */
export class JobWatchView {
  private readonly history: EpochMetrics[] = [];
  private best: number | null = null;
  private lastStatus = '';
  private transient = false;
  private job: Job | null = null;

  constructor(private readonly options: { out: OutStream; style: Style }) {}

  private get tty(): boolean {
    return this.options.out.isTTY;
  }

  private write(line: string): void {
    this.clearTransient();
    this.options.out.write(`${line}\n`);
  }

  private clearTransient(): void {
    if (!this.transient) return;
    this.options.out.write(CLEAR_LINE);
    this.transient = false;
  }

  private monitor(job: Job): MetricName {
    return job.spec.earlyStopping === false ? 'valLoss' : job.spec.earlyStopping.monitor;
  }

  /** A new state of the job (status events, or a poll). */
  status(job: Job): void {
    this.job = job;
    const running = job.status === 'running';
    const detail = job.status === 'queued' ? 'waiting for a trainer' : running ? `on ${job.backend ?? 'a trainer'}` : '';
    const text = `${job.id} ${job.status}${detail === '' ? '' : ` · ${detail}`}${job.cancelRequested ? ' · cancel requested' : ''}`;
    if (this.tty) {
      if (job.status !== 'queued' && !running) return;
      const eta = etaSeconds(this.history, job.progress.epochs);
      const at = job.progress.epoch > 0 ? `epoch ${job.progress.epoch}/${job.progress.epochs}${eta === null ? '' : ` · ETA ${formatDuration(eta)}`} · ` : '';
      const line = running
        ? statusBar({ fraction: job.progress.epoch / Math.max(1, job.progress.epochs), text: `${at}${job.status} ${detail}`, width: this.options.out.columns, style: this.options.style })
        : `  ${text}`;
      this.clearTransient();
      this.options.out.write(this.options.style.dim(line));
      this.transient = true;
      return;
    }
    const key = `${job.status}|${job.cancelRequested}`;
    if (key !== this.lastStatus && (job.status === 'queued' || running)) this.write(text);
    this.lastStatus = key;
  }

  /** A finished epoch. */
  epoch(metrics: EpochMetrics): void {
    this.history.push(metrics);
    const job = this.job;
    const epochs = job?.progress.epochs ?? metrics.epoch;
    const monitor = job === null ? 'valLoss' : this.monitor(job);
    const value = metrics[monitor as keyof EpochMetrics] ?? metrics.loss;
    const better = this.best === null || (metricMode(monitor) === 'max' ? value > this.best : value < this.best);
    if (better) this.best = value;
    this.write(
      epochLine({
        metrics,
        epochs,
        task: job?.spec.task ?? 'auto',
        eta: etaSeconds(this.history, epochs),
        improved: better && this.history.length > 1,
        style: this.options.style,
        ...(this.tty ? { width: this.options.out.columns } : {}),
      }),
    );
    if (this.tty && job !== null) this.status({ ...job, progress: { ...job.progress, epoch: metrics.epoch } });
  }

  /** The job ended: the status line goes away. */
  finish(): void {
    this.clearTransient();
  }
}
