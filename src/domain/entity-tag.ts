// Strong entity tags: a digest of the exact bytes a representation is sent as.
import { createHash } from 'node:crypto';

/** How an entity tag of this API is documented: a SHA-256 digest in base64url (43 characters), quoted. */
export const ENTITY_TAG_HEADER_SCHEMA = {
  type: 'string',
  maxLength: 48,
  pattern: '^"[A-Za-z0-9_-]{43}(\\.(br|gzip))?"$',
  example: '"l7uXUN3yhnRlS4Hp3Oyv9pQG8HdiR8d9ZBXsJ5y8Vnk"',
} as const;

/** The content codings answers are compressed with (src/plugins/compression.ts). */
export type ContentCoding = 'br' | 'gzip';

/**
 * The entity tag of a representation sent with a content coding: the same digest, marked with the coding, since a
 * compressed variant is other bytes (RFC 9110 §8.8.3) and a cache must not confuse the two.
 */
export function codedEntityTag(tag: string, coding: ContentCoding): string {
  return `${tag.slice(0, -1)}.${coding}"`;
}

/**
 * The tag without its coding: what preconditions compare, so the tag a client got with a compressed answer matches
 * the representation it was compressed from, for If-None-Match and If-Match alike.
 */
export function uncodedEntityTag(tag: string): string {
  return tag.replace(/\.(br|gzip)"$/, '"');
}

export function entityTag(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url')}"`;
}

/** `entityTag` of bytes whose SHA-256 is already known (hex), without reading them again: a document's stored digest. */
export function entityTagOfDigest(sha256Hex: string): string {
  return `"${Buffer.from(sha256Hex, 'hex').toString('base64url')}"`;
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
    .some((tag) => tag === '*' || uncodedEntityTag(tag) === current);
}
