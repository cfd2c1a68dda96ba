import { PendingMarker } from '@layerlab/api/jobs';
import { PreconditionFailedError, updateJson, type ObjectStore } from '@layerlab/api/store';
import { describe, expect, it } from 'vitest';

/** Makes a fresh, empty store for one test (a new folder, or a new key prefix in the bucket). */
export type StoreFactory = () => Promise<ObjectStore>;

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A stream of `size` bytes whose byte i is (i * 7) mod 251, sent in 64 KiB chunks. */
function patternStream(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(65_536, size - sent);
      const chunk = new Uint8Array(n);
      for (let i = 0; i < n; i += 1) chunk[i] = ((sent + i) * 7) % 251;
      sent += n;
      controller.enqueue(chunk);
    },
  });
}

async function listAll(store: ObjectStore, prefix: string, options: { limit: number; delimiter?: string }) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages += 1) {
    const page = await store.list(prefix, { ...options, ...(cursor === undefined ? {} : { cursor }) });
    seen.push(...page.objects.map((o) => o.key), ...page.prefixes);
    if (page.cursor === null) return seen;
    cursor = page.cursor;
  }
  throw new Error('listing did not end');
}

/**
 * The ObjectStore contract every driver must meet. `largeBytes` is big enough to need a
 * multipart upload on S3 drivers (their part size is set below it by the caller).
 */
