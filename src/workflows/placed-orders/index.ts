export * from "./workflows/process-placed-order"
