import type { ActAs, SignedInPersona } from './personas';

/**
 * The version a change is based on (SECURITY.md S22), read first as a persona allowed to read the
 * record: its ETag, or the `version` of the body. Kept as the header's value, since what a row's
 * `prepareEach` hands on are strings.
 */
export async function versionNow(as: ActAs, persona: SignedInPersona, path: string): Promise<string> {
  const res = await as(persona, 'GET', path);
  if (res.status !== 200) throw new Error(`GET ${path} as ${persona}: ${res.status}`);
  const etag = res.headers.get('etag');
  return etag ?? `"${((await res.json()) as { version: number }).version}"`;
}

/** The ETag of an answer the preparation already has (a create or a command answers the record with it). */
export function etagOf(res: Response): string {
  const etag = res.headers.get('etag');
  if (!etag) throw new Error(`${res.url} answered without an ETag`);
  return etag;
}

/** The If-Match header of a prepared version. */
export const ifMatch = (version: string | undefined): Record<string, string> => {
  if (!version) throw new Error('no version was prepared for this row');
  return { 'if-match': version };
};

/** A record outside the persona's scope is refused before its version is compared: any version will do. */
export const ANY_VERSION = { 'if-match': '"1"' };
