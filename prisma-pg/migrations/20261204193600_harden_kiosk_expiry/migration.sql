-- AlterTable
ALTER TABLE "KioskToken" ADD COLUMN     "expiresAt" TIMESTAMP(3);
