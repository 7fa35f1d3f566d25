-- Search covers documents: a document's title and its whole text are search terms of its own SearchRecord. The
-- rows themselves are written by the application (src/search/derive.ts), which folds text as search does: a
-- database migrated here is rebuilt at startup (DERIVED_VERSION 5), documents' entries included.

-- AlterTable
ALTER TABLE "SearchRecord" ADD COLUMN "documentId" INTEGER REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "SearchRecord_documentId_idx" ON "SearchRecord"("documentId");
