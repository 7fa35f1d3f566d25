-- Documents' texts get a search index of their own: in the names' index (SearchTerm) their trigrams made every name
-- search and list filter read far longer posting lists (measured at 100×: record search p99 38 → 136 ms). The rows
-- are written by the application (src/search/derive.ts); a database migrated here is rebuilt at startup
-- (DERIVED_VERSION 6), which moves every document's text here.

-- CreateTable
CREATE TABLE "SearchText" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recordId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "SearchText_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "SearchRecord" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SearchText_recordId_key" ON "SearchText"("recordId");

-- Substring search over the texts, as over the terms: an FTS5 trigram table over SearchText's own rows (external
-- content), kept in step by triggers whoever writes (the write path, a rebuild, a foreign-key cascade).
CREATE VIRTUAL TABLE "SearchTextTrigram" USING fts5("text", content = 'SearchText', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER "SearchText_after_insert" AFTER INSERT ON "SearchText" BEGIN
  INSERT INTO "SearchTextTrigram" ("rowid", "text") VALUES (new."id", new."text");
END;

CREATE TRIGGER "SearchText_after_delete" AFTER DELETE ON "SearchText" BEGIN
  INSERT INTO "SearchTextTrigram" ("SearchTextTrigram", "rowid", "text") VALUES ('delete', old."id", old."text");
END;

CREATE TRIGGER "SearchText_after_update" AFTER UPDATE ON "SearchText" BEGIN
  INSERT INTO "SearchTextTrigram" ("SearchTextTrigram", "rowid", "text") VALUES ('delete', old."id", old."text");
  INSERT INTO "SearchTextTrigram" ("rowid", "text") VALUES (new."id", new."text");
END;

-- The texts the previous migration's rules put among the terms; the rebuild writes them here.
DELETE FROM "SearchTerm" WHERE "field" = 'text';
