/**
 * The portal's domain vocabulary, pure (no database, no drizzle, no server-only): closed value lists, the request
 * reference and UUID patterns, the §8.7 repeat window and the CSV writer. Client components, zod schemas and
 * rules import from here; db/schema builds its enums from these lists and never the other way round.
 */
export * from "./values";
export { REF_PATTERN, type RefParts, isRequestRef, formatRef, parseRef } from "./ref";
export { UUID_PATTERN, isUuid } from "./uuid";
export { REPEAT_WINDOW_MONTHS, repeatWindowStart, isWithinRepeatWindow } from "./repeat-window";
export { CSV_BOM, type CsvValue, csvField, csvLine, csvDocument } from "./csv";
