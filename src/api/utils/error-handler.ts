// the path docs/security.md gives a store that sets its own error handler
export { engagementErrorHandler } from "../error-handler"
