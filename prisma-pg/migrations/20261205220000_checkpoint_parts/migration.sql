-- CreateTable
CREATE TABLE "CheckpointPart" (
    "activationId" TEXT NOT NULL,
    "idx" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "CheckpointPart_pkey" PRIMARY KEY ("activationId","idx")
);

-- AddForeignKey
ALTER TABLE "CheckpointPart" ADD CONSTRAINT "CheckpointPart_activationId_fkey" FOREIGN KEY ("activationId") REFERENCES "Activation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

