// Idempotency keys: a create sent again with the same key (a client retrying after a lost answer) gets the first
// answer back instead of a second record. Kept in the database, in the write's own transaction, so the answer is
// stored exactly when the record is, and every process serving the same database knows it.
import { createHash } from 'node:crypto';
import { Refusal } from '../domain/refusal.js';
import type { WriteSession } from '../db/write-queue.js';
import { DEFAULT_IDEMPOTENCY_WINDOW_SECONDS } from '../config.js';

/** An answer as it was sent, to be sent again on a replay. */
export interface StoredAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface IdempotentRequest {
  /** Keys belong to the API key that sent them: two curators' keys never meet. */
  actor: string;
  key: string;
  method: string;
  path: string;
  /** The request as sent; the same key with a different request is refused. */
  body: unknown;
}

/** The digest that tells a retry from a different request under the same key. */
function requestHash(request: IdempotentRequest): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n${JSON.stringify(request.body)}`).digest('hex');
}

/**
 * The stored answer when this key was used before within `windowSeconds` (marked `Idempotent-Replayed`), otherwise
 * `write`'s answer, stored under the key in the same transaction. 422 when the key was used with a different request.
 * Keys older than the window are forgotten: the one sent (its request is new again) and every other, deleted as part
 * of this write, so the table holds at most a window's keys however long the service runs.
 */
export async function onceForKey(
  w: WriteSession,
  request: IdempotentRequest,
  write: () => Promise<StoredAnswer>,
  windowSeconds: number = DEFAULT_IDEMPOTENCY_WINDOW_SECONDS,
): Promise<StoredAnswer> {
  const hash = requestHash(request);
  const forgottenBefore = new Date(Date.now() - windowSeconds * 1000);
  await w.tx.idempotencyRecord.deleteMany({ where: { createdAt: { lt: forgottenBefore } } });
  const previous = await w.tx.idempotencyRecord.findUnique({ where: { actor_key: { actor: request.actor, key: request.key } } });
  if (previous) {
    if (previous.requestHash !== hash) {
      throw new Refusal('idempotency_key_reused', 'This Idempotency-Key was already used with a different request.');
    }
    // A replay writes nothing.
    w.wroteNothing();
    // Marked, so a client can tell a replay from a write: the record may have changed since.
    return { status: previous.status, body: previous.responseBody, headers: { ...(previous.headers as Record<string, string>), 'idempotent-replayed': 'true' } };
  }
  const answer = await write();
  await w.tx.idempotencyRecord.create({
    data: {
      actor: request.actor,
      key: request.key,
      method: request.method,
      path: request.path,
      requestHash: hash,
      status: answer.status,
      responseBody: answer.body,
      headers: answer.headers,
    },
    select: { id: true },
  });
  return answer;
}
