/** The content codings the build writes beside the client's files (tools/precompress.mjs). */
export type ContentCoding = 'br' | 'gzip';

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The coding to send, from the request's Accept-Encoding (RFC 9110 §12.5.3) and the codings a file
 * has on disk, listed in the server's order of preference (brotli first: smaller at equal weight).
 * A coding with q=0 is refused, also when `*` would admit it; `identity` wins only when the client
 * weighs it above every coding on offer. Without the header the plain file is sent.
 */
export function chooseContentCoding(acceptEncoding: string | undefined, available: readonly ContentCoding[]): ContentCoding | 'identity' {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const entry of acceptEncoding.split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='))?.slice(2) ?? '1';
    if (!QVALUE.test(q)) continue;
    // RFC 9110 §8.4.1.3: x-gzip is gzip.
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number(q));
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  let best: ContentCoding | undefined;
  for (const coding of available) if (weightOf(coding) > 0 && (!best || weightOf(coding) > weightOf(best))) best = coding;
  if (!best) return 'identity';
  return weights.has('identity') && weightOf('identity') > weightOf(best) ? 'identity' : best;
}
