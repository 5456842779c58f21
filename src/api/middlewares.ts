import { defineMiddlewares } from "@medusajs/framework/http"
import { adminDeliveryRoutesMiddlewares } from "./admin/engagement/deliveries/middlewares"

export default defineMiddlewares({
  routes: [...adminDeliveryRoutesMiddlewares],
})
