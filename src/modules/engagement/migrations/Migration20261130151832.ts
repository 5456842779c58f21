import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130151832 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_review_webhook_receipt" drop constraint if exists "engagement_review_webhook_receipt_signature_unique";`
    )
    this.addSql(
      `alter table if exists "engagement_review_contact" drop constraint if exists "engagement_review_contact_review_request_id_round_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_review_contact" ("id" text not null, "review_request_id" text not null, "customer_key" text not null, "round" integer not null, "channel" text not null, "product_ids" jsonb null, "sent_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_review_contact_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_contact_deleted_at" ON "engagement_review_contact" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_review_contact_review_request_id_round_unique" ON "engagement_review_contact" ("review_request_id", "round") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_contact_customer_key_sent_at" ON "engagement_review_contact" ("customer_key", "sent_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "engagement_review_webhook_receipt" ("id" text not null, "signature" text not null, "order_id" text null, "line_item_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_review_webhook_receipt_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_webhook_receipt_deleted_at" ON "engagement_review_webhook_receipt" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_review_webhook_receipt_signature_unique" ON "engagement_review_webhook_receipt" ("signature") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "engagement_review_request" add column if not exists "delay_seconds" integer null, add column if not exists "reminders_sent" integer not null default 0, add column if not exists "next_reminder_at" timestamptz null, add column if not exists "clicked_at" timestamptz null;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_request_status_next_reminder_at" ON "engagement_review_request" ("status", "next_reminder_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_review_contact" cascade;`)

    this.addSql(`drop table if exists "engagement_review_webhook_receipt" cascade;`)

    this.addSql(`drop index if exists "IDX_engagement_review_request_status_next_reminder_at";`)
    this.addSql(
      `alter table if exists "engagement_review_request" drop column if exists "delay_seconds", drop column if exists "reminders_sent", drop column if exists "next_reminder_at", drop column if exists "clicked_at";`
    )
  }
}
