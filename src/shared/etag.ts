// Strong entity tags: a digest of the exact bytes a representation is sent as.
import { createHash } from 'node:crypto';

export function entityTag(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url')}"`;
}

/**
 * Whether an If-Match header matches the current entity tag (RFC 9110 §13.1.1: strong comparison; `*` matches
 * any current representation).
 */
export function ifMatchSatisfied(header: string, current: string | null): boolean {
  if (current === null) return false;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === current);
}
