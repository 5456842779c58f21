import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Per-account aggregates of the ledger, so an account's summary and its transactions page read a
 * bounded number of rows however long its history (issue 28):
 * - `loyalty_account_expiry`: the points of its available lots by UTC day of expiry ('infinity':
 *   never), from which the expiry buckets are read;
 * - `loyalty_account_tier_week`: the points that count for tiers (earn, referral, scheme_bonus
 *   rows no longer pending) by UTC week of the row, from which the rolling window is read;
 * - `loyalty_account_row_count`: its ledger rows by type, the transactions page's count.
 * A trigger keeps them, in the writer's transaction, on every insert and every change of a lot's
 * state or points: every writer of the ledger holds the account's row lock (ledger/post-entries.ts),
 * so the aggregates change under it too, and no write path can forget them. The verify command
 * recomputes them from the ledger (ledger/aggregates.ts). Ledger rows are never deleted (erasure
 * anonymises them), so a DELETE is not followed: a deleted row would show in the verify command.
 * The collected types are also COLLECTED_TYPES in types.ts: change both together.
 */
export class Migration20261207021500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS "loyalty_account_expiry" (
      "account_id" text NOT NULL, "expires_on" date NOT NULL, "points" integer NOT NULL,
      CONSTRAINT "loyalty_account_expiry_pkey" PRIMARY KEY ("account_id", "expires_on"));`)
    this.addSql(`CREATE TABLE IF NOT EXISTS "loyalty_account_tier_week" (
      "account_id" text NOT NULL, "week_start" date NOT NULL, "points" integer NOT NULL,
      CONSTRAINT "loyalty_account_tier_week_pkey" PRIMARY KEY ("account_id", "week_start"));`)
    this.addSql(`CREATE TABLE IF NOT EXISTS "loyalty_account_row_count" (
      "account_id" text NOT NULL, "type" text NOT NULL, "rows" integer NOT NULL,
      CONSTRAINT "loyalty_account_row_count_pkey" PRIMARY KEY ("account_id", "type"));`)
    // adds `points` to one aggregate row; a row back at 0 is removed, so an account's rows stay as
    // many as its open expiry days and window weeks, not its history
    this
      .addSql(`CREATE OR REPLACE FUNCTION loyalty_aggregate_add(p_table text, p_account text, p_key text, p_points integer)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_points integer;
      BEGIN
        IF p_points = 0 THEN
          RETURN;
        END IF;
        IF p_table = 'expiry' THEN
          INSERT INTO loyalty_account_expiry AS a (account_id, expires_on, points) VALUES (p_account, p_key::date, p_points)
          ON CONFLICT (account_id, expires_on) DO UPDATE SET points = a.points + EXCLUDED.points RETURNING a.points INTO v_points;
          IF v_points = 0 THEN
            DELETE FROM loyalty_account_expiry WHERE account_id = p_account AND expires_on = p_key::date;
          END IF;
        ELSIF p_table = 'tier_week' THEN
          INSERT INTO loyalty_account_tier_week AS a (account_id, week_start, points) VALUES (p_account, p_key::date, p_points)
          ON CONFLICT (account_id, week_start) DO UPDATE SET points = a.points + EXCLUDED.points RETURNING a.points INTO v_points;
          IF v_points = 0 THEN
            DELETE FROM loyalty_account_tier_week WHERE account_id = p_account AND week_start = p_key::date;
          END IF;
        ELSE
          INSERT INTO loyalty_account_row_count AS a (account_id, type, rows) VALUES (p_account, p_key, p_points)
          ON CONFLICT (account_id, type) DO UPDATE SET rows = a.rows + EXCLUDED.rows RETURNING a.rows INTO v_points;
          IF v_points = 0 THEN
            DELETE FROM loyalty_account_row_count WHERE account_id = p_account AND type = p_key;
          END IF;
        END IF;
      END $$;`)
    // what one ledger row adds to each aggregate: (key, points), null when it adds nothing
    this.addSql(`CREATE OR REPLACE FUNCTION loyalty_transaction_aggregates() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_expiry text; new_expiry text; old_week text; new_week text;
        old_expiry_points integer := 0; new_expiry_points integer := 0;
        old_week_points integer := 0; new_week_points integer := 0;
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NULL THEN
          IF OLD.lot_state = 'available' THEN
            old_expiry := COALESCE((OLD.expires_at AT TIME ZONE 'UTC')::date, 'infinity'::date)::text;
            old_expiry_points := COALESCE(OLD.lot_remaining, 0);
          END IF;
          IF OLD.type IN ('earn', 'referral', 'scheme_bonus') AND OLD.lot_state <> 'pending' THEN
            old_week := date_trunc('week', OLD.created_at AT TIME ZONE 'UTC')::date::text;
            old_week_points := OLD.points;
          END IF;
          PERFORM loyalty_aggregate_add('row_count', OLD.account_id, OLD.type::text, -1);
        END IF;
        IF NEW.deleted_at IS NULL THEN
          IF NEW.lot_state = 'available' THEN
            new_expiry := COALESCE((NEW.expires_at AT TIME ZONE 'UTC')::date, 'infinity'::date)::text;
            new_expiry_points := COALESCE(NEW.lot_remaining, 0);
          END IF;
          IF NEW.type IN ('earn', 'referral', 'scheme_bonus') AND NEW.lot_state <> 'pending' THEN
            new_week := date_trunc('week', NEW.created_at AT TIME ZONE 'UTC')::date::text;
            new_week_points := NEW.points;
          END IF;
          PERFORM loyalty_aggregate_add('row_count', NEW.account_id, NEW.type::text, 1);
        END IF;
        IF old_expiry IS NOT DISTINCT FROM new_expiry AND OLD.account_id IS NOT DISTINCT FROM NEW.account_id THEN
          PERFORM loyalty_aggregate_add('expiry', NEW.account_id, new_expiry, new_expiry_points - old_expiry_points);
        ELSE
          PERFORM loyalty_aggregate_add('expiry', OLD.account_id, old_expiry, -old_expiry_points);
          PERFORM loyalty_aggregate_add('expiry', NEW.account_id, new_expiry, new_expiry_points);
        END IF;
        IF old_week IS NOT DISTINCT FROM new_week AND OLD.account_id IS NOT DISTINCT FROM NEW.account_id THEN
          PERFORM loyalty_aggregate_add('tier_week', NEW.account_id, new_week, new_week_points - old_week_points);
        ELSE
          PERFORM loyalty_aggregate_add('tier_week', OLD.account_id, old_week, -old_week_points);
          PERFORM loyalty_aggregate_add('tier_week', NEW.account_id, new_week, new_week_points);
        END IF;
        RETURN NULL;
      END $$;`)
    this.addSql(`DROP TRIGGER IF EXISTS "loyalty_transaction_aggregates" ON "loyalty_transaction";`)
    // only the columns an aggregate reads: erasure's update of customer_id and reason does not fire it
    this.addSql(`CREATE TRIGGER "loyalty_transaction_aggregates"
      AFTER INSERT OR UPDATE OF account_id, type, points, lot_state, lot_remaining, expires_at, created_at, deleted_at
      ON "loyalty_transaction" FOR EACH ROW EXECUTE FUNCTION loyalty_transaction_aggregates();`)
    // the backfill, after the trigger and in the same transaction: the trigger's lock on the table
    // holds writers back until both are committed, so no row is counted twice or missed
    this.addSql(`DELETE FROM "loyalty_account_expiry";`)
    this.addSql(`DELETE FROM "loyalty_account_tier_week";`)
    this.addSql(`DELETE FROM "loyalty_account_row_count";`)
    this.addSql(`INSERT INTO "loyalty_account_expiry" (account_id, expires_on, points)
      SELECT account_id, COALESCE((expires_at AT TIME ZONE 'UTC')::date, 'infinity'::date), SUM(lot_remaining)
        FROM loyalty_transaction WHERE deleted_at IS NULL AND lot_state = 'available'
       GROUP BY 1, 2 HAVING SUM(lot_remaining) <> 0;`)
    this.addSql(`INSERT INTO "loyalty_account_tier_week" (account_id, week_start, points)
      SELECT account_id, date_trunc('week', created_at AT TIME ZONE 'UTC')::date, SUM(points)
        FROM loyalty_transaction
       WHERE deleted_at IS NULL AND type IN ('earn', 'referral', 'scheme_bonus') AND lot_state <> 'pending'
       GROUP BY 1, 2 HAVING SUM(points) <> 0;`)
    this.addSql(`INSERT INTO "loyalty_account_row_count" (account_id, type, rows)
      SELECT account_id, type, COUNT(*) FROM loyalty_transaction WHERE deleted_at IS NULL GROUP BY 1, 2;`)
    // the transactions page: a customer's rows newest first, read from the end of this index
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_transaction_customer_id_created_at_id"
      ON "loyalty_transaction" ("customer_id", "created_at", "id") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_loyalty_transaction_customer_id_created_at_id";`)
    this.addSql(`DROP TRIGGER IF EXISTS "loyalty_transaction_aggregates" ON "loyalty_transaction";`)
    this.addSql(`DROP FUNCTION IF EXISTS loyalty_transaction_aggregates();`)
    this.addSql(`DROP FUNCTION IF EXISTS loyalty_aggregate_add(text, text, text, integer);`)
    this.addSql(`DROP TABLE IF EXISTS "loyalty_account_row_count";`)
    this.addSql(`DROP TABLE IF EXISTS "loyalty_account_tier_week";`)
    this.addSql(`DROP TABLE IF EXISTS "loyalty_account_expiry";`)
  }
}
