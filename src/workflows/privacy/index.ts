export * from "./workflows/erase-contact"
