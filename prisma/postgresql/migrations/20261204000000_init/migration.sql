-- The whole schema for PostgreSQL, as `prisma migrate diff --from-empty --to-schema-datamodel
-- prisma/postgresql/schema.prisma --script` (Prisma 6.19.3) writes it, then the search index Prisma cannot declare.
-- SQLite reached the same schema through the migrations in prisma/migrations; PostgreSQL starts here.

-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vendor" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vendor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Chip" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Chip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChipPartner" (
    "chipId" INTEGER NOT NULL,
    "vendorId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "ChipPartner_pkey" PRIMARY KEY ("chipId","vendorId")
);

-- CreateTable
CREATE TABLE "ChipSpec" (
    "id" SERIAL NOT NULL,
    "chipId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "text" TEXT,
    "unit" TEXT,
    "bound" TEXT NOT NULL,
    "notation" TEXT,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "ChipSpec_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChipDeployment" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "ChipDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurrencyRate" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "unitsPerUsd" TEXT NOT NULL,
    "asOfStart" TEXT NOT NULL,
    "asOfPrecision" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "CurrencyRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingRound" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundingRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deal" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealParty" (
    "id" SERIAL NOT NULL,
    "dealId" INTEGER NOT NULL,
    "vendorId" INTEGER,
    "role" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "DealParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" SERIAL NOT NULL,
    "resource" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" SERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "responseBody" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "dateStart" TEXT NOT NULL,
    "dateEnd" TEXT NOT NULL,
    "datePrecision" TEXT NOT NULL,
    "dateQualifier" TEXT,
    "vendorId" INTEGER,
    "chipId" INTEGER,
    "deploymentId" INTEGER,
    "fundingRoundId" INTEGER,
    "dealId" INTEGER,

    CONSTRAINT "TimelineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEventVendor" (
    "eventId" INTEGER NOT NULL,
    "vendorId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "TimelineEventVendor_pkey" PRIMARY KEY ("eventId","vendorId")
);

-- CreateTable
CREATE TABLE "GraphEdge" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "typeRank" INTEGER NOT NULL,
    "sourceNode" TEXT NOT NULL,
    "targetNode" TEXT NOT NULL,
    "role" TEXT,
    "sourceSlugs" JSONB NOT NULL,
    "partyLabels" JSONB NOT NULL,
    "chipId" INTEGER,
    "fundingRoundId" INTEGER,
    "dealId" INTEGER,

    CONSTRAINT "GraphEdge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchRecord" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "typeRank" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKo" TEXT,
    "sortName" TEXT NOT NULL,
    "chipId" INTEGER,
    "vendorId" INTEGER,
    "fundingRoundId" INTEGER,
    "dealId" INTEGER,

    CONSTRAINT "SearchRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchTerm" (
    "id" SERIAL NOT NULL,
    "recordId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "loose" TEXT NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingTotal" (
    "id" SERIAL NOT NULL,
    "grouping" TEXT NOT NULL,
    "vendorId" INTEGER,
    "slug" TEXT,
    "year" INTEGER,
    "roundCount" INTEGER NOT NULL,
    "roundsWithoutAmount" INTEGER NOT NULL,
    "roundsNotConverted" INTEGER NOT NULL,
    "usdHigh" BIGINT NOT NULL,
    "usdLow" INTEGER NOT NULL,

    CONSTRAINT "FundingTotal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingCurrencyTotal" (
    "totalId" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "high" BIGINT NOT NULL,
    "low" INTEGER NOT NULL,
    "roundCount" INTEGER NOT NULL,

    CONSTRAINT "FundingCurrencyTotal_pkey" PRIMARY KEY ("totalId","currency")
);

-- CreateTable
CREATE TABLE "ChipTotal" (
    "id" SERIAL NOT NULL,
    "grouping" TEXT NOT NULL,
    "vendorId" INTEGER,
    "slug" TEXT,
    "value" TEXT,
    "chipCount" INTEGER NOT NULL,

    CONSTRAINT "ChipTotal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DerivedState" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "DerivedState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_SourceToVendor" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_SourceToVendor_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ChipToSource" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_ChipToSource_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_RoundInvestors" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_RoundInvestors_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_FundingRoundToSource" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_FundingRoundToSource_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_DealToSource" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_DealToSource_AB_pkey" PRIMARY KEY ("A","B")
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
CREATE INDEX "Vendor_sortKey_id_idx" ON "Vendor"("sortKey", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Chip_slug_key" ON "Chip"("slug");

-- CreateIndex
CREATE INDEX "Chip_designerId_idx" ON "Chip"("designerId");

-- CreateIndex
CREATE INDEX "Chip_kind_idx" ON "Chip"("kind");

-- CreateIndex
CREATE INDEX "Chip_purpose_idx" ON "Chip"("purpose");

-- CreateIndex
CREATE INDEX "Chip_sortKey_id_idx" ON "Chip"("sortKey", "id");

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
CREATE INDEX "Deal_sortKey_id_idx" ON "Deal"("sortKey", "id");

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
CREATE INDEX "Revision_resource_slug_id_idx" ON "Revision"("resource", "slug", "id");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_actor_key_key" ON "IdempotencyRecord"("actor", "key");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEvent_key_key" ON "TimelineEvent"("key");

-- CreateIndex
CREATE INDEX "TimelineEvent_dateStart_dateEnd_key_id_idx" ON "TimelineEvent"("dateStart", "dateEnd", "key", "id");

-- CreateIndex
CREATE INDEX "TimelineEvent_type_idx" ON "TimelineEvent"("type");

-- CreateIndex
CREATE INDEX "TimelineEvent_vendorId_idx" ON "TimelineEvent"("vendorId");

-- CreateIndex
CREATE INDEX "TimelineEvent_chipId_idx" ON "TimelineEvent"("chipId");

-- CreateIndex
CREATE INDEX "TimelineEvent_deploymentId_idx" ON "TimelineEvent"("deploymentId");

-- CreateIndex
CREATE INDEX "TimelineEvent_fundingRoundId_idx" ON "TimelineEvent"("fundingRoundId");

-- CreateIndex
CREATE INDEX "TimelineEvent_dealId_idx" ON "TimelineEvent"("dealId");

-- CreateIndex
CREATE INDEX "TimelineEventVendor_vendorId_eventId_idx" ON "TimelineEventVendor"("vendorId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "GraphEdge_key_key" ON "GraphEdge"("key");

-- CreateIndex
CREATE INDEX "GraphEdge_typeRank_key_id_idx" ON "GraphEdge"("typeRank", "key", "id");

-- CreateIndex
CREATE INDEX "GraphEdge_sourceNode_idx" ON "GraphEdge"("sourceNode");

-- CreateIndex
CREATE INDEX "GraphEdge_targetNode_idx" ON "GraphEdge"("targetNode");

-- CreateIndex
CREATE INDEX "GraphEdge_chipId_idx" ON "GraphEdge"("chipId");

-- CreateIndex
CREATE INDEX "GraphEdge_fundingRoundId_idx" ON "GraphEdge"("fundingRoundId");

-- CreateIndex
CREATE INDEX "GraphEdge_dealId_idx" ON "GraphEdge"("dealId");

-- CreateIndex
CREATE INDEX "SearchRecord_chipId_idx" ON "SearchRecord"("chipId");

-- CreateIndex
CREATE INDEX "SearchRecord_vendorId_idx" ON "SearchRecord"("vendorId");

-- CreateIndex
CREATE INDEX "SearchRecord_fundingRoundId_idx" ON "SearchRecord"("fundingRoundId");

-- CreateIndex
CREATE INDEX "SearchRecord_dealId_idx" ON "SearchRecord"("dealId");

-- CreateIndex
CREATE UNIQUE INDEX "SearchRecord_type_slug_key" ON "SearchRecord"("type", "slug");

-- CreateIndex
CREATE INDEX "SearchTerm_recordId_idx" ON "SearchTerm"("recordId");

-- CreateIndex
CREATE INDEX "FundingTotal_grouping_usdHigh_usdLow_slug_vendorId_idx" ON "FundingTotal"("grouping", "usdHigh" DESC, "usdLow" DESC, "slug", "vendorId");

-- CreateIndex
CREATE INDEX "FundingTotal_vendorId_idx" ON "FundingTotal"("vendorId");

-- CreateIndex
CREATE INDEX "ChipTotal_grouping_chipCount_slug_vendorId_idx" ON "ChipTotal"("grouping", "chipCount" DESC, "slug", "vendorId");

-- CreateIndex
CREATE INDEX "ChipTotal_vendorId_idx" ON "ChipTotal"("vendorId");

-- CreateIndex
CREATE INDEX "_SourceToVendor_B_index" ON "_SourceToVendor"("B");

-- CreateIndex
CREATE INDEX "_ChipToSource_B_index" ON "_ChipToSource"("B");

-- CreateIndex
CREATE INDEX "_RoundInvestors_B_index" ON "_RoundInvestors"("B");

-- CreateIndex
CREATE INDEX "_FundingRoundToSource_B_index" ON "_FundingRoundToSource"("B");

-- CreateIndex
CREATE INDEX "_DealToSource_B_index" ON "_DealToSource"("B");

-- AddForeignKey
ALTER TABLE "Vendor" ADD CONSTRAINT "Vendor_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Chip" ADD CONSTRAINT "Chip_designerId_fkey" FOREIGN KEY ("designerId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipPartner" ADD CONSTRAINT "ChipPartner_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipPartner" ADD CONSTRAINT "ChipPartner_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipPartner" ADD CONSTRAINT "ChipPartner_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipSpec" ADD CONSTRAINT "ChipSpec_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipSpec" ADD CONSTRAINT "ChipSpec_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipDeployment" ADD CONSTRAINT "ChipDeployment_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipDeployment" ADD CONSTRAINT "ChipDeployment_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipDeployment" ADD CONSTRAINT "ChipDeployment_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingRound" ADD CONSTRAINT "FundingRound_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingRound" ADD CONSTRAINT "FundingRound_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealParty" ADD CONSTRAINT "DealParty_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealParty" ADD CONSTRAINT "DealParty_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "CurrencyRate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "ChipDeployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_fundingRoundId_fkey" FOREIGN KEY ("fundingRoundId") REFERENCES "FundingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEventVendor" ADD CONSTRAINT "TimelineEventVendor_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "TimelineEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEventVendor" ADD CONSTRAINT "TimelineEventVendor_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GraphEdge" ADD CONSTRAINT "GraphEdge_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GraphEdge" ADD CONSTRAINT "GraphEdge_fundingRoundId_fkey" FOREIGN KEY ("fundingRoundId") REFERENCES "FundingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GraphEdge" ADD CONSTRAINT "GraphEdge_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_fundingRoundId_fkey" FOREIGN KEY ("fundingRoundId") REFERENCES "FundingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchTerm" ADD CONSTRAINT "SearchTerm_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "SearchRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingTotal" ADD CONSTRAINT "FundingTotal_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingCurrencyTotal" ADD CONSTRAINT "FundingCurrencyTotal_totalId_fkey" FOREIGN KEY ("totalId") REFERENCES "FundingTotal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChipTotal" ADD CONSTRAINT "ChipTotal_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SourceToVendor" ADD CONSTRAINT "_SourceToVendor_A_fkey" FOREIGN KEY ("A") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SourceToVendor" ADD CONSTRAINT "_SourceToVendor_B_fkey" FOREIGN KEY ("B") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ChipToSource" ADD CONSTRAINT "_ChipToSource_A_fkey" FOREIGN KEY ("A") REFERENCES "Chip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ChipToSource" ADD CONSTRAINT "_ChipToSource_B_fkey" FOREIGN KEY ("B") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_RoundInvestors" ADD CONSTRAINT "_RoundInvestors_A_fkey" FOREIGN KEY ("A") REFERENCES "FundingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_RoundInvestors" ADD CONSTRAINT "_RoundInvestors_B_fkey" FOREIGN KEY ("B") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_FundingRoundToSource" ADD CONSTRAINT "_FundingRoundToSource_A_fkey" FOREIGN KEY ("A") REFERENCES "FundingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_FundingRoundToSource" ADD CONSTRAINT "_FundingRoundToSource_B_fkey" FOREIGN KEY ("B") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_DealToSource" ADD CONSTRAINT "_DealToSource_A_fkey" FOREIGN KEY ("A") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_DealToSource" ADD CONSTRAINT "_DealToSource_B_fkey" FOREIGN KEY ("B") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Substring search over the search terms, Korean included: trigram indexes (pg_trgm, in PostgreSQL's contrib) that
-- `strpos` and `LIKE '%…%'` conditions use, the PostgreSQL counterpart of SQLite's FTS5 trigram table. Written to
-- by nothing but the table itself, so no trigger keeps it in step.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "SearchTerm_text_trgm_idx" ON "SearchTerm" USING gin ("text" gin_trgm_ops);

CREATE INDEX "SearchTerm_loose_trgm_idx" ON "SearchTerm" USING gin ("loose" gin_trgm_ops);
