-- Webhook subscriptions and their delivery log.
CREATE TABLE "WebhookSubscription" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "eventTypes" JSONB NOT NULL DEFAULT '[]',
    "organisationId" UUID,
    "ownerKeyId" TEXT,
    "contactEmail" TEXT NOT NULL,
    "secrets" JSONB NOT NULL,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "disabledReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),
    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "WebhookDelivery" (
    "id" BIGSERIAL NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WebhookDelivery_subscriptionId_at_idx" ON "WebhookDelivery"("subscriptionId", "at");
CREATE INDEX "WebhookDelivery_subscriptionId_eventId_idx" ON "WebhookDelivery"("subscriptionId", "eventId");
