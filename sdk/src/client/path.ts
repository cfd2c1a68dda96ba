/** A URL path with every interpolated id percent-encoded: path`/v1/jobs/${id}`. */
export function path(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((out, part, index) => out + part + (index < ids.length ? encodeURIComponent(ids[index] as string) : ''), '');
}
