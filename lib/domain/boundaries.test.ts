/**
 * The import boundaries of lib/domain: it is pure (no database code), and nothing a client component bundles —
 * its imports, followed through every module but server actions — reaches drizzle, the database or server-only.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_ONLY = /^(drizzle-orm|drizzle-kit|postgres|@electric-sql\/|server-only$|@\/db(\/|$))/;

/** The module specifiers a file imports for their values (type-only imports and exports are erased). */
function valueImports(file: string): string[] {
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  for (const s of src.statements) {
    if (ts.isImportDeclaration(s)) {
      const c = s.importClause;
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (!c.name && c.namedBindings !== undefined && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specs.push((s.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) {
      const named = s.exportClause && ts.isNamedExports(s.exportClause) ? s.exportClause.elements : undefined;
      if (!(named && named.length > 0 && named.every((e) => e.isTypeOnly))) specs.push((s.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const p = base + ext;
    if (/\.tsx?$/.test(p) && fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

const directive = (file: string, word: string) => new RegExp(`^\\s*(?:\\/\\/[^\\n]*\\n\\s*)*["']use ${word}["']`).test(fs.readFileSync(file, "utf8"));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every chain from `entry` to a server-only module, following value imports and stopping at server actions. */
function serverReach(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (chain.length > 0 && directive(file, "server")) return; // a server action: the client gets a reference
    const here = [...chain, path.relative(ROOT, file)];
    for (const spec of valueImports(file)) {
      if (SERVER_ONLY.test(spec)) found.push([...here, spec].join(" → "));
      const next = resolve(file, spec);
      if (next) walk(next, here);
    }
  };
  walk(entry, []);
  return found;
}

describe("lib/domain boundaries", () => {
  it("lib/domain imports nothing but itself and the Shanghai calendar arithmetic", () => {
    for (const file of filesUnder(path.join(ROOT, "lib/domain"))) {
      for (const spec of valueImports(file)) expect([path.relative(ROOT, file), spec]).toEqual([path.relative(ROOT, file), expect.stringMatching(/^(\.\/[a-z-]+|@\/lib\/sla\/shanghai)$/)]);
    }
  });

  it("no client component bundles drizzle, the database schema or server-only code", () => {
    const clients = ["app", "components"].flatMap((d) => filesUnder(path.join(ROOT, d))).filter((f) => directive(f, "client"));
    expect(clients.length).toBeGreaterThan(10);
    expect(clients.flatMap(serverReach)).toEqual([]);
  });
});
