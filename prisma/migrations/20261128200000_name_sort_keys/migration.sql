-- AlterTable
ALTER TABLE "Chip" ADD COLUMN "sortKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN "sortKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Vendor" ADD COLUMN "sortKey" TEXT NOT NULL DEFAULT '';

-- DropIndex
DROP INDEX "Chip_name_id_idx";

-- DropIndex
DROP INDEX "Vendor_name_id_idx";

-- CreateIndex
CREATE INDEX "Chip_sortKey_id_idx" ON "Chip"("sortKey", "id");

-- CreateIndex
CREATE INDEX "Deal_sortKey_id_idx" ON "Deal"("sortKey", "id");

-- CreateIndex
CREATE INDEX "Vendor_sortKey_id_idx" ON "Vendor"("sortKey", "id");

-- Backfill existing rows. SQLite's lower() folds ASCII only; the service writes the full NFKC lower-case fold,
-- and rewrites a row's key whenever its name changes.
UPDATE "Chip" SET "sortKey" = lower("name");
UPDATE "Deal" SET "sortKey" = lower("title");
UPDATE "Vendor" SET "sortKey" = lower("name");
