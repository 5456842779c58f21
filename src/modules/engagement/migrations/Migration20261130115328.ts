import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130115328 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_consent_confirmation" drop constraint if exists "engagement_consent_confirmation_request_id_round_unique";`
    )
    this.addSql(
      `alter table if exists "engagement_checkout" drop constraint if exists "engagement_checkout_order_id_unique";`
    )
    this.addSql(
      `alter table if exists "engagement_checkout" drop constraint if exists "engagement_checkout_cart_id_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_checkout" ("id" text not null, "cart_id" text null, "order_id" text null, "signed_in_customer_id" text null, "consents" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_checkout_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_checkout_deleted_at" ON "engagement_checkout" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_checkout_cart_id_unique" ON "engagement_checkout" ("cart_id") WHERE cart_id IS NOT NULL AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_checkout_order_id_unique" ON "engagement_checkout" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "engagement_consent_confirmation" ("id" text not null, "request_id" text not null, "customer_id" text not null, "purpose" text not null, "round" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_consent_confirmation_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_consent_confirmation_deleted_at" ON "engagement_consent_confirmation" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_consent_confirmation_request_id_round_unique" ON "engagement_consent_confirmation" ("request_id", "round") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_checkout" cascade;`)

    this.addSql(`drop table if exists "engagement_consent_confirmation" cascade;`)
  }
}
