// Every table, re-exported for drizzle-kit and the typed client.
export * from "./enums";
export * from "./auth";
export * from "./alerts";
export * from "./cases";
export * from "./engine";
export * from "./integrations";
export * from "./enrichment";
export * from "./audit";
