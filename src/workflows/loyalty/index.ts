export * from "./workflows/adjust-loyalty-points"
export * from "./workflows/award-order-points"
export * from "./workflows/reverse-order-points"
export * from "./workflows/set-loyalty-spending-block"
