import SparkMD5 from "spark-md5"
import { z } from "@medusajs/framework/zod"
import { headerViolations, StandIn, zodViolations } from "./stand-in"

export interface RecensusStandInConfig {
  merchantId: string
  token: string
  sharedSecret: string
}

const purchaseSchema = z
  .object({
    quantity: z.string().regex(/^[1-9]\d*$/, "a positive whole number as a string"),
    gtin: z.string(),
    mpn: z.string(),
    brand: z.string(),
    lang: z.string().regex(/^[a-z]{2}$/, "two-letter ISO language"),
    title: z.string().min(1),
    type: z.literal("P"),
  })
  .strict()
  .refine(
    (p) => (p.gtin !== "" && p.mpn !== "" && p.brand !== "") || p.gtin !== "" || (p.mpn !== "" && p.brand !== ""),
    "identifier combination must be GTIN+MPN+Brand, GTIN, or MPN+Brand"
  )

// ISO 8601 with an offset, as the API's "2012-12-12T16:00:00+0000"
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)$/

const bodySchema = z
  .object({
    data: z
      .object({
        merchant: z.string().min(1),
        customerFirstName: z.string(),
        customerLastName: z.string(),
        customerEmail: z.string().email(),
        purchaseDate: z.string().regex(isoWithOffset, "ISO 8601 date-time with offset"),
        purchases: z.array(purchaseSchema).min(1),
      })
      .strict(),
    signedRequest: z.object({ token: z.string().min(1), signature: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
  })
  .strict()

/**
 * Recensus Customer Contact API (Recensus' Customer Contact API): POST /merchant/{MERCHANTID}/customer-contact-request,
 * JSON headers, signature = MD5(verb + request URL + shared secret). Answers 201 with the CCR,
 * 400 for a malformed call, 403 when the token is not the merchant's.
 */
export function createRecensusStandIn(config: RecensusStandInConfig): StandIn {
  return new StandIn("recensus", [
    {
      name: "customer-contact-request",
      method: "POST",
      path: /^\/merchant\/(?<merchant>[^/]+)\/customer-contact-request$/,
      check(request) {
        const violations = [
          ...headerViolations(request.headers, {
            "Content-Type": /^application\/json/,
            Accept: /application\/json/,
          }),
          ...zodViolations(bodySchema, request.body),
        ]
        const body = request.body as { data?: { merchant?: string }; signedRequest?: { signature?: string } }
        if (body?.data?.merchant !== undefined && body.data.merchant !== request.params.merchant) {
          violations.push("body.data.merchant: differs from the merchant id in the path")
        }
        const expected = SparkMD5.hash(`POST${request.url}${config.sharedSecret}`)
        if (body?.signedRequest?.signature && body.signedRequest.signature !== expected) {
          violations.push(`body.signedRequest.signature: not MD5(POST + ${request.url} + secret)`)
        }
        return violations
      },
      respond(request, standIn) {
        const body = request.body as {
          data: Record<string, any> & { purchases: Record<string, string>[] }
          signedRequest: { token: string }
        }
        if (request.params.merchant !== config.merchantId || body.signedRequest.token !== config.token) {
          return { status: 403, body: { error: "token is not valid for this merchant" } }
        }
        standIn.state.nextId = (standIn.state.nextId ?? 49) + 1
        const id = standIn.state.nextId as number
        return {
          status: 201,
          body: {
            data: {
              id,
              customerFirstName: body.data.customerFirstName,
              customerLastName: body.data.customerLastName,
              customerEmail: body.data.customerEmail,
              purchases: body.data.purchases.map((purchase, index) => ({
                id: id * 100 + index,
                merchantProduct: {
                  id: index + 1,
                  brand: purchase.brand,
                  mpn: purchase.mpn,
                  gtin: purchase.gtin,
                  info: "0",
                },
                quantity: purchase.quantity,
              })),
              purchaseDate: body.data.purchaseDate,
              links: { self: `${standIn.baseUrl}/merchant/${config.merchantId}/customer-contact-request/${id}` },
            },
          },
        }
      },
    },
  ])
}
