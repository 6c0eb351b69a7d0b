-- AlterTable
ALTER TABLE "Activation" ADD COLUMN     "keySetAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- A key stored before this column: first stored with its activation.
UPDATE "Activation" SET "keySetAt" = "createdAt";
