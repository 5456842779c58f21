import { errorHandler } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { columnsOf, describeDatabaseError, isDatabaseError } from "../../utils/database-errors"
import { ROUTES_WITH_PATH_PARAMS } from "./path-params"
import { pathParamProblem } from "./validation"

/** Paths the plugin serves; errors elsewhere reach Medusa's handler untouched. */
const PLUGIN_PATH = /^\/(admin\/engagement|store\/engagement|engagement|admin\/orders\/[^/]+\/engagement)(\/|$)/

/** PostgreSQL codes for a value it cannot store as text (NUL byte, invalid UTF-8, too long). */
const UNSTORABLE_TEXT = ["22P05", "22021", "22001"]

const medusaErrorHandler = errorHandler()

type ErrorLike = { message?: string; type?: string; name?: string; status?: number }

/**
 * Medusa's error handler, with three corrections for the plugin's routes:
 * - a path Express cannot decode (`%FF`) is a 400 naming the parameter, not a 500;
 * - a body that is not JSON, or JSON but not an object, is a 400 naming the body;
 * - the plugin's conflicts keep their own message (Medusa replaces every CONFLICT message
 *   with "retry with the Idempotency-Key");
 * - a database error is logged and answered with its code, table and constraint only: its
 *   message is the SQL with the bound values (emails, IPs, consent wording).
 * Set as the application's error handler by the plugin's middlewares; a store that sets its own
 * can call this one from it.
 */
export function engagementErrorHandler(err: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (!PLUGIN_PATH.test(req.path ?? "")) {
    return medusaErrorHandler(err as Error, req, res, next)
  }
  const error = (err ?? {}) as ErrorLike
  if (err instanceof URIError || (error.name === "URIError" && error.status === 400)) {
    // Medusa's own `/admin*` middleware decodes the path before any middleware of the plugin runs
    const problem = pathParamProblem(req.path, ROUTES_WITH_PATH_PARAMS) ?? "path: must be valid UTF-8"
    return medusaErrorHandler(new MedusaError(MedusaError.Types.INVALID_DATA, problem), req, res, next)
  }
  if (error.type === "entity.parse.failed") {
    // body-parser's strict JSON refuses `null`, `42` and `"text"` before any validation runs
    return medusaErrorHandler(new MedusaError(MedusaError.Types.INVALID_DATA, "body: must be a JSON object"), req, res, next)
  }
  if (error.type === MedusaError.Types.CONFLICT && typeof error.message === "string") {
    // the message may name the contact (an email): the log keeps the path only
    req.scope?.resolve(ContainerRegistrationKeys.LOGGER).info(`Error 409 at ${req.path}`)
    res.status(409).json({ type: MedusaError.Types.CONFLICT, message: error.message })
    return
  }
  if (isDatabaseError(err)) {
    if (err.code === "23505") {
      const message = `a record with the same ${columnsOf(err).join(", ") || "key"} already exists`
      req.scope?.resolve(ContainerRegistrationKeys.LOGGER).info(`Error 409 at ${req.path}: ${describeDatabaseError(err)}`)
      res.status(409).json({ type: MedusaError.Types.CONFLICT, message })
      return
    }
    if (UNSTORABLE_TEXT.includes(err.code)) {
      const fields = columnsOf(err)
      const message = `${fields.join(", ") || "body"}: a value cannot be stored as text (NUL byte, invalid Unicode or too long)`
      return medusaErrorHandler(new MedusaError(MedusaError.Types.INVALID_DATA, message), req, res, next)
    }
    return medusaErrorHandler(new MedusaError(MedusaError.Types.DB_ERROR, describeDatabaseError(err)), req, res, next)
  }
  return medusaErrorHandler(err as Error, req, res, next)
}
