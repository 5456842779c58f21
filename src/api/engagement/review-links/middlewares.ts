import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateQuery } from "../../utils/validation"

/** The tracked review link: the signed token in the path is the only input. */
export const reviewLinkRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/engagement/review-links/:token", middlewares: [validateQuery(NoQuery)] },
]
