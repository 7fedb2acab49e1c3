import { HEALTH_CATEGORIES, type DataCategory } from "./categories";

/**
 * Deletion, cancellation, health records and anything about another person also confirm the real-name record
 * (DESIGN.md "Identity and acting for others"). Pure and client-safe: the forms ask for the name and the last
 * four characters of the ID number exactly when the server will check them.
 */
export function needsRealNameCheck(input: { type: string; relationship?: string; categories?: readonly DataCategory[] }): boolean {
  if ((input.relationship ?? "self") !== "self") return true;
  if (input.type === "deletion" || input.type === "cancellation") return true;
  if (input.type === "access" || input.type === "portability") return (input.categories ?? []).some((c) => HEALTH_CATEGORIES.includes(c));
  return false;
}
