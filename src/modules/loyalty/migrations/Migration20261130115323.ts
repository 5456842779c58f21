import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130115323 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "loyalty_transaction" drop constraint if exists "loyalty_transaction_idempotency_key_unique";`
    )
    this.addSql(
      `alter table if exists "loyalty_account" drop constraint if exists "loyalty_account_customer_id_unique";`
    )
    this.addSql(
      `create table if not exists "loyalty_account" ("id" text not null, "customer_id" text not null, "balance" integer not null default 0, "pending" integer not null default 0, "reserved" integer not null default 0, "debt" integer not null default 0, "lifetime_points" integer not null default 0, "period_points" integer not null default 0, "total_earned" integer not null default 0, "total_redeemed" integer not null default 0, "tier_id" text null, "tier_reached_at" timestamptz null, "spending_blocked" boolean not null default false, "blocked_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_account_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_deleted_at" ON "loyalty_account" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_account_customer_id_unique" ON "loyalty_account" ("customer_id") WHERE deleted_at IS NULL;`
    )
    // the stored figures can never go below zero, whatever a caller does
    this.addSql(
      `alter table "loyalty_account" add constraint "loyalty_account_points_not_negative" check ("balance" >= 0 and "pending" >= 0 and "reserved" >= 0 and "debt" >= 0);`
    )

    this.addSql(
      `create table if not exists "loyalty_allocation" ("id" text not null, "debit_id" text not null, "lot_id" text not null, "points" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_allocation_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_allocation_deleted_at" ON "loyalty_allocation" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_allocation_debit_id" ON "loyalty_allocation" ("debit_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_allocation_lot_id" ON "loyalty_allocation" ("lot_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "loyalty_transaction" ("id" text not null, "account_id" text not null, "customer_id" text not null, "type" text check ("type" in ('earn', 'redeem', 'expire', 'reverse', 'restore', 'adjust', 'referral', 'scheme_bonus', 'debt_repayment')) not null, "points" integer not null, "debt_change" integer not null default 0, "written_off" integer not null default 0, "idempotency_key" text not null, "order_id" text null, "line_item_id" text null, "reason" text null, "actor_type" text null, "actor_id" text null, "rate" jsonb null, "lot_state" text check ("lot_state" in ('pending', 'available', 'expired')) null, "lot_remaining" integer null, "available_at" timestamptz null, "expires_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_transaction_pkey" primary key ("id"));`
    )
    this.addSql(
      `alter table "loyalty_transaction" add constraint "loyalty_transaction_lot_not_negative" check ("lot_remaining" is null or "lot_remaining" >= 0);`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_deleted_at" ON "loyalty_transaction" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_transaction_idempotency_key_unique" ON "loyalty_transaction" ("idempotency_key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_account_id_created_at" ON "loyalty_transaction" ("account_id", "created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_order_id" ON "loyalty_transaction" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_account_id_lot_state_expires_at" ON "loyalty_transaction" ("account_id", "lot_state", "expires_at") WHERE lot_remaining > 0 AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_lot_state_expires_at" ON "loyalty_transaction" ("lot_state", "expires_at") WHERE lot_remaining > 0 AND deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_account" cascade;`)

    this.addSql(`drop table if exists "loyalty_allocation" cascade;`)

    this.addSql(`drop table if exists "loyalty_transaction" cascade;`)
  }
}
