-- Amounts sort numerically, in their own currency or in US dollars: a round's and a deal's amount converted on its
-- stated basis, kept by the write path, and an index for each order. The dollar figures of existing rows are filled
-- in at startup, which rebuilds derived data whose version is older (src/db/derived.ts).

-- AlterTable
ALTER TABLE "FundingRound" ADD COLUMN "amountUsd" BIGINT;

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN "amountUsd" BIGINT;

-- CreateIndex
CREATE INDEX "FundingRound_amount_id_idx" ON "FundingRound"("amount", "id");

-- CreateIndex
CREATE INDEX "FundingRound_amountUsd_id_idx" ON "FundingRound"("amountUsd", "id");

-- CreateIndex
CREATE INDEX "Deal_amount_id_idx" ON "Deal"("amount", "id");

-- CreateIndex
CREATE INDEX "Deal_amountUsd_id_idx" ON "Deal"("amountUsd", "id");
