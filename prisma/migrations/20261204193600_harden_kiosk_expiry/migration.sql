-- AlterTable
ALTER TABLE "KioskToken" ADD COLUMN "expiresAt" DATETIME;
