export * from "./steps/build-cart-conversion"
export * from "./workflows/record-cart-conversion"
