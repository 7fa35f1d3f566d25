// The one write path. Every record is written by its resource's store — the API's write routes and the seed alike —
// so every rule, derived row and revision is applied the same way whoever writes:
// - `create`, `update`, `remove` and `upsert` run inside a write of the queue (src/db/write-queue.ts), on the
//   writer connection, and take who acts (an API key's name, or `seed`);
// - each resource's rules (`RecordRules`, in src/<resource>/store.ts) check references and constraints and write
//   the record and its child rows; this module adds what every resource shares: the derived rows (timeline, graph,
//   search, statistics), the revision with what changed, If-Match against the current representation, and no
//   trace at all for an update that changes nothing.
import type { z } from 'zod';
import { entityTag, ifMatchSatisfied } from '../domain/entity-tag.js';
import { PreconditionFailed } from '../domain/refusal.js';
import { recordNotFound } from './references.js';
import type { ResourceName } from '../domain/resources.js';
import { loadBySlug, type AnyRecord } from './definition.js';
import { groupsOf, refreshDerived, refreshRecordRows, refreshTotals } from './derived.js';
import { sql, type SqlReader } from '../db/sql.js';
import type { WriteSession } from '../db/write-queue.js';


/** Who writes: the name of the API key (or `seed`), and the request it came with, as revisions record them. */
export interface Actor {
  name: string;
  requestId: string;
}

/** The seed's writes are recorded as this actor. */
export const SEED_ACTOR: Actor = { name: 'seed', requestId: 'seed' };

/** A record as GET shows it (every relation), the exact bytes of that, and their entity tag. */
export interface Representation {
  slug: string;
  item: Record<string, unknown>;
  body: string;
  etag: string;
}

/** A record that a cascading delete removes or changes besides the one named, so it gets a revision of its own. */
export interface CascadedRecord {
  /** How the record is read, to keep its representation before (and, if changed, after) the cascade. */
  definition: AnyRecord;
  slug: string;
  action: 'update' | 'delete';
}

/**
 * What is particular to one resource: how a record is checked and written. Each takes the write session (Prisma's
 * transaction for writing, and `db`, SQL on the same connection, which sees what the transaction wrote).
 */
export interface RecordRules<Create extends z.ZodType, Update extends z.ZodType> {
  /** The read side: how the record is loaded and shown. */
  definition: AnyRecord;
  createSchema: Create;
  updateSchema: Update;
  /** Creates the record. Throws a Refusal (src/domain/refusal.ts) for references that do not resolve and rules it breaks. */
  create(w: WriteSession, input: z.output<Create>): Promise<void>;
  /** Applies a partial update to an existing record. */
  update(w: WriteSession, slug: string, patch: z.output<Update>): Promise<void>;
  /** Deletes the record; refuses with 409 if others depend on it, unless `cascade` (documented per resource). */
  remove(w: WriteSession, slug: string, cascade: boolean): Promise<void>;
  /** The other records a cascading delete would remove or change, asked before `remove` runs. */
  cascadesTo?(w: WriteSession, slug: string): Promise<CascadedRecord[]>;
  /**
   * The value of each optional field when a complete record leaves it out: an upsert sends a record whole, and a
   * field the record no longer has must be cleared, not kept.
   */
  absent: Partial<z.output<Update>>;
  /** What `cascade=true` does, as a clause that follows "the delete": "also deletes the chips it designs ...". */
  cascadeDescription: string;
  /** Why a create can conflict (409), where more than a taken slug can; default: the slug is taken. */
  createConflicts?: string;
}

