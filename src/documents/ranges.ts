// The one byte range of a `Range` header a text is served in (RFC 9110 §14): a part, the whole (no range, or one the
// server may ignore: not bytes, malformed, or several ranges), or nothing that can be served.
export type ByteRange = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d{0,15})-(\d{0,15})$/;

/** The range `header` asks of a body `length` bytes long; `end` is inclusive, as Content-Range writes it. */
export function byteRange(header: string | undefined, length: number): ByteRange {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim());
  // Another unit, several ranges or a malformed one: a server may answer with the whole representation.
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  if (match[1] === '') {
    // `bytes=-500`: the last 500 bytes (all of them, if there are fewer).
    const suffix = Number(match[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return length === 0 ? { kind: 'unsatisfiable' } : { kind: 'part', start: Math.max(0, length - suffix), end: length - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? length - 1 : Math.min(Number(match[2]), length - 1);
  if (match[2] !== '' && Number(match[2]) < start) return { kind: 'whole' };
  if (start >= length) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}
