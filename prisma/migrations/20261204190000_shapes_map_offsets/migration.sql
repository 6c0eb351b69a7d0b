-- AlterTable
ALTER TABLE "MapImage" ADD COLUMN "offsetXFt" REAL;
ALTER TABLE "MapImage" ADD COLUMN "offsetYFt" REAL;
