-- CreateTable
CREATE TABLE "FundingTotal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "grouping" TEXT NOT NULL,
    "vendorId" INTEGER,
    "slug" TEXT,
    "year" INTEGER,
    "roundCount" INTEGER NOT NULL,
    "roundsWithoutAmount" INTEGER NOT NULL,
    "roundsNotConverted" INTEGER NOT NULL,
    "usdHigh" BIGINT NOT NULL,
    "usdLow" INTEGER NOT NULL,
    CONSTRAINT "FundingTotal_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundingCurrencyTotal" (
    "totalId" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "high" BIGINT NOT NULL,
    "low" INTEGER NOT NULL,
    "roundCount" INTEGER NOT NULL,

    PRIMARY KEY ("totalId", "currency"),
    CONSTRAINT "FundingCurrencyTotal_totalId_fkey" FOREIGN KEY ("totalId") REFERENCES "FundingTotal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChipTotal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "grouping" TEXT NOT NULL,
    "vendorId" INTEGER,
    "slug" TEXT,
    "value" TEXT,
    "chipCount" INTEGER NOT NULL,
    CONSTRAINT "ChipTotal_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FundingTotal_grouping_usdHigh_usdLow_slug_vendorId_idx" ON "FundingTotal"("grouping", "usdHigh" DESC, "usdLow" DESC, "slug", "vendorId");

-- CreateIndex
CREATE INDEX "FundingTotal_vendorId_idx" ON "FundingTotal"("vendorId");

-- CreateIndex
CREATE INDEX "ChipTotal_grouping_chipCount_slug_vendorId_idx" ON "ChipTotal"("grouping", "chipCount" DESC, "slug", "vendorId");

-- CreateIndex
CREATE INDEX "ChipTotal_vendorId_idx" ON "ChipTotal"("vendorId");

