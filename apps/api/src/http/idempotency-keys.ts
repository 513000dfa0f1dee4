import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnprocessableFieldException } from '../problem/validation';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_HOURS, IdempotentReplay } from './idempotency';
import type { IdempotencyRequest } from './idempotency';

/** Whose key it is: keys are per user and municipality (row-level security holds the app to the acting ones). */
export interface KeyOwner {
  municipalityId: string;
  userId: string;
}

interface StoredKey {
  method: string;
  route: string;
  requestHash: string;
  resourceId: string;
  responseStatus: number;
}

/**
 * Claims the key for this transaction, before the create runs. A transaction-scoped advisory lock
 * on the key makes a concurrent retry answer 409 at once instead of waiting (the lock ends with the
 * transaction, committed or not, so a failed create leaves the key free). A key answered within the
 * last 24 hours replays (IdempotentReplay) when the request is the same, and is refused with 422
 * when the method, path or body differ; an older one counts as absent.
 */
export async function claimIdempotencyKey(em: EntityManager, owner: KeyOwner, request: IdempotencyRequest): Promise<void> {
  const [{ locked }]: Array<{ locked: boolean }> = await em.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [
    `idempotency:${owner.municipalityId}:${owner.userId}:${request.keyHash}`,
  ]);
  if (!locked) throw new ConflictException(`A request with this ${IDEMPOTENCY_KEY} is still being processed; retry when it has finished`);
  const [stored]: StoredKey[] = await em.query(
    `SELECT method, route, request_hash AS "requestHash", resource_id AS "resourceId", response_status AS "responseStatus"
       FROM idempotency_key
      WHERE municipality_id = $1 AND user_id = $2 AND key_hash = $3 AND created_at > now() - make_interval(hours => $4)`,
    [owner.municipalityId, owner.userId, request.keyHash, IDEMPOTENCY_KEY_HOURS],
  );
  if (!stored) return;
  if (stored.method !== request.method || stored.route !== request.route || stored.requestHash !== request.requestHash)
    throw new UnprocessableFieldException(
      [{ field: IDEMPOTENCY_KEY, messages: [`This ${IDEMPOTENCY_KEY} was used for another request; send a new key for a new request`] }],
      `The ${IDEMPOTENCY_KEY} was used for another request`,
    );
  throw new IdempotentReplay(stored.resourceId, stored.responseStatus);
}

/** Records what the create made, in its transaction: the record its answer is (`answer.id`). */
export async function rememberIdempotencyKey(em: EntityManager, owner: KeyOwner, request: IdempotencyRequest, answer: unknown) {
  const resourceId = (answer as { id?: unknown } | null)?.id;
  if (typeof resourceId !== 'string') throw new Error('An idempotent create must answer a record with an id');
  // A key older than 24 hours is overwritten: the claim above found no row it may replay.
  await em.query(
    `INSERT INTO idempotency_key (municipality_id, user_id, key_hash, method, route, request_hash, resource_type, resource_id, response_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (municipality_id, user_id, key_hash) DO UPDATE
       SET method = EXCLUDED.method, route = EXCLUDED.route, request_hash = EXCLUDED.request_hash, resource_type = EXCLUDED.resource_type,
           resource_id = EXCLUDED.resource_id, response_status = EXCLUDED.response_status, created_at = now()`,
    [
      owner.municipalityId,
      owner.userId,
      request.keyHash,
      request.method,
      request.route,
      request.requestHash,
      request.resourceType,
      resourceId,
      request.responseStatus,
    ],
  );
}
