import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// the admin's charts: the programme's points issued, redeemed and expired per week
export class Migration20261206230001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_created_at" ON "loyalty_transaction" ("created_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_transaction_created_at";`)
  }
}
