import { sleep } from './abort.js';

export interface PollOptions<T> {
  /** Fetches the current value. */
  load: () => Promise<T>;
  /** True once polling can stop. */
  done: (value: T) => boolean;
  /** Sees every value, the last one included, before the next wait. */
  onValue?: (value: T) => void | Promise<void>;
  /** Between loads, in ms. */
  interval: number;
  signal?: AbortSignal | undefined;
}

/** Loads until `done` says so, every `interval` ms; rejects with APIUserAbortError when `signal` fires. */
export async function poll<T>(options: PollOptions<T>): Promise<T> {
  for (;;) {
    const value = await options.load();
    await options.onValue?.(value);
    if (options.done(value)) return value;
    await sleep(options.interval, options.signal);
  }
}
