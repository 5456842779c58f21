import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130130004 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "loyalty_referral_invitation" drop constraint if exists "loyalty_referral_invitation_advocate_customer_id_email_unique";`
    )
    this.addSql(
      `alter table if exists "loyalty_referral_code" drop constraint if exists "loyalty_referral_code_code_unique";`
    )
    this.addSql(
      `alter table if exists "loyalty_referral_code" drop constraint if exists "loyalty_referral_code_customer_id_unique";`
    )
    this.addSql(
      `alter table if exists "loyalty_referral" drop constraint if exists "loyalty_referral_referee_customer_id_unique";`
    )
    this.addSql(
      `create table if not exists "loyalty_referral" ("id" text not null, "code" text not null, "advocate_customer_id" text not null, "referee_customer_id" text not null, "referee_email" text not null, "status" text check ("status" in ('claimed', 'awarded', 'reversed', 'refused')) not null, "refusal_reason" text null, "order_id" text null, "awarded_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_referral_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_deleted_at" ON "loyalty_referral" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_referral_referee_customer_id_unique" ON "loyalty_referral" ("referee_customer_id") WHERE status != 'refused' AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_referee_email" ON "loyalty_referral" ("referee_email") WHERE status != 'refused' AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_advocate_customer_id_created_at" ON "loyalty_referral" ("advocate_customer_id", "created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_order_id" ON "loyalty_referral" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "loyalty_referral_code" ("id" text not null, "customer_id" text not null, "code" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_referral_code_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_code_deleted_at" ON "loyalty_referral_code" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_referral_code_customer_id_unique" ON "loyalty_referral_code" ("customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_referral_code_code_unique" ON "loyalty_referral_code" ("code") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "loyalty_referral_invitation" ("id" text not null, "advocate_customer_id" text not null, "email" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_referral_invitation_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_invitation_deleted_at" ON "loyalty_referral_invitation" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_referral_invitation_advocate_customer_id_email_unique" ON "loyalty_referral_invitation" ("advocate_customer_id", "email") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_referral" cascade;`)

    this.addSql(`drop table if exists "loyalty_referral_code" cascade;`)

    this.addSql(`drop table if exists "loyalty_referral_invitation" cascade;`)
  }
}
