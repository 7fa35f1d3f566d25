-- Metrics mark what is the curator's, as every other record does (see prisma/migrations/20261204100000_curated_fields).

-- AlterTable
ALTER TABLE "Metric" ADD COLUMN "curated" JSONB NOT NULL DEFAULT '[]';
