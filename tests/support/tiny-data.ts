/**
 * A separable two-class table, the same every call: label `pos` when 0.8·a − 0.5·b + 0.3·c > 0.
 * Deterministic (no Math.random) so runs repeat.
 */
export function twoClassRows(count: number): { a: number; b: number; c: number; label: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const a = ((i * 37) % 101) / 10 - 5;
    const b = ((i * 53) % 97) / 10 - 4.8;
    const c = ((i * 29) % 89) / 10 - 4.4;
    return { a, b, c, label: 0.8 * a - 0.5 * b + 0.3 * c > 0 ? 'pos' : 'neg' };
  });
}
