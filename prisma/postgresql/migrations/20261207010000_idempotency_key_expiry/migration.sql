-- Idempotency keys expire: the writes that store a key delete the keys older than the window, found by this index.

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");
