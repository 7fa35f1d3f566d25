-- What of each record is the curator's rather than the article's (see prisma/migrations/20261204100000_curated_fields).

-- AlterTable
ALTER TABLE "Vendor" ADD COLUMN     "curated" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Chip" ADD COLUMN     "curated" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "FundingRound" ADD COLUMN     "curated" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "curated" JSONB NOT NULL DEFAULT '[]';

