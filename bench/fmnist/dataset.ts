/**
 * Fashion-MNIST as a user would upload it: Debian's dataset-fashion-mnist (installed with apt when
 * missing), turned into one CSV of a `label` column (the class name) and 784 pixel columns.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const DATASET_DIR = '/usr/share/datasets/fashion-mnist';
export const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
export const PIXELS = 784;

/** Installs Debian's dataset-fashion-mnist unless its files are already there. */
export function ensureDataset(): void {
  if (existsSync(join(DATASET_DIR, 'train-images-idx3-ubyte.gz'))) return;
  console.error('installing Debian dataset-fashion-mnist…');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync(sudo[0] ?? 'apt-get', [...(sudo.length > 0 ? ['apt-get'] : []), 'install', '-y', '-qq', 'dataset-fashion-mnist'], { stdio: 'inherit', env });
}

/** One split's images (uint8, 784 per image) and labels, read from the idx files. */
export async function readSplit(split: 'train' | 't10k'): Promise<{ images: Uint8Array; labels: Uint8Array; count: number }> {
  const images = gunzipSync(await readFile(join(DATASET_DIR, `${split}-images-idx3-ubyte.gz`)));
  const labels = gunzipSync(await readFile(join(DATASET_DIR, `${split}-labels-idx1-ubyte.gz`)));
  // idx headers: magic + dimensions as big-endian int32 (16 bytes for images, 8 for labels)
  const count = labels.readInt32BE(4);
  return { images: images.subarray(16), labels: labels.subarray(8), count };
}

/**
 * The upload: the shipped test split's 10,000 rows first, then the 60,000 training rows, so a
 * spec with shuffle off and split.test = 10000/70000 tests on exactly the shipped test split.
 * Cached in bench/.cache/fmnist.csv.
 */
export async function fashionCsv(cacheDir: string): Promise<{ path: string; testRows: number; rows: number }> {
  const path = join(cacheDir, 'fmnist.csv');
  const test = await readSplit('t10k');
  const train = await readSplit('train');
  const rows = test.count + train.count;
  if (!existsSync(path)) {
    await mkdir(cacheDir, { recursive: true });
    const lines = [['label', ...Array.from({ length: PIXELS }, (_, i) => `pixel${i}`)].join(',')];
    for (const split of [test, train]) {
      for (let n = 0; n < split.count; n += 1) {
        const pixels = split.images.subarray(n * PIXELS, (n + 1) * PIXELS);
        lines.push(`${CLASSES[split.labels[n] ?? 0] ?? '?'},${Array.from(pixels).join(',')}`);
      }
    }
    await writeFile(path, `${lines.join('\n')}\n`);
  }
  return { path, testRows: test.count, rows };
}
