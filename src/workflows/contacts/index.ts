export * from "./steps/record-order-fact"
export * from "./steps/refresh-contact-statistics"
export * from "./workflows/refresh-order-statistics"
