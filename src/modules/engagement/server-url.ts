/**
 * The URL this Medusa server answers on, the base of the default links the plugin puts in emails
 * (unsubscribe, tracked review links): `MEDUSA_BACKEND_URL` when set (a public URL, as the admin's
 * build reads it), else localhost on the port Medusa listens on (`PORT`, which `medusa develop`
 * and `medusa start` read, 9000 without it). Read when the options are resolved, at start-up.
 */
export function serverUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.MEDUSA_BACKEND_URL?.trim().replace(/\/+$/, "")
  return configured || `http://localhost:${env.PORT?.trim() || "9000"}`
}
