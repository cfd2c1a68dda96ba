/** A metric value with 4 significant digits, exponent notation for tiny or huge values: 0.4123, 1.25e-5. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** A learning rate the way people write them: 1.0e-3, 3.2e-4, 0.01 → 1.0e-2. */
export function formatLr(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toExponential(1);
}

/** Seconds as 40ms, 1.2s, 42s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Bytes as 812 B, 1.4 MB (powers of 1000, as file managers show them). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} ${units[0]}` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 0.861 → 86.1% */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Milliseconds between two ISO timestamps in seconds, or null if either is missing. */
export function secondsBetween(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  return (Date.parse(end) - Date.parse(start)) / 1000;
}
