-- CreateTable
CREATE TABLE "Source" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Vendor" (
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
    "searchText" TEXT NOT NULL,
    "parentId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Vendor_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Chip" (
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
    "searchText" TEXT NOT NULL,
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

-- CreateTable
CREATE TABLE "ChipPartner" (
    "chipId" INTEGER NOT NULL,
    "vendorId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "sourceId" INTEGER NOT NULL,

    PRIMARY KEY ("chipId", "vendorId"),
    CONSTRAINT "ChipPartner_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChipPartner_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ChipPartner_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChipSpec" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chipId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" REAL,
    "text" TEXT,
    "unit" TEXT,
    "bound" TEXT NOT NULL,
    "notation" TEXT,
    "sourceId" INTEGER NOT NULL,
    CONSTRAINT "ChipSpec_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChipSpec_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChipDeployment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chipId" INTEGER NOT NULL,
    "vendorId" INTEGER,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKo" TEXT,
    "description" TEXT,
    "unitCount" INTEGER,
    "unitCountBound" TEXT,
    "unitCountNotation" TEXT,
    "status" TEXT NOT NULL,
    "startStart" TEXT,
    "startPrecision" TEXT,
    "startQualifier" TEXT,
    "sourceId" INTEGER NOT NULL,
    CONSTRAINT "ChipDeployment_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChipDeployment_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ChipDeployment_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CurrencyRate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "unitsPerUsd" TEXT NOT NULL,
    "asOfStart" TEXT NOT NULL,
    "asOfPrecision" TEXT NOT NULL,
    "source" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "FundingRound" (
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
    "searchText" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FundingRound_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundingRound_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deal" (
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
    "searchText" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deal_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DealParty" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dealId" INTEGER NOT NULL,
    "vendorId" INTEGER,
    "role" TEXT NOT NULL,
    "description" TEXT,
    CONSTRAINT "DealParty_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DealParty_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "vendorId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "amountMin" BIGINT,
    "amountMax" BIGINT,
    "currency" TEXT,
    "notation" TEXT,
    "rateId" INTEGER,
    "periodStart" TEXT,
    "periodPrecision" TEXT,
    "periodQualifier" TEXT,
    "stance" TEXT NOT NULL,
    "description" TEXT,
    "sourceId" INTEGER NOT NULL,
    CONSTRAINT "Metric_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Metric_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Metric_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_SourceToVendor" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_SourceToVendor_A_fkey" FOREIGN KEY ("A") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_SourceToVendor_B_fkey" FOREIGN KEY ("B") REFERENCES "Vendor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_ChipToSource" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_ChipToSource_A_fkey" FOREIGN KEY ("A") REFERENCES "Chip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_ChipToSource_B_fkey" FOREIGN KEY ("B") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_RoundInvestors" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_RoundInvestors_A_fkey" FOREIGN KEY ("A") REFERENCES "FundingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_RoundInvestors_B_fkey" FOREIGN KEY ("B") REFERENCES "Vendor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_FundingRoundToSource" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_FundingRoundToSource_A_fkey" FOREIGN KEY ("A") REFERENCES "FundingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_FundingRoundToSource_B_fkey" FOREIGN KEY ("B") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_DealToSource" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_DealToSource_A_fkey" FOREIGN KEY ("A") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_DealToSource_B_fkey" FOREIGN KEY ("B") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_slug_key" ON "Source"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Vendor_slug_key" ON "Vendor"("slug");

-- CreateIndex
CREATE INDEX "Vendor_kind_idx" ON "Vendor"("kind");

-- CreateIndex
CREATE INDEX "Vendor_country_idx" ON "Vendor"("country");

-- CreateIndex
CREATE INDEX "Vendor_parentId_idx" ON "Vendor"("parentId");

-- CreateIndex
CREATE INDEX "Vendor_name_id_idx" ON "Vendor"("name", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Chip_slug_key" ON "Chip"("slug");

-- CreateIndex
CREATE INDEX "Chip_designerId_idx" ON "Chip"("designerId");

-- CreateIndex
CREATE INDEX "Chip_kind_idx" ON "Chip"("kind");

-- CreateIndex
CREATE INDEX "Chip_purpose_idx" ON "Chip"("purpose");

-- CreateIndex
CREATE INDEX "Chip_name_id_idx" ON "Chip"("name", "id");

-- CreateIndex
CREATE INDEX "Chip_announcedStart_id_idx" ON "Chip"("announcedStart", "id");

-- CreateIndex
CREATE INDEX "ChipPartner_vendorId_idx" ON "ChipPartner"("vendorId");

-- CreateIndex
CREATE INDEX "ChipPartner_sourceId_idx" ON "ChipPartner"("sourceId");

-- CreateIndex
CREATE INDEX "ChipSpec_chipId_idx" ON "ChipSpec"("chipId");

-- CreateIndex
CREATE INDEX "ChipSpec_sourceId_idx" ON "ChipSpec"("sourceId");

-- CreateIndex
CREATE INDEX "ChipDeployment_chipId_idx" ON "ChipDeployment"("chipId");

-- CreateIndex
CREATE INDEX "ChipDeployment_vendorId_idx" ON "ChipDeployment"("vendorId");

-- CreateIndex
CREATE INDEX "ChipDeployment_sourceId_idx" ON "ChipDeployment"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "CurrencyRate_slug_key" ON "CurrencyRate"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "CurrencyRate_currency_asOfStart_asOfPrecision_key" ON "CurrencyRate"("currency", "asOfStart", "asOfPrecision");

-- CreateIndex
CREATE UNIQUE INDEX "FundingRound_slug_key" ON "FundingRound"("slug");

-- CreateIndex
CREATE INDEX "FundingRound_companyId_idx" ON "FundingRound"("companyId");

-- CreateIndex
CREATE INDEX "FundingRound_currency_idx" ON "FundingRound"("currency");

-- CreateIndex
CREATE INDEX "FundingRound_rateId_idx" ON "FundingRound"("rateId");

-- CreateIndex
CREATE INDEX "FundingRound_dateStart_id_idx" ON "FundingRound"("dateStart", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Deal_slug_key" ON "Deal"("slug");

-- CreateIndex
CREATE INDEX "Deal_kind_idx" ON "Deal"("kind");

-- CreateIndex
CREATE INDEX "Deal_dateStart_id_idx" ON "Deal"("dateStart", "id");

-- CreateIndex
CREATE INDEX "Deal_rateId_idx" ON "Deal"("rateId");

-- CreateIndex
CREATE INDEX "DealParty_dealId_idx" ON "DealParty"("dealId");

-- CreateIndex
CREATE INDEX "DealParty_vendorId_idx" ON "DealParty"("vendorId");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_slug_key" ON "Metric"("slug");

-- CreateIndex
CREATE INDEX "Metric_vendorId_idx" ON "Metric"("vendorId");

-- CreateIndex
CREATE INDEX "Metric_sourceId_idx" ON "Metric"("sourceId");

-- CreateIndex
CREATE INDEX "Metric_rateId_idx" ON "Metric"("rateId");

-- CreateIndex
CREATE UNIQUE INDEX "_SourceToVendor_AB_unique" ON "_SourceToVendor"("A", "B");

-- CreateIndex
CREATE INDEX "_SourceToVendor_B_index" ON "_SourceToVendor"("B");

-- CreateIndex
CREATE UNIQUE INDEX "_ChipToSource_AB_unique" ON "_ChipToSource"("A", "B");

-- CreateIndex
CREATE INDEX "_ChipToSource_B_index" ON "_ChipToSource"("B");

-- CreateIndex
CREATE UNIQUE INDEX "_RoundInvestors_AB_unique" ON "_RoundInvestors"("A", "B");

-- CreateIndex
CREATE INDEX "_RoundInvestors_B_index" ON "_RoundInvestors"("B");

-- CreateIndex
CREATE UNIQUE INDEX "_FundingRoundToSource_AB_unique" ON "_FundingRoundToSource"("A", "B");

-- CreateIndex
CREATE INDEX "_FundingRoundToSource_B_index" ON "_FundingRoundToSource"("B");

-- CreateIndex
CREATE UNIQUE INDEX "_DealToSource_AB_unique" ON "_DealToSource"("A", "B");

-- CreateIndex
CREATE INDEX "_DealToSource_B_index" ON "_DealToSource"("B");

