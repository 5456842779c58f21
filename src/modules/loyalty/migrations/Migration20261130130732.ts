import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130130732 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "loyalty_scheme_verification" drop constraint if exists "loyalty_scheme_verification_customer_id_scheme_id_unique";`
    )
    this.addSql(
      `alter table if exists "loyalty_scheme_membership" drop constraint if exists "loyalty_scheme_membership_customer_id_scheme_id_unique";`
    )
    this.addSql(
      `create table if not exists "loyalty_scheme_membership" ("id" text not null, "customer_id" text not null, "scheme_id" text not null, "email" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_scheme_membership_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_scheme_membership_deleted_at" ON "loyalty_scheme_membership" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_scheme_membership_customer_id_scheme_id_unique" ON "loyalty_scheme_membership" ("customer_id", "scheme_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "loyalty_scheme_verification" ("id" text not null, "customer_id" text not null, "scheme_id" text not null, "email" text not null, "code_hash" text not null, "expires_at" timestamptz not null, "tries" integer not null default 0, "used_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_scheme_verification_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_scheme_verification_deleted_at" ON "loyalty_scheme_verification" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_scheme_verification_customer_id_scheme_id_unique" ON "loyalty_scheme_verification" ("customer_id", "scheme_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_scheme_membership" cascade;`)

    this.addSql(`drop table if exists "loyalty_scheme_verification" cascade;`)
  }
}
