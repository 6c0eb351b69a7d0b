-- CreateTable
CREATE TABLE "DataGap" (
    "tenantId" TEXT NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataGap_pkey" PRIMARY KEY ("tenantId","from")
);
