import type { SealedHead } from './audit-checkpoint';

/** Runs one SQL statement and returns its rows (TypeORM's `query` or a pg client's, adapted). */
export type RunQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Every chain's last seq and hash, as one loose index scan over the (chain, seq) unique index:
 * one index probe per chain, however long the chains are (no count, no DISTINCT over the table).
 * `now` is the database's clock at the statement's start, which is when its snapshot was taken.
 */
export async function readChainHeads(query: RunQuery): Promise<{ now: string; heads: SealedHead[] }> {
  const rows = await query<{ now: string; chain: string | null; seq: string | null; hash: string | null }>(
    `WITH RECURSIVE chains(chain) AS (
       (SELECT chain FROM public.audit_event ORDER BY chain LIMIT 1)
       UNION ALL
       SELECT (SELECT e.chain FROM public.audit_event e WHERE e.chain > c.chain ORDER BY e.chain LIMIT 1)
         FROM chains c WHERE c.chain IS NOT NULL
     ), heads AS (
       SELECT c.chain, h.seq, h.hash FROM chains c
        CROSS JOIN LATERAL (SELECT e.seq, e.hash FROM public.audit_event e WHERE e.chain = c.chain ORDER BY e.seq DESC LIMIT 1) h
        WHERE c.chain IS NOT NULL
     )
     SELECT to_char(now() AT TIME ZONE 'UTC', ${UTC}) AS now, heads.chain, heads.seq::text AS seq, heads.hash
       FROM (SELECT 1) AS one LEFT JOIN heads ON true ORDER BY heads.chain`,
  );
  return {
    now: rows[0].now,
    heads: rows.filter((r) => r.chain !== null).map((r) => ({ chain: r.chain as string, seq: r.seq as string, hash: r.hash as string })),
  };
}

/**
 * Of the heads sealed before, those whose row is gone or no longer carries the sealed hash: a cut
 * tail, a deleted chain or a rewritten one. One index probe per chain.
 */
export async function lostHeads(query: RunQuery, sealed: SealedHead[]): Promise<SealedHead[]> {
  const live = sealed.filter((h) => h.seq !== '0');
  if (live.length === 0) return [];
  const rows = await query<{ chain: string }>(
    `SELECT s.chain FROM unnest($1::text[], $2::bigint[], $3::text[]) AS s(chain, seq, hash)
       LEFT JOIN public.audit_event e ON e.chain = s.chain AND e.seq = s.seq
      WHERE e.hash IS DISTINCT FROM s.hash`,
    [live.map((h) => h.chain), live.map((h) => h.seq), live.map((h) => h.hash)],
  );
  const lost = new Set(rows.map((r) => r.chain));
  return live.filter((h) => lost.has(h.chain));
}
