// The chip store: create, partial update (partners, specs and deployments replaced as a whole), delete (they go
// with the chip). The API's write routes and the seed both write chips through it (src/records/store.ts).
import { Conflict } from '../domain/refusal.js';
import type { z } from 'zod';
import type { SqlReader } from '../db/sql.js';
import type { WriteTransaction } from '../db/write-queue.js';
import { nameSortKey } from '../records/list-query.js';
import { linksTo, resolveSlugs, slugTaken } from '../records/references.js';
import { dateColumns, invalidField, refuseNotationsOutsideQuotes, sentColumns } from '../records/write-columns.js';
import { sql } from '../db/sql.js';
import type { Prisma } from '../generated/prisma/client.js';
import { RecordStore, type RecordRules } from '../records/store.js';
import { chipRecord } from './repository.js';
import { ChipInputSchema, ChipPatchSchema } from './schemas.js';

type ChipInput = z.output<typeof ChipInputSchema>;
type ChipPatch = z.output<typeof ChipPatchSchema>;

/** Resolves each referenced slug once per write, with a 400 naming the exact body field (e.g. `specs.2.source`). */
function referenceResolver(db: SqlReader) {
  const known = new Map<string, number>();
  return async (model: 'vendor' | 'source', slug: string, field: string) => {
    const key = `${model}:${slug}`;
    let id = known.get(key);
    if (id === undefined) {
      id = (await resolveSlugs(db, model, [slug], field))[0]!;
      known.set(key, id);
    }
    return id;
  };
}
type Resolve = ReturnType<typeof referenceResolver>;

/** The chip's own columns and source links from the fields sent. */
/** The chip's own columns, as Prisma takes them both to create and to update a chip (plain values, no operations). */
type ChipColumns = Partial<Omit<Prisma.ChipUncheckedCreateInput, 'partners' | 'specs' | 'deployments' | 'sources' | 'timelineEvents' | 'graphEdges' | 'searchRecords'>>;

/** The columns a write sets: only those of fields sent, so a patch leaves the rest alone. */
async function columns(db: SqlReader, input: Partial<ChipInput>): Promise<ChipColumns> {
  const data: ChipColumns = {
    ...sentColumns(input, ['name', 'nameKo', 'aliases', 'kind', 'purpose', 'architecture', 'generation', 'description', 'curated']),
    ...dateColumns('announced', input.announced, 'announced'),
    ...dateColumns('available', input.available, 'available'),
  };
  if (input.designer !== undefined) data.designerId = await designerId(db, input.designer);
  return data;
}

async function designerId(db: SqlReader, designer: string): Promise<number> {
  const [id] = await resolveSlugs(db, 'vendor', [designer], 'designer');
  return id!;
}

/** Writes the relations sent, each replacing what the chip had; every reference is checked before anything is written. */
async function writeRelations(tx: WriteTransaction, db: SqlReader, chipId: number, input: Partial<ChipInput>) {
  const resolve: Resolve = referenceResolver(db);
  // One at a time, so a 400 names the first bad entry in the order the curator sent them.
  const partners = [];
  for (const [index, partner] of (input.partners ?? []).entries()) {
    partners.push({
      chipId,
      vendorId: await resolve('vendor', partner.vendor, `partners.${index}.vendor`),
      role: partner.role,
      sourceId: await resolve('source', partner.source, `partners.${index}.source`),
    });
  }
  const specs = [];
  for (const [index, spec] of (input.specs ?? []).entries()) {
    specs.push({
      chipId,
      key: spec.key,
      value: spec.value ?? null,
      text: spec.text ?? null,
      unit: spec.unit ?? null,
      bound: spec.bound,
      notation: spec.notation ?? null,
      sourceId: await resolve('source', spec.source, `specs.${index}.source`),
    });
  }
  const deployments = [];
  for (const [index, deployment] of (input.deployments ?? []).entries()) {
    deployments.push({
      chipId,
      vendorId: deployment.vendor ? await resolve('vendor', deployment.vendor, `deployments.${index}.vendor`) : null,
      kind: deployment.kind,
      name: deployment.name,
      nameKo: deployment.nameKo ?? null,
      description: deployment.description ?? null,
      unitCount: deployment.unitCount ?? null,
      unitCountBound: deployment.unitCountBound ?? null,
      unitCountNotation: deployment.unitCountNotation ?? null,
      status: deployment.status,
      ...dateColumns('start', deployment.start, `deployments.${index}.start`),
      sourceId: await resolve('source', deployment.source, `deployments.${index}.source`),
    });
  }
  // Specs and deployments are read back in id order, so inserting in list order keeps the order the curator sent.
  if (input.partners !== undefined) {
    await tx.chipPartner.deleteMany({ where: { chipId } });
    await tx.chipPartner.createMany({ data: partners });
  }
  if (input.specs !== undefined) {
    await tx.chipSpec.deleteMany({ where: { chipId } });
    await tx.chipSpec.createMany({ data: specs });
  }
  if (input.deployments !== undefined) {
    await tx.chipDeployment.deleteMany({ where: { chipId } });
    await tx.chipDeployment.createMany({ data: deployments });
  }
}

