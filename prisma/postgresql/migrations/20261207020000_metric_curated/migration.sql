-- Metrics mark what is the curator's, as every other record does (see prisma/migrations/20261207020000_metric_curated).

-- AlterTable
ALTER TABLE "Metric" ADD COLUMN     "curated" JSONB NOT NULL DEFAULT '[]';
