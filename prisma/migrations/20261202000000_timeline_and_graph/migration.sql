-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "TimelineEvent_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimelineEvent_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimelineEvent_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "ChipDeployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimelineEvent_fundingRoundId_fkey" FOREIGN KEY ("fundingRoundId") REFERENCES "FundingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimelineEvent_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEventVendor" (
    "eventId" INTEGER NOT NULL,
    "vendorId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("eventId", "vendorId"),
    CONSTRAINT "TimelineEventVendor_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "TimelineEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimelineEventVendor_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GraphEdge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "GraphEdge_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GraphEdge_fundingRoundId_fkey" FOREIGN KEY ("fundingRoundId") REFERENCES "FundingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GraphEdge_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DerivedState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL
);

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

