-- CreateTable
CREATE TABLE "SearchRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "SearchRecord_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SearchRecord_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SearchRecord_fundingRoundId_fkey" FOREIGN KEY ("fundingRoundId") REFERENCES "FundingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SearchRecord_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchTerm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recordId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "loose" TEXT NOT NULL,
    CONSTRAINT "SearchTerm_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "SearchRecord" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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


-- Substring search over the terms, Korean included: an FTS5 table with the trigram tokenizer (any run of three or
-- more characters is found through the index), over SearchTerm's own rows (external content, no second copy of
-- the text). Prisma cannot declare it, so it lives here only; the triggers keep it in step with every insert and
-- delete of a term, whoever makes them (the write path, a rebuild, a foreign-key cascade).
CREATE VIRTUAL TABLE "SearchTermTrigram" USING fts5("text", "loose", content = 'SearchTerm', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER "SearchTerm_after_insert" AFTER INSERT ON "SearchTerm" BEGIN
  INSERT INTO "SearchTermTrigram" ("rowid", "text", "loose") VALUES (new."id", new."text", new."loose");
END;

CREATE TRIGGER "SearchTerm_after_delete" AFTER DELETE ON "SearchTerm" BEGIN
  INSERT INTO "SearchTermTrigram" ("SearchTermTrigram", "rowid", "text", "loose") VALUES ('delete', old."id", old."text", old."loose");
END;

CREATE TRIGGER "SearchTerm_after_update" AFTER UPDATE ON "SearchTerm" BEGIN
  INSERT INTO "SearchTermTrigram" ("SearchTermTrigram", "rowid", "text", "loose") VALUES ('delete', old."id", old."text", old."loose");
  INSERT INTO "SearchTermTrigram" ("rowid", "text", "loose") VALUES (new."id", new."text", new."loose");
END;
