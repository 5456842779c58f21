import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// the transactions page filtered by type: each type's rows of a customer newest first, read from
// the end of this index (ledger/typed-page.ts), however many rows of other types the account has
export class Migration20261207060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_customer_id_type_created_at_id"
      ON "loyalty_transaction" ("customer_id", "type", "created_at", "id") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_loyalty_transaction_customer_id_type_created_at_id";`)
  }
}
