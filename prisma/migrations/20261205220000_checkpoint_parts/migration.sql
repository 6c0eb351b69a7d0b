-- CreateTable
CREATE TABLE "CheckpointPart" (
    "activationId" TEXT NOT NULL,
    "idx" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    PRIMARY KEY ("activationId", "idx"),
    CONSTRAINT "CheckpointPart_activationId_fkey" FOREIGN KEY ("activationId") REFERENCES "Activation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

