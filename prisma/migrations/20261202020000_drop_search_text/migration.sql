-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Vendor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKo" TEXT,
    "aliases" JSONB NOT NULL,
    "kind" TEXT NOT NULL,
    "country" TEXT,
    "foundedYear" INTEGER,
    "founders" JSONB NOT NULL,
    "description" TEXT,
    "sortKey" TEXT NOT NULL DEFAULT '',
    "parentId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Vendor_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Vendor" ("aliases", "country", "createdAt", "description", "foundedYear", "founders", "id", "kind", "name", "nameKo", "parentId", "slug", "sortKey", "updatedAt") SELECT "aliases", "country", "createdAt", "description", "foundedYear", "founders", "id", "kind", "name", "nameKo", "parentId", "slug", "sortKey", "updatedAt" FROM "Vendor";
DROP TABLE "Vendor";
ALTER TABLE "new_Vendor" RENAME TO "Vendor";
CREATE UNIQUE INDEX "Vendor_slug_key" ON "Vendor"("slug");
CREATE INDEX "Vendor_kind_idx" ON "Vendor"("kind");
CREATE INDEX "Vendor_country_idx" ON "Vendor"("country");
CREATE INDEX "Vendor_parentId_idx" ON "Vendor"("parentId");
CREATE INDEX "Vendor_sortKey_id_idx" ON "Vendor"("sortKey", "id");
CREATE TABLE "new_Chip" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKo" TEXT,
    "aliases" JSONB NOT NULL,
    "kind" TEXT NOT NULL,
    "purpose" TEXT,
    "architecture" TEXT,
    "generation" INTEGER,
    "description" TEXT,
    "sortKey" TEXT NOT NULL DEFAULT '',
    "designerId" INTEGER NOT NULL,
    "announcedStart" TEXT,
    "announcedPrecision" TEXT,
    "announcedQualifier" TEXT,
    "availableStart" TEXT,
    "availablePrecision" TEXT,
    "availableQualifier" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Chip_designerId_fkey" FOREIGN KEY ("designerId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Chip" ("aliases", "announcedPrecision", "announcedQualifier", "announcedStart", "architecture", "availablePrecision", "availableQualifier", "availableStart", "createdAt", "description", "designerId", "generation", "id", "kind", "name", "nameKo", "purpose", "slug", "sortKey", "updatedAt") SELECT "aliases", "announcedPrecision", "announcedQualifier", "announcedStart", "architecture", "availablePrecision", "availableQualifier", "availableStart", "createdAt", "description", "designerId", "generation", "id", "kind", "name", "nameKo", "purpose", "slug", "sortKey", "updatedAt" FROM "Chip";
DROP TABLE "Chip";
ALTER TABLE "new_Chip" RENAME TO "Chip";
CREATE UNIQUE INDEX "Chip_slug_key" ON "Chip"("slug");
CREATE INDEX "Chip_designerId_idx" ON "Chip"("designerId");
CREATE INDEX "Chip_kind_idx" ON "Chip"("kind");
CREATE INDEX "Chip_purpose_idx" ON "Chip"("purpose");
CREATE INDEX "Chip_sortKey_id_idx" ON "Chip"("sortKey", "id");
CREATE INDEX "Chip_announcedStart_id_idx" ON "Chip"("announcedStart", "id");
CREATE TABLE "new_FundingRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "companyId" INTEGER NOT NULL,
    "roundType" TEXT NOT NULL,
    "amount" BIGINT,
    "currency" TEXT,
    "amountNotation" TEXT,
    "rateId" INTEGER,
    "dateStart" TEXT,
    "datePrecision" TEXT,
    "dateQualifier" TEXT,
    "investorsPartial" BOOLEAN NOT NULL DEFAULT false,
    "valuation" BIGINT,
    "valuationNotation" TEXT,
    "valuationStance" TEXT,
    "cumulativeAmount" BIGINT,
    "cumulativeNotation" TEXT,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FundingRound_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundingRound_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_FundingRound" ("amount", "amountNotation", "companyId", "createdAt", "cumulativeAmount", "cumulativeNotation", "currency", "datePrecision", "dateQualifier", "dateStart", "description", "id", "investorsPartial", "rateId", "roundType", "slug", "updatedAt", "valuation", "valuationNotation", "valuationStance") SELECT "amount", "amountNotation", "companyId", "createdAt", "cumulativeAmount", "cumulativeNotation", "currency", "datePrecision", "dateQualifier", "dateStart", "description", "id", "investorsPartial", "rateId", "roundType", "slug", "updatedAt", "valuation", "valuationNotation", "valuationStance" FROM "FundingRound";
DROP TABLE "FundingRound";
ALTER TABLE "new_FundingRound" RENAME TO "FundingRound";
CREATE UNIQUE INDEX "FundingRound_slug_key" ON "FundingRound"("slug");
CREATE INDEX "FundingRound_companyId_idx" ON "FundingRound"("companyId");
CREATE INDEX "FundingRound_currency_idx" ON "FundingRound"("currency");
CREATE INDEX "FundingRound_rateId_idx" ON "FundingRound"("rateId");
CREATE INDEX "FundingRound_dateStart_id_idx" ON "FundingRound"("dateStart", "id");
CREATE TABLE "new_Deal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKo" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dateStart" TEXT,
    "datePrecision" TEXT,
    "dateQualifier" TEXT,
    "amount" BIGINT,
    "currency" TEXT,
    "amountNotation" TEXT,
    "rateId" INTEGER,
    "description" TEXT,
    "sortKey" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deal_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Deal" ("amount", "amountNotation", "createdAt", "currency", "datePrecision", "dateQualifier", "dateStart", "description", "id", "kind", "rateId", "slug", "sortKey", "status", "title", "titleKo", "updatedAt") SELECT "amount", "amountNotation", "createdAt", "currency", "datePrecision", "dateQualifier", "dateStart", "description", "id", "kind", "rateId", "slug", "sortKey", "status", "title", "titleKo", "updatedAt" FROM "Deal";
DROP TABLE "Deal";
ALTER TABLE "new_Deal" RENAME TO "Deal";
CREATE UNIQUE INDEX "Deal_slug_key" ON "Deal"("slug");
CREATE INDEX "Deal_kind_idx" ON "Deal"("kind");
CREATE INDEX "Deal_dateStart_id_idx" ON "Deal"("dateStart", "id");
CREATE INDEX "Deal_rateId_idx" ON "Deal"("rateId");
CREATE INDEX "Deal_sortKey_id_idx" ON "Deal"("sortKey", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

