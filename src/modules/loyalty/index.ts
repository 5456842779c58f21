import { Module } from "@medusajs/framework/utils"
import LoyaltyModuleService from "./service"
import { LOYALTY_MODULE } from "./types"

export { LOYALTY_MODULE }

export default Module(LOYALTY_MODULE, {
  service: LoyaltyModuleService,
})
