export * from "./enums";
export * from "./users";
export * from "./requests";
export * from "./calendar";
export * from "./platform";
export * from "./dashboard";
export * from "./cancellation";
export * from "./jobs";
