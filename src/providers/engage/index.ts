import { ModuleProvider } from "@medusajs/framework/utils"
import { ENGAGEMENT_MODULE } from "../../provider-api/provider"
import { EngageProvider } from "./service"

export * from "./platform"
export { EngageProvider }

/** Registered through the engagement module's `providers` option: `{ resolve: <this folder>, options }`. */
export default ModuleProvider(ENGAGEMENT_MODULE, { services: [EngageProvider] })
