import { describe, expect, it } from 'vitest';
import { parseEventStream, type ServerSentEvent } from './sse.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of parseEventStream(streamOf(chunks))) events.push(event);
  return events;
}

describe('parseEventStream', () => {
  it('parses event, data and id, and keeps the last id', async () => {
    const events = await collect(['event: status\ndata: {"a":1}\n\nevent: epoch\nid: epoch-1\ndata: {"epoch":1}\n\n', 'data: plain\n\n']);
    expect(events).toEqual([
      { event: 'status', data: '{"a":1}', id: null },
      { event: 'epoch', data: '{"epoch":1}', id: 'epoch-1' },
      { event: 'message', data: 'plain', id: 'epoch-1' },
    ]);
  });

  it('joins multi-line data, skips comments, accepts CRLF and CR split across chunks', async () => {
    const events = await collect([': keep-alive\r', '\nevent: x\r', '\ndata: one\r\ndata:two\r', '\r\n', 'data: three\r\r']);
    expect(events).toEqual([
      { event: 'x', data: 'one\ntwo', id: null },
      { event: 'message', data: 'three', id: null },
    ]);
  });

  it('handles a multi-byte character split between chunks and drops an unfinished last event', async () => {
    const bytes = new TextEncoder().encode('data: café\n\ndata: cut');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 9)); // ends inside "é"
        controller.enqueue(bytes.slice(9));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    for await (const event of parseEventStream(stream)) events.push(event);
    expect(events).toEqual([{ event: 'message', data: 'café', id: null }]);
  });
});
