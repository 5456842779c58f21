import { model } from "@medusajs/framework/utils"
import { DELIVERY_STATUSES } from "../types"

/**
 * The durable outbox: one row per outbound call to an external platform.
 * A row is written before anything is sent, so a crash or an outage never loses a call,
 * and the unique idempotency key makes enqueuing the same call twice a no-op.
 */
const Delivery = model
  .define(
    { name: "Delivery", tableName: "engagement_delivery" },
    {
      id: model.id({ prefix: "engdel" }).primaryKey(),
      // the capability that wrote the row (DELIVERY_ORIGINS): who is told of its end
      origin: model.text(),
      platform: model.text().searchable(),
      operation: model.text(),
      payload: model.json(),
      idempotency_key: model.text(),
      status: model.enum([...DELIVERY_STATUSES]).default("pending"),
      attempts: model.number().default(0),
      max_attempts: model.number(),
      next_attempt_at: model.dateTime(),
      // a claim is a lease: a worker that dies mid-send gives its rows back when this passes
      locked_until: model.dateTime().nullable(),
      // an earlier attempt may have reached the platform without its answer reaching us (the worker
      // died mid-call, or the call timed out): a resend checks first where the platform allows it
      in_doubt: model.boolean().default(false),
      last_attempt_at: model.dateTime().nullable(),
      delivered_at: model.dateTime().nullable(),
      last_error: model.text().nullable(),
      response_status: model.number().nullable(),
      response_summary: model.json().nullable(),
      external_id: model.text().nullable(),
      customer_id: model.text().nullable(),
      order_id: model.text().nullable(),
      subject_id: model.text().nullable(),
      // under dry-run: the request as it would have been sent (method, url, headers with secrets masked, body)
      dry_run_request: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["idempotency_key"], unique: true },
    { on: ["order_id"] },
    { on: ["subject_id"] },
    // the claim: one platform's due rows in order, skipping the ones that wait for a retry. Only
    // rows waiting for an attempt are in it: a row claimed and answered adds no entry, and no
    // index without the platform can serve the claim's order, so the planner never walks other
    // platforms' waiting rows to find this one's (see Migration20261208000000)
    { on: ["platform", "next_attempt_at"], where: "status = 'pending' AND deleted_at IS NULL" },
    // the delivery log, newest first, and filtered by status, platform or customer
    { on: ["created_at", "id"] },
    { on: ["status", "created_at", "id"] },
    { on: ["platform", "created_at", "id"] },
    { on: ["customer_id", "created_at", "id"] },
    // a platform paused by a 429 (the row that waits out its Retry-After holds the pause), asked at every claim
    {
      on: ["platform", "locked_until"],
      where: "status = 'pending' AND locked_until IS NOT NULL AND deleted_at IS NULL",
    },
    // a platform's health: its most recently attempted rows (health.ts), asked by the admin's Platforms tab
    { on: ["platform", "last_attempt_at"], where: "last_attempt_at IS NOT NULL AND deleted_at IS NULL" },
  ])

export default Delivery
