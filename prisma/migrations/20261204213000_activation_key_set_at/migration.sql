-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Activation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "activationRefId" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKey" TEXT NOT NULL,
    "keySetAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Activation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- A key stored before this column: first stored with its activation.
INSERT INTO "new_Activation" ("activationRefId", "apiKey", "appId", "baseUrl", "createdAt", "id", "keySetAt", "kind", "status", "statusMessage", "tenantId", "updatedAt") SELECT "activationRefId", "apiKey", "appId", "baseUrl", "createdAt", "id", "createdAt", "kind", "status", "statusMessage", "tenantId", "updatedAt" FROM "Activation";
DROP TABLE "Activation";
ALTER TABLE "new_Activation" RENAME TO "Activation";
CREATE UNIQUE INDEX "Activation_activationRefId_key" ON "Activation"("activationRefId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