/** A chip's designer is not also its partner; checked on the stored result, so a change of either side is caught. */
async function refuseDesignerAsPartner(tx: WriteTransaction, chipId: number, input: Partial<ChipInput>) {
  const chip = await tx.chip.findUniqueOrThrow({ where: { id: chipId }, select: { designerId: true, designer: { select: { slug: true } } } });
  const clash = await tx.chipPartner.findFirst({ where: { chipId, vendorId: chip.designerId }, select: { role: true } });
  if (!clash) return;
  const index = (input.partners ?? []).findIndex((partner) => partner.vendor === chip.designer.slug);
  const field = index >= 0 ? `partners.${index}.vendor` : 'designer';
  throw invalidField(field, `'${chip.designer.slug}' designs the chip, so it cannot also be its partner`);
}

/** Each spec's and deployment's figure stands in the passage it cites, checked for the lists the write sent. */
async function refuseFiguresOutsideSources(db: SqlReader, chipId: number, input: Partial<ChipInput>) {
  if (input.specs !== undefined) {
    const specs = await db.all<{ notation: string | null; quote: string }>(
      sql`SELECT sp."notation", s."quote" FROM "ChipSpec" sp JOIN "Source" s ON s."id" = sp."sourceId" WHERE sp."chipId" = ${chipId} ORDER BY sp."id"`,
    );
    specs.forEach((spec, index) => refuseNotationsOutsideQuotes([{ field: `specs.${index}.notation`, text: spec.notation }], [spec.quote], 'its source'));
  }
  if (input.deployments !== undefined) {
    const deployments = await db.all<{ unitCountNotation: string | null; quote: string }>(
      sql`SELECT d."unitCountNotation", s."quote" FROM "ChipDeployment" d JOIN "Source" s ON s."id" = d."sourceId" WHERE d."chipId" = ${chipId} ORDER BY d."id"`,
    );
    deployments.forEach((deployment, index) =>
      refuseNotationsOutsideQuotes([{ field: `deployments.${index}.unitCountNotation`, text: deployment.unitCountNotation }], [deployment.quote], 'its source'),
    );
  }
}

export const chipStore = new RecordStore<typeof ChipInputSchema, typeof ChipPatchSchema>({
  definition: chipRecord,
  createSchema: ChipInputSchema,
  updateSchema: ChipPatchSchema,
  cascadeDescription:
    'changes nothing: nothing outside a chip depends on it (its partners, specs and deployments are part of it and ' +
    'always go with it).',
  absent: {
    nameKo: null,
    aliases: [],
    purpose: null,
    architecture: null,
    generation: null,
    description: null,
    announced: null,
    available: null,
    partners: [],
    specs: [],
    deployments: [],
    curated: [],
  },
  async create({ tx, db }, input) {
    if (await slugTaken(db, 'chip', input.slug)) {
      throw new Conflict(`A chip with slug '${input.slug}' exists already.`, 'slug_taken');
    }
    const data = await columns(db, input);
    const { id } = await tx.chip.create({
      data: {
        aliases: [],
        curated: [],
        ...data,
        slug: input.slug,
        name: input.name,
        kind: input.kind,
        designerId: data.designerId ?? (await designerId(db, input.designer)),
        sortKey: nameSortKey(input.name),
        sources: { connect: await linksTo(db, 'source', input.sources, 'sources') },
      },
      select: { id: true },
    });
    await writeRelations(tx, db, id, input);
    await refuseDesignerAsPartner(tx, id, input);
    await refuseFiguresOutsideSources(db, id, input);
  },
  async update({ tx, db }, slug, patch: ChipPatch) {
    const current = await tx.chip.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const data = await columns(db, patch);
    const sources = await linksTo(db, 'source', patch.sources, 'sources');
    await writeRelations(tx, db, current.id, patch);
    await tx.chip.update({
      where: { id: current.id },
      data: { ...data, ...(patch.name !== undefined && { sortKey: nameSortKey(patch.name) }), ...(sources && { sources: { set: sources } }), updatedAt: new Date() },
      select: { id: true },
    });
    await refuseDesignerAsPartner(tx, current.id, patch);
    await refuseFiguresOutsideSources(db, current.id, patch);
  },
  async remove({ tx }, slug) {
    const about = await tx.statement.findMany({ where: { chip: { slug } }, select: { slug: true }, orderBy: { slug: 'asc' } });
    if (about.length > 0) {
      const list = about.map((statement) => `statements/${statement.slug}`).join(', ');
      throw new Conflict(`Chip '${slug}' is the subject of ${list}; delete those or move them to another subject first.`, 'has_dependents');
    }
    // Partners, specs and deployments cascade in the schema; source links are join rows that go with the chip.
    await tx.chip.delete({ where: { slug } });
  },
} satisfies RecordRules<typeof ChipInputSchema, typeof ChipPatchSchema>);