export function storeContract(name: string, makeStore: StoreFactory, options: { largeBytes: number; conditionalWrites: boolean }): void {
  describe(`${name}: objects`, () => {
    it('round-trips text and bytes, with the same ETag from put, get and head', async () => {
      const store = await makeStore();
      const put = await store.put('a/b/hello.txt', 'héllo');
      const got = await store.get('a/b/hello.txt');
      expect(got && text(got.body)).toBe('héllo');
      expect(got?.etag).toBe(put.etag);
      expect(await store.head('a/b/hello.txt')).toEqual({ key: 'a/b/hello.txt', size: 6, etag: put.etag });
      await store.put('bin', new Uint8Array([0, 255, 7]));
      expect([...((await store.get('bin'))?.body ?? [])]).toEqual([0, 255, 7]);
    });

    it('answers null for a missing key from get, getStream and head', async () => {
      const store = await makeStore();
      expect(await store.get('nope/x.json')).toBeNull();
      expect(await store.getStream('nope/x.json')).toBeNull();
      expect(await store.head('nope/x.json')).toBeNull();
    });

    it('overwrites, changing the ETag', async () => {
      const store = await makeStore();
      const first = await store.put('k', 'one');
      const second = await store.put('k', 'two');
      expect(second.etag).not.toBe(first.etag);
      expect(text((await store.get('k'))?.body ?? new Uint8Array())).toBe('two');
    });

    it('streams a large object in and out byte for byte', async () => {
      const store = await makeStore();
      const size = options.largeBytes;
      const { etag } = await store.put('big/data.bin', patternStream(size), { contentType: 'application/octet-stream' });
      expect((await store.head('big/data.bin'))?.etag).toBe(etag);
      const stream = await store.getStream('big/data.bin');
      const bytes = await readAll(stream as ReadableStream<Uint8Array>);
      expect(bytes.byteLength).toBe(size);
      for (const i of [0, 1, 65_535, 65_536, size - 1]) expect(bytes[i]).toBe((i * 7) % 251);
      // vitest's deep equality is slow on megabytes: compare the buffers directly
      expect(Buffer.compare(await readAll(patternStream(size)), bytes)).toBe(0);
    });

    it('deletes, and deleting a missing key is not an error', async () => {
      const store = await makeStore();
      await store.put('d/x', '1');
      await store.delete('d/x');
      expect(await store.get('d/x')).toBeNull();
      await expect(store.delete('d/x')).resolves.toBeUndefined();
    });
  });

  describe(`${name}: listing`, () => {
    it('lists by prefix in key order and pages through every key exactly once', async () => {
      const store = await makeStore();
      const names = Array.from({ length: 7 }, (_, i) => `jobs/job_${String.fromCharCode(103 - i)}.json`);
      for (const key of [...names, 'jobsx/other.json', 'zzz.json']) await store.put(key, '{}');
      const first = await store.list('jobs/', { limit: 3 });
      expect(first.objects.map((o) => o.key)).toEqual(['jobs/job_a.json', 'jobs/job_b.json', 'jobs/job_c.json']);
      expect(first.objects[0]?.size).toBe(2);
      expect(first.cursor).toBe('jobs/job_c.json');
      expect(await listAll(store, 'jobs/', { limit: 3 })).toEqual([...names].sort());
      expect((await store.list('jobs/', { limit: 7 })).cursor).toBeNull();
      expect((await store.list('empty/')).objects).toEqual([]);
    });

    it('groups by a delimiter and continues after a grouped prefix', async () => {
      const store = await makeStore();
      for (const id of ['ds_1', 'ds_2', 'ds_3']) {
        await store.put(`t/datasets/${id}/data.csv`, 'a\n1\n');
        await store.put(`t/datasets/${id}/meta.json`, '{}');
      }
      await store.put('t/datasets/loose.json', '{}');
      const page = await store.list('t/datasets/', { delimiter: '/', limit: 2 });
      expect(page.prefixes).toEqual(['t/datasets/ds_1/', 't/datasets/ds_2/']);
      expect(page.objects).toEqual([]);
      expect(page.cursor).toBe('t/datasets/ds_2/');
      const rest = await store.list('t/datasets/', { delimiter: '/', limit: 5, cursor: 't/datasets/ds_2/' });
      expect(rest.prefixes).toEqual(['t/datasets/ds_3/']);
      expect(rest.objects.map((o) => o.key)).toEqual(['t/datasets/loose.json']);
      expect(rest.cursor).toBeNull();
    });
  });

  it(`${name}: declares whether it enforces conditional writes (${String(options.conditionalWrites)})`, async () => {
    expect((await makeStore()).conditionalWrites).toBe(options.conditionalWrites);
  });

  // only servers that enforce If-Match / If-None-Match can pass these (s3rver cannot)
  if (!options.conditionalWrites) return;
  describe(`${name}: conditional writes`, () => {

    it('If-None-Match: * creates once and refuses the second writer', async () => {
      const store = await makeStore();
      await store.put('idem.json', '{"job":1}', { ifNoneMatch: '*' });
      await expect(store.put('idem.json', '{"job":2}', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(text((await store.get('idem.json'))?.body ?? new Uint8Array())).toBe('{"job":1}');
    });

    it('If-Match writes only over the ETag it read', async () => {
      const store = await makeStore();
      const v1 = await store.put('status.json', 'v1');
      const v2 = await store.put('status.json', 'v2', { ifMatch: v1.etag });
      await expect(store.put('status.json', 'stale', { ifMatch: v1.etag })).rejects.toBeInstanceOf(PreconditionFailedError);
      await store.put('status.json', 'v3', { ifMatch: v2.etag });
      expect(text((await store.get('status.json'))?.body ?? new Uint8Array())).toBe('v3');
    });

    it('compare-and-swap loses no update among 8 concurrent writers', async () => {
      const store = await makeStore();
      // a pending marker's `offers` serves as the counter (any schema would do)
      await store.put('counter.json', JSON.stringify({ tenant: 't', jobId: 'job_x', offers: 0, nextOfferAt: 0 }));
      const bump = () => updateJson(store, 'counter.json', PendingMarker, (m) => ({ ...m, offers: m.offers + 1 }), 100);
      await Promise.all(Array.from({ length: 8 }, bump));
      expect(JSON.parse(text((await store.get('counter.json'))?.body ?? new Uint8Array())).offers).toBe(8);
    });
  });
}
