import type { Role } from "@/db/schema/enums";

/** Roles that work the queue, and those that may also assign, reopen and read audit trails. */
export const STAFF_ROLES: readonly Role[] = ["agent", "manager", "admin"];
export const MANAGER_ROLES: readonly Role[] = ["manager", "admin"];

export const isStaff = (role: Role) => STAFF_ROLES.includes(role);
export const isManager = (role: Role) => MANAGER_ROLES.includes(role);
