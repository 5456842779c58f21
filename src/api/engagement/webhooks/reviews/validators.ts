import { z } from "@medusajs/framework/zod"
import { identifier } from "../../../utils/validation"

/** A published review: the order and line, or the customer and product. */
export const ReviewWebhookBody = z
  .object({
    order_id: identifier().optional(),
    line_item_id: identifier().optional(),
    customer_id: identifier().optional(),
    product_id: identifier().optional(),
    /** the platform's id of the review, kept for the record */
    review_id: identifier().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const byLine = !!body.order_id && !!body.line_item_id
    const byProduct = !!body.customer_id && !!body.product_id
    if (!byLine && !byProduct) {
      ctx.addIssue({
        code: "custom",
        path: [body.order_id ? "line_item_id" : body.customer_id ? "product_id" : "order_id"],
        message:
          "name the order and line (order_id, line_item_id) or the customer and product (customer_id, product_id)",
      })
    }
  })

export type ReviewWebhookBodyType = z.infer<typeof ReviewWebhookBody>