/** Only if the record's current entity tag is one of these (`If-Match`); absent: unconditionally. */
export interface Precondition {
  ifMatch?: string | undefined;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const SAVEPOINT = sql`SAVEPOINT "store"`;
const RELEASE = sql`RELEASE "store"`;
const ROLLBACK = sql`ROLLBACK TO "store"`;

/** Top-level fields whose value differs between two representations. */
function changesBetween(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/** The current representation of a record, or null when there is none. */
export async function representation(db: SqlReader, definition: AnyRecord, slug: string): Promise<Representation | null> {
  const item = (await loadBySlug(db, definition, slug, new Set(definition.includes))) as Record<string, unknown> | null;
  if (!item) return null;
  // Exactly the bytes GET /{slug} sends, so its ETag and If-Match agree.
  const body = JSON.stringify(definition.itemSchema.encode(item));
  return { slug, item, body, etag: entityTag(body) };
}

/** Appends a revision of one record: who wrote, what changed, and the record as it now stands. */
export async function recordRevision(
  w: WriteSession,
  actor: Actor,
  record: { resource: ResourceName | 'currencyRate'; slug: string },
  action: 'create' | 'update' | 'delete',
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  const changes = changesBetween(before, after);
  // A record a cascade reached but did not change leaves no trace: there is nothing to restore.
  if (action === 'update' && Object.keys(changes).length === 0) return;
  await w.tx.revision.create({
    data: {
      resource: record.resource,
      slug: record.slug,
      action,
      actor: actor.name,
      requestId: actor.requestId,
      changes: changes as object,
      snapshot: (after ?? before ?? {}) as object,
    },
    select: { id: true },
  });
}

/** A record whose representation a write may change, though the write is to another table (a company's metric). */
export interface WatchedRecord {
  definition: AnyRecord;
  slug: string;
  /** Its representation before the write, when the caller has read it already. */
  before?: Representation | null;
}

/**
 * Runs `write`, then gives each watched record whose representation it changed an `update` revision. A write that
 * changed none of them is undone whole (no revision, no new `updatedAt`, nothing for caches to notice). Returns
 * the watched records as they now stand, and whether any changed.
 */
export async function watchedWrite(
  w: WriteSession,
  actor: Actor,
  watched: WatchedRecord[],
  write: () => Promise<void>,
): Promise<{ changed: boolean; after: (Representation | null)[] }> {
  const before = await Promise.all(
    watched.map((record) => (record.before !== undefined ? record.before : representation(w.db, record.definition, record.slug))),
  );
  await w.db.run(SAVEPOINT);
  let after: (Representation | null)[];
  try {
    await write();
    after = await Promise.all(watched.map((record) => representation(w.db, record.definition, record.slug)));
  } catch (error) {
    await w.db.run(ROLLBACK);
    await w.db.run(RELEASE);
    throw error;
  }
  if (watched.every((_, index) => before[index]?.body === after[index]?.body)) {
    await w.db.run(ROLLBACK);
    await w.db.run(RELEASE);
    w.wroteNothing();
    return { changed: false, after: before };
  }
  await w.db.run(RELEASE);
  for (const [index, record] of watched.entries()) {
    if (before[index]?.body !== after[index]?.body) await recordRevision(w, actor, { resource: record.definition.name, slug: record.slug }, 'update', before[index]?.item ?? null, after[index]?.item ?? null);
  }
  w.wrote();
  return { changed: true, after };
}

export class RecordStore<Create extends z.ZodType = z.ZodType, Update extends z.ZodType = z.ZodType> {
  constructor(readonly rules: RecordRules<Create, Update>) {}

  get resource(): ResourceName {
    return this.rules.definition.name;
  }

  get definition(): AnyRecord {
    return this.rules.definition;
  }

  get noun(): string {
    return this.rules.definition.noun;
  }

  /** The record as GET shows it, read on the session's connection (it sees the transaction's writes). */
  current(w: WriteSession, slug: string): Promise<Representation | null> {
    return representation(w.db, this.definition, slug);
  }

  /** The current representation if `precondition` holds; 412 if it does not, 404 if there is no such record. */
  private async guarded(w: WriteSession, slug: string, precondition: Precondition): Promise<Representation> {
    const current = await this.current(w, slug);
    if (precondition.ifMatch !== undefined && !ifMatchSatisfied(precondition.ifMatch, current?.etag ?? null)) {
      throw new PreconditionFailed(
        current ? `The ${this.noun} has changed since that ETag: fetch it again and retry.` : `No ${this.noun} with slug '${slug}' to match.`,
      );
    }
    if (!current) throw await recordNotFound(w.db, this.definition.table, this.noun, slug);
    return current;
  }

  async create(w: WriteSession, input: z.output<Create>, actor: Actor): Promise<Representation> {
    const { slug } = input as { slug: string };
    await this.rules.create(w, input);
    await refreshDerived(w.db, this.resource, slug);
    const created = (await this.current(w, slug))!;
    await recordRevision(w, actor, { resource: this.resource, slug }, 'create', null, created.item);
    w.wrote();
    return created;
  }

  /**
   * Applies `patch`. An update that leaves the representation exactly as it was is undone whole: no revision, no
   * new `updatedAt`, and no commit for caches to notice (`changed: false`).
   */
  async update(w: WriteSession, slug: string, patch: z.output<Update>, actor: Actor, precondition: Precondition = {}): Promise<Representation & { changed: boolean }> {
    return this.updateFrom(w, slug, await this.guarded(w, slug, precondition), patch, actor);
  }

  /** `update` from the representation already read in this session. */
  private async updateFrom(w: WriteSession, slug: string, before: Representation, patch: z.output<Update>, actor: Actor): Promise<Representation & { changed: boolean }> {
    const { changed, after } = await watchedWrite(w, actor, [{ definition: this.definition, slug, before }], async () => {
      // The statistics' groups it leaves (another company, year or designer) are recomputed as well.
      const groupsBefore = await groupsOf(w.db, this.resource, slug);
      await this.rules.update(w, slug, patch);
      await refreshDerived(w.db, this.resource, slug, groupsBefore);
    });
    return { ...after[0]!, changed };
  }

  async remove(w: WriteSession, slug: string, options: Precondition & { cascade?: boolean }, actor: Actor): Promise<void> {
    const cascade = options.cascade ?? false;
    const before = await this.guarded(w, slug, options);
    // The records the cascade reaches, as they stood, so their revisions keep what the delete removed.
    const cascaded = cascade && this.rules.cascadesTo ? await this.rules.cascadesTo(w, slug) : [];
    const cascadedBefore: { record: CascadedRecord; before: Record<string, unknown> | null }[] = [];
    // The statistics' groups of everything the delete removes or changes, to recompute once it is done.
    const groups = await groupsOf(w.db, this.resource, slug);
    for (const record of cascaded) {
      cascadedBefore.push({ record, before: (await representation(w.db, record.definition, record.slug))?.item ?? null });
      await groupsOf(w.db, record.definition.name, record.slug, groups);
    }
    await this.rules.remove(w, slug, cascade);
    await recordRevision(w, actor, { resource: this.resource, slug }, 'delete', before.item, null);
    for (const { record, before: itsBefore } of cascadedBefore) {
      // A deleted record's derived rows went with it (foreign keys cascade); a changed one's are recomputed.
      if (record.action === 'update') await refreshRecordRows(w.db, record.definition.name, record.slug, groups);
      const after = record.action === 'update' ? ((await representation(w.db, record.definition, record.slug))?.item ?? null) : null;
      await recordRevision(w, actor, { resource: record.definition.name, slug: record.slug }, record.action, itsBefore, after);
    }
    await refreshTotals(w.db, groups);
    w.wrote();
  }

  /**
   * Writes a whole record: creates it when its slug is new, otherwise makes the stored one exactly this (fields it
   * leaves out are cleared), leaving no trace when it already is.
   */
  async upsert(w: WriteSession, input: z.output<Create>, actor: Actor): Promise<UpsertOutcome> {
    const { slug, ...fields } = input as { slug: string } & Record<string, unknown>;
    const before = await this.current(w, slug);
    if (!before) {
      await this.create(w, input, actor);
      return 'created';
    }
    const patch = { ...this.rules.absent, ...fields } as z.output<Update>;
    return (await this.updateFrom(w, slug, before, patch, actor)).changed ? 'updated' : 'unchanged';
  }
}
