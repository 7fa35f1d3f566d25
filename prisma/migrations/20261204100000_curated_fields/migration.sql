-- What of each record is the curator's rather than the article's (classifications such as a company's kind), as
-- curators declare it; names and other text that stand in no cited passage are added when a record is read.
-- Existing records declare nothing until they are written again (the seed declares its own on its next run).

-- AlterTable
ALTER TABLE "Vendor" ADD COLUMN "curated" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Chip" ADD COLUMN "curated" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "FundingRound" ADD COLUMN "curated" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN "curated" JSONB NOT NULL DEFAULT '[]';
