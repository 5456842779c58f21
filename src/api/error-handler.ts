import { errorHandler, getHttpResponseFromError } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { columnsOf, describeDatabaseError, isDatabaseError, withoutContactDetails } from "../utils/database-errors"
import { loyaltySourceErrorAnswer } from "../provider-api/loyalty-source"
import { answerOfError } from "../utils/answered-error"
import { ROUTES_WITH_PATH_PARAMS } from "./utils/path-params"
import { sendErrorAnswer } from "./utils/sent"
import { pathParamProblem } from "./utils/validation"

/** Paths the plugin serves; errors elsewhere reach Medusa's handler untouched. */
const PLUGIN_PATH =
  /^\/(admin\/engagement|store\/engagement|engagement|admin\/orders\/[^/]+\/engagement|store\/carts\/[^/]+\/loyalty-points)(\/|$)/

/** PostgreSQL codes for a value it cannot store as text (NUL byte, invalid UTF-8, too long). */
const UNSTORABLE_TEXT = ["22P05", "22021", "22001"]

const medusaErrorHandler = errorHandler()

type ErrorLike = { message?: string; type?: string; name?: string; status?: number }

/** The error the plugin answers with: the same as Medusa's, but free of SQL and with its own 409s. */
function correctedError(err: unknown, path: string): unknown {
  const error = (err ?? {}) as ErrorLike
  if (err instanceof URIError || (error.name === "URIError" && error.status === 400)) {
    // Medusa's own `/admin*` middleware decodes the path before any middleware of the plugin runs
    return new MedusaError(
      MedusaError.Types.INVALID_DATA,
      pathParamProblem(path, ROUTES_WITH_PATH_PARAMS) ?? "path: must be valid UTF-8"
    )
  }
  if (error.type === "entity.parse.failed") {
    // body-parser's strict JSON refuses `null`, `42` and `"text"` before any validation runs
    return new MedusaError(MedusaError.Types.INVALID_DATA, "body: must be a JSON object")
  }
  if (isDatabaseError(err)) {
    if (err.code === "23505") {
      return new MedusaError(
        MedusaError.Types.CONFLICT,
        `a record with the same ${columnsOf(err).join(", ") || "key"} already exists`
      )
    }
    if (UNSTORABLE_TEXT.includes(err.code)) {
      const fields = columnsOf(err).join(", ") || "body"
      return new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${fields}: a value cannot be stored as text (NUL byte, invalid Unicode or too long)`
      )
    }
    return new MedusaError(MedusaError.Types.DB_ERROR, describeDatabaseError(err))
  }
  return err
}

/** A size in bytes as a reader takes it in: `102,400 bytes (100 KB)`. */
function bytes(size: number | undefined): string {
  if (typeof size !== "number" || !Number.isFinite(size)) {
    return "an unknown number of bytes"
  }
  const exact = `${size.toLocaleString("en-US")} bytes`
  return size >= 1024 ? `${exact} (${Math.round(size / 1024).toLocaleString("en-US")} KB)` : exact
}

/**
 * Medusa's error handler, with these corrections on the plugin's routes:
 * - a path Express cannot decode (`%FF`) is a 400 naming the parameter, not a 500;
 * - a body that is not JSON, or JSON but not an object, is a 400 naming the body;
 * - a body over the size limit is a 413 naming the limit;
 * - a conflict keeps its own message (Medusa replaces every CONFLICT message with "retry with
 *   the Idempotency-Key");
 * - a database error is logged and answered with its code, table and constraint only: its
 *   message is the SQL with the bound values (emails, IPs, consent wording);
 * - an error whose answer is decided where it is thrown (`AnsweredError`, a loyalty source's
 *   409 or 424 naming the platform) is answered with it: status, body and `Retry-After`;
 * - a 4xx is logged without the emails and phone numbers its message may name.
 * Set as the application's error handler by the plugin's middlewares; a store that sets its own
 * can call this one from it.
 */
export function engagementErrorHandler(
  err: unknown,
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  if (!PLUGIN_PATH.test(req.path ?? "")) {
    return medusaErrorHandler(err as Error, req, res, next)
  }
  const tooLarge = err as ErrorLike & { limit?: number; length?: number }
  if (tooLarge?.type === "entity.too.large") {
    // body-parser's own message ("request entity too large") names no limit
    const message = `body: at most ${bytes(tooLarge.limit)} (this one has ${bytes(tooLarge.length)})`
    req.scope?.resolve(ContainerRegistrationKeys.LOGGER).info(`Error 413 at ${req.path}: ${message}`)
    res.status(413).json({ type: MedusaError.Types.INVALID_DATA, message })
    return
  }
  const answer = answerOfError(err) ?? loyaltySourceErrorAnswer(err)
  if (answer) {
    req.scope
      ?.resolve(ContainerRegistrationKeys.LOGGER)
      .info(withoutContactDetails(`Error ${answer.status} at ${req.path}: ${answer.body.message}`))
    return sendErrorAnswer(res, answer)
  }
  const error = correctedError(err, req.path)
  const { statusCode, body } = getHttpResponseFromError(error)
  if (statusCode >= 500 || (typeof error === "object" && error !== null && "issues" in error)) {
    return medusaErrorHandler(error as Error, req, res, next)
  }
  const message = (error as ErrorLike).message ?? body.message
  // the path (`/contacts/email/:email`) and the message may name the contact
  req.scope
    ?.resolve(ContainerRegistrationKeys.LOGGER)
    .info(withoutContactDetails(`Error ${statusCode} at ${req.path}: ${String(message)}`))
  res.status(statusCode).json(statusCode === 409 ? { ...body, message } : body)
}
