export * from "./workflows/save-settings"
export * from "./steps/save-settings-version"
