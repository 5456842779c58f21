import { Module } from "@medusajs/framework/utils"
import providersLoader from "./loaders/providers"
import EngagementModuleService from "./service"
import { ENGAGEMENT_MODULE } from "../../provider-api/provider"

export { ENGAGEMENT_MODULE }

export default Module(ENGAGEMENT_MODULE, {
  service: EngagementModuleService,
  loaders: [providersLoader],
})
