// The statement store: create, partial update, delete. A statement is about at most one company or chip; nothing
// depends on it.
import { Conflict } from '../domain/refusal.js';
import type { SqlReader } from '../db/sql.js';
import { linksTo, resolveSlugs, slugTaken } from '../records/references.js';
import { RecordStore, type RecordRules } from '../records/store.js';
import { statementRecord } from './repository.js';
import { StatementInputSchema, StatementPatchSchema, type StatementInput } from './schemas.js';

/** The subject's columns from what was sent: a company, a chip, or neither (the market). */
async function subjectColumns(db: SqlReader, input: { vendor?: string | null; chip?: string | null }) {
  const vendorId = input.vendor == null ? null : (await resolveSlugs(db, 'vendor', [input.vendor], 'vendor'))[0]!;
  const chipId = input.chip == null ? null : (await resolveSlugs(db, 'chip', [input.chip], 'chip'))[0]!;
  return { vendorId, chipId, about: vendorId !== null ? 'company' : chipId !== null ? 'chip' : 'market' };
}

export const statementStore = new RecordStore<typeof StatementInputSchema, typeof StatementPatchSchema>({
  definition: statementRecord,
  createSchema: StatementInputSchema,
  updateSchema: StatementPatchSchema,
  cascadeDescription: 'changes nothing: nothing depends on a statement.',
  absent: { vendor: null, chip: null },
  async create({ tx, db }, input: StatementInput) {
    if (await slugTaken(db, 'statement', input.slug)) {
      throw new Conflict(`A statement with slug '${input.slug}' exists already.`, 'slug_taken');
    }
    const sources = await linksTo(db, 'source', input.sources, 'sources');
    await tx.statement.create({
      data: {
        slug: input.slug,
        ...(await subjectColumns(db, input)),
        topic: input.topic,
        statement: input.statement,
        sources: { connect: sources },
      },
      select: { id: true },
    });
  },
  async update({ tx, db }, slug, patch) {
    // The subject moves as a whole: naming a company or a chip (or null for both) replaces what it was about.
    const subject = patch.vendor !== undefined || patch.chip !== undefined ? await subjectColumns(db, patch) : undefined;
    const sources = await linksTo(db, 'source', patch.sources, 'sources');
    await tx.statement.update({
      where: { slug },
      data: {
        ...subject,
        ...(patch.topic !== undefined && { topic: patch.topic }),
        ...(patch.statement !== undefined && { statement: patch.statement }),
        ...(sources && { sources: { set: sources } }),
        updatedAt: new Date(),
      },
      select: { id: true },
    });
  },
  async remove({ tx }, slug) {
    // Its citations are join rows that go with it.
    await tx.statement.delete({ where: { slug } });
  },
} satisfies RecordRules<typeof StatementInputSchema, typeof StatementPatchSchema>);
