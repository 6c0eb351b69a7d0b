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
    "targetCapacity" INTEGER,
    "polygon" TEXT,
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
    "calibration" TEXT,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OccupancySample" (
    "locationId" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "label" TEXT,
    "min" INTEGER NOT NULL,
    "max" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "seconds" REAL NOT NULL,

    PRIMARY KEY ("locationId", "bucket", "source")
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "activationId" TEXT NOT NULL PRIMARY KEY,
    "recordTimestamp" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Checkpoint_activationId_fkey" FOREIGN KEY ("activationId") REFERENCES "Activation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'viewer',
    "tenantId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tenantId" TEXT,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OAuthCode" (
    "codeHash" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "partnerTenantId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "UsedLaunchToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KioskToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "theme" TEXT NOT NULL DEFAULT 'dark',
    "rotateSec" INTEGER NOT NULL DEFAULT 15,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "KioskToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PositionSample" (
    "locationId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "points" TEXT NOT NULL,

    PRIMARY KEY ("locationId", "at")
);

-- CreateTable
CREATE TABLE "HealthCheck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "component" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "clearedAt" DATETIME,
    "deliveredAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_partnerTenantId_key" ON "Tenant"("partnerTenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Activation_activationRefId_key" ON "Activation"("activationRefId");

-- CreateIndex
CREATE INDEX "Location_tenantId_parentId_idx" ON "Location"("tenantId", "parentId");

-- CreateIndex
CREATE INDEX "OccupancySample_bucket_idx" ON "OccupancySample"("bucket");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "KioskToken_tokenHash_key" ON "KioskToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PositionSample_at_idx" ON "PositionSample"("at");

-- CreateIndex
CREATE INDEX "HealthCheck_component_at_idx" ON "HealthCheck"("component", "at");

-- CreateIndex
CREATE INDEX "Alert_tenantId_at_idx" ON "Alert"("tenantId", "at");
