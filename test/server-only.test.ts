/**
 * `import "server-only"` on every module that reaches the database, so a client component that imports one fails
 * the build instead of shipping drizzle, the schema or a query to the browser; and no client component reaches
 * the database at all. A module reaches the database when it imports (for its values) `drizzle-orm`, a database
 * driver, anything under `db/`, or a module that reaches the database or is marked server-only itself.
 *
 * `db/schema` is the exception: drizzle-kit loads it with plain Node (`npm run db:generate`), where the marker
 * throws. The second test keeps it away from the client all the same.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, directives, rel, resolveImport, sourcesUnder, startsWithServerOnly, valueImports } from "./import-graph";

const DB_PACKAGE = /^(drizzle-orm(\/|$)|postgres$|@electric-sql\/pglite(\/|$))/;
const DB_DIR = path.join(ROOT, "db") + path.sep;
const SCHEMA_DIR = path.join(ROOT, "db", "schema") + path.sep;

/**
 * Modules of the server actions and forms refactoring (issue 12) that reach the database without the marker yet:
 * their owners add it. An entry that gains the marker must leave this list (the last test says so).
 */
const PENDING: string[] = [];

const reachCache = new Map<string, boolean>();
/** Whether `file` reaches the database (see above). */
function reachesDb(file: string): boolean {
  const known = reachCache.get(file);
  if (known !== undefined) return known;
  reachCache.set(file, false); // a cycle adds nothing
  let reaches = false;
  for (const spec of valueImports(file)) {
    if (DB_PACKAGE.test(spec)) reaches = true;
    const next = resolveImport(file, spec);
    if (next && (next.startsWith(DB_DIR) || startsWithServerOnly(next) || reachesDb(next))) reaches = true;
    if (reaches) break;
  }
  reachCache.set(file, reaches);
  return reaches;
}

const candidates = [...sourcesUnder("lib"), ...sourcesUnder("db")].filter((f) => !f.startsWith(SCHEMA_DIR));
const missing = candidates.filter((f) => reachesDb(f) && !startsWithServerOnly(f)).map(rel);

/** Every chain from a client module to the database, following value imports and stopping at server actions. */
function chainsToDb(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (chain.length > 0 && directives(file).includes("use server")) return; // the client gets a reference only
    const here = [...chain, rel(file)];
    for (const spec of valueImports(file)) {
      const next = resolveImport(file, spec);
      if (DB_PACKAGE.test(spec) || spec === "server-only" || (next && next.startsWith(DB_DIR))) found.push([...here, spec].join(" → "));
      else if (next) walk(next, here);
    }
  };
  walk(entry, []);
  return found;
}

describe("server-only", () => {
  it("finds the data-access layer", () => {
    expect(candidates.filter(reachesDb).length).toBeGreaterThan(50);
  });

  it('every module under lib/ and db/ that reaches the database starts with import "server-only"', () => {
    expect(missing.filter((f) => !PENDING.includes(f))).toEqual([]);
  });

  it("db/schema is not marked (drizzle-kit loads it outside Next)", () => {
    expect(sourcesUnder("db/schema").filter(startsWithServerOnly).map(rel)).toEqual([]);
  });

  it("no client module reaches drizzle, a driver, db/ or a server-only module", () => {
    const clients = ["app", "components", "lib"].flatMap(sourcesUnder).filter((f) => directives(f).includes("use client"));
    expect(clients.length).toBeGreaterThan(10);
    expect(clients.flatMap(chainsToDb)).toEqual([]);
  });

  it("the pending list holds only modules still missing the marker", () => {
    expect(PENDING.filter((f) => !missing.includes(f))).toEqual([]);
  });
});
