-- Search covers documents: a document's title and its whole text are search terms of its own SearchRecord, found
-- through the trigram indexes SearchTerm already has. The rows are written by the application (src/search/derive.ts);
-- a database migrated here is rebuilt at startup (DERIVED_VERSION 5), documents' entries included.

-- AlterTable
ALTER TABLE "SearchRecord" ADD COLUMN "documentId" INTEGER;

-- CreateIndex
CREATE INDEX "SearchRecord_documentId_idx" ON "SearchRecord"("documentId");

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
