-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "partnerTenantId" TEXT NOT NULL,
    "spacesTenantId" TEXT,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "activationRefId" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "parentId" TEXT,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "mapId" TEXT,
    "capacity" INTEGER,
    "targetCapacity" INTEGER,
    "polygon" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MapImage" (
    "mapId" TEXT NOT NULL,
    "imageWidth" INTEGER NOT NULL,
    "imageHeight" INTEGER NOT NULL,
    "widthFt" DOUBLE PRECISION,
    "lengthFt" DOUBLE PRECISION,
    "contentType" TEXT NOT NULL,
    "etag" TEXT,
    "bytes" BYTEA NOT NULL,
    "calibration" TEXT,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MapImage_pkey" PRIMARY KEY ("mapId")
);

-- CreateTable
CREATE TABLE "OccupancySample" (
    "locationId" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "label" TEXT,
    "min" INTEGER NOT NULL,
    "max" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "OccupancySample_pkey" PRIMARY KEY ("locationId","bucket","source")
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "activationId" TEXT NOT NULL,
    "recordTimestamp" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Checkpoint_pkey" PRIMARY KEY ("activationId")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'viewer',
    "tenantId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tenantId" TEXT,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthCode" (
    "codeHash" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "partnerTenantId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "OAuthCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "UsedLaunchToken" (
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsedLaunchToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "KioskToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "theme" TEXT NOT NULL DEFAULT 'dark',
    "rotateSec" INTEGER NOT NULL DEFAULT 15,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "KioskToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PositionSample" (
    "locationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "points" TEXT NOT NULL,

    CONSTRAINT "PositionSample_pkey" PRIMARY KEY ("locationId","at")
);

-- CreateTable
CREATE TABLE "HealthCheck" (
    "id" SERIAL NOT NULL,
    "component" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "HealthCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "clearedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Activation" ADD CONSTRAINT "Activation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkpoint" ADD CONSTRAINT "Checkpoint_activationId_fkey" FOREIGN KEY ("activationId") REFERENCES "Activation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KioskToken" ADD CONSTRAINT "KioskToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
