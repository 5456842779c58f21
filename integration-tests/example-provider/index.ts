import { ModuleProvider } from "@medusajs/framework/utils"
import { ENGAGEMENT_MODULE } from "../../src/provider-api"
import { ExampleCrmProvider } from "./service"

/** Registered through the engagement module's options alone: `providers: [{ resolve: <this folder>, options }]`. */
export default ModuleProvider(ENGAGEMENT_MODULE, { services: [ExampleCrmProvider] })
