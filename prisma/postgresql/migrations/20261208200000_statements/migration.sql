-- Statements: what a document says that no field of a record holds (a company's strategy, the market as a whole),
-- each with its passages. The seed adds the article's; a database migrated here gets them on its next seed.

-- CreateTable
CREATE TABLE "Statement" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "about" TEXT NOT NULL,
    "vendorId" INTEGER,
    "chipId" INTEGER,
    "topic" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "curated" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_SourceToStatement" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_SourceToStatement_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Statement_slug_key" ON "Statement"("slug");

-- CreateIndex
CREATE INDEX "Statement_vendorId_idx" ON "Statement"("vendorId");

-- CreateIndex
CREATE INDEX "Statement_chipId_idx" ON "Statement"("chipId");

-- CreateIndex
CREATE INDEX "_SourceToStatement_B_index" ON "_SourceToStatement"("B");

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_chipId_fkey" FOREIGN KEY ("chipId") REFERENCES "Chip"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SourceToStatement" ADD CONSTRAINT "_SourceToStatement_A_fkey" FOREIGN KEY ("A") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SourceToStatement" ADD CONSTRAINT "_SourceToStatement_B_fkey" FOREIGN KEY ("B") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
