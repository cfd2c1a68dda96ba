import { describe, expect, it } from 'vitest';
import { readInstalledUplot, renderModule } from './generate-uplot.js';
import { UPLOT_CSS, UPLOT_JS, UPLOT_VERSION } from './uplot.generated.js';

describe('the bundled uPlot', () => {
  it('matches the installed uplot package (regenerate with generate-uplot.ts after an upgrade)', () => {
    const installed = readInstalledUplot();
    expect(UPLOT_VERSION).toBe(installed.version);
    expect(UPLOT_JS).toBe(installed.js);
    expect(UPLOT_CSS).toBe(installed.css);
    expect(renderModule(installed)).toContain(`export const UPLOT_VERSION = "${installed.version}";`);
    expect(UPLOT_JS.startsWith('/*! https://github.com/leeoniya/uPlot')).toBe(true);
  });
});
