/**
 * Rows of a small non-linear classification for sweep tests: "in" when x1² + x2² < 4.5 on
 * [-3, 3]², from a fixed linear congruential stream (no dependency on the trainer's PRNG).
 */
export function discRows(count: number, seed = 5): { x1: number; x2: number; label: string }[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const x1 = Number((next() * 6 - 3).toFixed(3));
    const x2 = Number((next() * 6 - 3).toFixed(3));
    return { x1, x2, label: x1 * x1 + x2 * x2 < 4.5 ? 'in' : 'out' };
  });
}

export interface SweepRunBody {
  index: number;
  jobId: string | null;
  params: Record<string, unknown>;
  status: string;
  metric: number | null;
  epochs: number;
  stoppedBy: { rule: string; rung: number; epoch: number; rank: number; of: number; metric: string; value: number } | null;
}

export interface SweepBody {
  id: string;
  status: string;
  runs: SweepRunBody[];
  best: { index: number; jobId: string; metric: number } | null;
}

/** Polls a sweep until it leaves `running` (or the deadline passes). */
export async function waitForSweep(
  request: (path: string) => Promise<Response>,
  sweepId: string,
  options: { timeoutMs?: number; until?: (sweep: SweepBody) => boolean } = {},
): Promise<SweepBody> {
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  for (;;) {
    const sweep = (await (await request(`/v1/sweeps/${sweepId}`)).json()) as SweepBody;
    if ((options.until ?? ((s: SweepBody) => s.status !== 'running'))(sweep)) return sweep;
    if (Date.now() > deadline) throw new Error(`sweep ${sweepId} still ${sweep.status} after the deadline: ${JSON.stringify(sweep.runs.map((r) => r.status))}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The most intervals [start, end] open at one instant. */
export function maxOverlap(intervals: { start: number; end: number }[]): number {
  const events = intervals.flatMap((i) => [{ at: i.start, delta: 1 }, { at: i.end, delta: -1 }]).sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let most = 0;
  for (const event of events) {
    open += event.delta;
    most = Math.max(most, open);
  }
  return most;
}
