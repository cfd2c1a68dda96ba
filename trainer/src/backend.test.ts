import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BACKEND_ORDER, selectBackend } from './backend.js';

// Which native packages load differs between machines (here: neither; in the CPU image:
// tfjs-node), so these tests derive what to expect from what is installed, then check the rules.
const require = createRequire(import.meta.url);
const installed = (name: string) => {
  try {
    return existsSync(require.resolve(`${name}/package.json`));
  } catch {
    return false;
  }
};

describe('selectBackend', () => {
  it('auto tries tensorflow-gpu, tensorflow, wasm, cpu in that order and logs why each faster one was skipped', async () => {
    const lines: string[] = [];
    const choice = await selectBackend('auto', (line) => lines.push(line));
    const chosenAt = BACKEND_ORDER.indexOf(choice.backend);
    expect(BACKEND_ORDER).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    // every backend before the chosen one was tried and skipped, none after it
    expect(choice.skipped.map((s) => s.backend)).toEqual(BACKEND_ORDER.slice(0, chosenAt));
    expect(lines).toEqual([...choice.skipped.map((s) => `backend ${s.backend} skipped: ${s.reason}`), expect.stringMatching(new RegExp(`^backend: ${choice.backend} \\(tfjs 4\\.`))]);
    for (const skip of choice.skipped) expect(skip.reason.length).toBeGreaterThan(0);
    if (!installed('@tensorflow/tfjs-node-gpu')) {
      expect(choice.skipped[0]?.reason).toMatch(/Cannot find (package|module) '@tensorflow\/tfjs-node-gpu'/);
    }
    // the wasm backend always ships with the trainer, so auto never falls below it
    expect(chosenAt).toBeLessThanOrEqual(BACKEND_ORDER.indexOf('wasm'));
  });

  it('an explicit backend that cannot load is an error naming it, not a silent fallback', async () => {
    const outcome = await selectBackend('tensorflow-gpu', () => undefined).then(
      (choice) => choice.backend as string,
      (error: unknown) => (error as Error).message,
    );
    // either it really is a CUDA machine, or the error says which backend failed
    expect(outcome).toMatch(/^tensorflow-gpu$|^no backend could be loaded: tensorflow-gpu: \S/);
    if (!installed('@tensorflow/tfjs-node-gpu')) expect(outcome).toMatch(/^no backend could be loaded/);
  });
});
