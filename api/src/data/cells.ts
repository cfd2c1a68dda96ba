/** Cells that mean "no value" in the CSVs people upload (pandas, R, UCI's "?"). */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '#n/a']);

export function isMissingToken(text: string): boolean {
  return text.length <= 4 && MISSING_TOKENS.has(text.toLowerCase());
}

/** A finite number, or NaN when the text is not one (hex, Infinity and blanks are not). */
export function parseNumber(text: string): number {
  if (text.length === 0) return Number.NaN;
  const first = text.charCodeAt(0);
  // Leading digit, sign or dot only: rules out "0x1F"-style surprises after the check below.
  if (!((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) return Number.NaN;
  if (text.length > 1 && (text[1] === 'x' || text[1] === 'X' || text[1] === 'b' || text[1] === 'o')) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}
