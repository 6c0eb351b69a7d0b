-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "timeZone" TEXT;
