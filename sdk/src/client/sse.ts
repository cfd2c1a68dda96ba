/** One server-sent event (the WHATWG event-stream format). */
export interface ServerSentEvent {
  event: string;
  data: string;
  /** The last `id:` seen so far in the stream (what Last-Event-ID resends). */
  id: string | null;
}

/** Splits decoded text into lines, keeping a trailing partial line (and a lone \r) for later. */
function takeLines(buffer: string, final: boolean): { lines: string[]; rest: string } {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < buffer.length; i += 1) {
    const ch = buffer[i];
    if (ch !== '\n' && ch !== '\r') continue;
    if (ch === '\r' && i === buffer.length - 1 && !final) break; // \r\n may be split across chunks
    lines.push(buffer.slice(start, i));
    if (ch === '\r' && buffer[i + 1] === '\n') i += 1;
    start = i + 1;
  }
  return { lines, rest: buffer.slice(start) };
}

/** The next chunk, or a rejection as soon as `signal` fires (not every body honours the fetch signal). */
function read(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal | undefined) {
  if (signal === undefined) return reader.read();
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([reader.read(), aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Parses a `text/event-stream` body into events; comments and unknown fields are skipped. Stops when `signal` fires. */
export async function* parseEventStream(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let lastId: string | null = null;
  let first = true;
  try {
    for (;;) {
      const { value, done } = await read(reader, signal);
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (first && buffer.length > 0) {
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
        first = false;
      }
      const { lines, rest } = takeLines(buffer, done);
      buffer = rest;
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) yield { event: event === '' ? 'message' : event, data: data.join('\n'), id: lastId };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let fieldValue = colon === -1 ? '' : line.slice(colon + 1);
        if (fieldValue.startsWith(' ')) fieldValue = fieldValue.slice(1);
        if (field === 'event') event = fieldValue;
        else if (field === 'data') data.push(fieldValue);
        else if (field === 'id' && !fieldValue.includes('\0')) lastId = fieldValue;
      }
      if (done) return;
    }
  } finally {
    // stops the download when the consumer leaves the loop early; not awaited, because some
    // bodies (mocked or proxied streams) never settle a cancel and the caller must not hang
    reader.cancel().catch(() => undefined);
  }
}
