import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206155016 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "loyalty_scheme_attempt" ("id" text not null, "kind" text check ("kind" in ('try', 'send')) not null, "customer_id" text not null, "scheme_id" text not null, "email" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_scheme_attempt_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_scheme_attempt_deleted_at" ON "loyalty_scheme_attempt" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_scheme_attempt_customer_id_scheme_id_kind_created_at" ON "loyalty_scheme_attempt" ("customer_id", "scheme_id", "kind", "created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_scheme_attempt_email_kind_created_at" ON "loyalty_scheme_attempt" ("email", "kind", "created_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_scheme_attempt" cascade;`)
  }
}
