import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261123002716 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_review_request" drop constraint if exists "engagement_review_request_order_id_unique";`
    )
    this.addSql(
      `alter table if exists "engagement_delivery" drop constraint if exists "engagement_delivery_idempotency_key_unique";`
    )
    this.addSql(
      `alter table if exists "engagement_contact_profile" drop constraint if exists "engagement_contact_profile_customer_id_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_consent" ("id" text not null, "customer_id" text not null, "purpose" text not null, "channel" text null, "value" text check ("value" in ('False', 'AwaitingConfirmation', 'True')) not null, "source" text check ("source" in ('checkout', 'storefront', 'admin', 'email_link', 'platform', 'import')) not null, "recorded_at" timestamptz not null, "actor_type" text null, "actor_id" text null, "ip" text null, "user_agent" text null, "wording" text null, "info" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_consent_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_consent_deleted_at" ON "engagement_consent" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_consent_customer_id_purpose_recorded_at" ON "engagement_consent" ("customer_id", "purpose", "recorded_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "engagement_contact_profile" ("id" text not null, "customer_id" text not null, "email" text null, "phone" text null, "crm_id" text null, "first_name" text null, "last_name" text null, "external_ids" jsonb not null default '{}', "custom_attributes" jsonb not null default '{}', "sync_status" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_contact_profile_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_contact_profile_deleted_at" ON "engagement_contact_profile" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_contact_profile_customer_id_unique" ON "engagement_contact_profile" ("customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_contact_profile_email" ON "engagement_contact_profile" ("email") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_contact_profile_phone" ON "engagement_contact_profile" ("phone") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_contact_profile_crm_id" ON "engagement_contact_profile" ("crm_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "engagement_delivery" ("id" text not null, "platform" text not null, "operation" text not null, "payload" jsonb not null, "idempotency_key" text not null, "status" text check ("status" in ('pending', 'sending', 'delivered', 'failed', 'dead')) not null default 'pending', "attempts" integer not null default 0, "max_attempts" integer not null, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "last_error" text null, "response_status" integer null, "response_summary" jsonb null, "external_id" text null, "customer_id" text null, "order_id" text null, "subject_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_delivery_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_deleted_at" ON "engagement_delivery" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_delivery_idempotency_key_unique" ON "engagement_delivery" ("idempotency_key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_status_next_attempt_at" ON "engagement_delivery" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_customer_id" ON "engagement_delivery" ("customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_order_id" ON "engagement_delivery" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_subject_id" ON "engagement_delivery" ("subject_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_platform_status" ON "engagement_delivery" ("platform", "status") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "engagement_review_request" ("id" text not null, "order_id" text not null, "customer_id" text null, "email" text null, "status" text check ("status" in ('scheduled', 'sent', 'canceled', 'skipped', 'failed')) not null default 'scheduled', "trigger" text check ("trigger" in ('placed', 'fulfilled', 'shipped', 'delivered')) not null default 'placed', "send_at" timestamptz null, "sent_at" timestamptz null, "locked_until" timestamptz null, "channel" text null, "external_id" text null, "delivery_id" text null, "reason" text null, "purchases" jsonb null, "excluded_items" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_review_request_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_request_deleted_at" ON "engagement_review_request" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_review_request_order_id_unique" ON "engagement_review_request" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_request_status_send_at" ON "engagement_review_request" ("status", "send_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_request_customer_id" ON "engagement_review_request" ("customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_request_delivery_id" ON "engagement_review_request" ("delivery_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_consent" cascade;`)

    this.addSql(`drop table if exists "engagement_contact_profile" cascade;`)

    this.addSql(`drop table if exists "engagement_delivery" cascade;`)

    this.addSql(`drop table if exists "engagement_review_request" cascade;`)
  }
}
