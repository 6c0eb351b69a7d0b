-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerTenantId" TEXT NOT NULL,
    "spacesTenantId" TEXT,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Activation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "activationRefId" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Activation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "parentId" TEXT,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "mapId" TEXT,
    "capacity" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Location_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MapImage" (
    "mapId" TEXT NOT NULL PRIMARY KEY,
    "imageWidth" INTEGER NOT NULL,
    "imageHeight" INTEGER NOT NULL,
    "widthFt" REAL,
    "lengthFt" REAL,
    "contentType" TEXT NOT NULL,
    "etag" TEXT,
    "bytes" BLOB NOT NULL,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OccupancySample" (
    "locationId" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "min" INTEGER NOT NULL,
    "max" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "seconds" REAL NOT NULL,

    PRIMARY KEY ("locationId", "bucket")
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "activationId" TEXT NOT NULL PRIMARY KEY,
    "recordTimestamp" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Checkpoint_activationId_fkey" FOREIGN KEY ("activationId") REFERENCES "Activation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_partnerTenantId_key" ON "Tenant"("partnerTenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Activation_activationRefId_key" ON "Activation"("activationRefId");

-- CreateIndex
CREATE INDEX "Location_tenantId_parentId_idx" ON "Location"("tenantId", "parentId");

-- CreateIndex
CREATE INDEX "OccupancySample_bucket_idx" ON "OccupancySample"("bucket");
