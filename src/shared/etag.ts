// Strong entity tags: a digest of the exact bytes a representation is sent as.
import { createHash } from 'node:crypto';

/** How an entity tag of this API is documented: a SHA-256 digest in base64url (43 characters), quoted. */
export const ENTITY_TAG_HEADER_SCHEMA = {
  type: 'string',
  maxLength: 45,
  pattern: '^"[A-Za-z0-9_-]{43}"$',
  example: '"l7uXUN3yhnRlS4Hp3Oyv9pQG8HdiR8d9ZBXsJ5y8Vnk"',
} as const;

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
