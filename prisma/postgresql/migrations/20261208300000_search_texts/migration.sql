-- Documents' texts get a search index of their own: in the names' index (SearchTerm) their trigrams made every name
-- search and list filter read far longer posting lists. The rows are written by the application
-- (src/search/derive.ts); a database migrated here is rebuilt at startup (DERIVED_VERSION 6), which moves every
-- document's text here.

-- CreateTable
CREATE TABLE "SearchText" (
    "id" SERIAL NOT NULL,
    "recordId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "SearchText_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SearchText_recordId_key" ON "SearchText"("recordId");

-- AddForeignKey
ALTER TABLE "SearchText" ADD CONSTRAINT "SearchText_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "SearchRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Substring search over the texts (pg_trgm, as over the terms): answers `LIKE '%needle%'`.
CREATE INDEX "SearchText_text_trgm_idx" ON "SearchText" USING gin ("text" gin_trgm_ops);

-- The texts the previous migration's rules put among the terms; the rebuild writes them here.
DELETE FROM "SearchTerm" WHERE "field" = 'text';
