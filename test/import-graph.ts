/**
 * The project's static import graph, for boundary tests: which modules a file imports for their values (type-only
 * imports and exports are erased by the compiler, so they bundle nothing), resolved within the repository.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "..");

const parsed = new Map<string, ts.SourceFile>();
function source(file: string): ts.SourceFile {
  let src = parsed.get(file);
  if (!src) {
    src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
    parsed.set(file, src);
  }
  return src;
}

/** The module specifiers a file imports or re-exports for their values (static imports only). */
export function valueImports(file: string): string[] {
  const specs: string[] = [];
  for (const s of source(file).statements) {
    if (ts.isImportDeclaration(s)) {
      const c = s.importClause;
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specs.push((s.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) {
      const named = s.exportClause && ts.isNamedExports(s.exportClause) ? s.exportClause.elements : undefined;
      if (!(named && named.length > 0 && named.every((e) => e.isTypeOnly))) specs.push((s.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

/** The file an `@/…` or relative specifier names, or null for a package. */
export function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const p = base + ext;
    if (/\.tsx?$/.test(p) && fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

/** The directives (`"use client"`, `"use server"`) a file opens with. */
export function directives(file: string): string[] {
  const out: string[] = [];
  for (const s of source(file).statements) {
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) out.push(s.expression.text);
    else break;
  }
  return out;
}

/** True when the first statement after the directives is `import "server-only"`. */
export function startsWithServerOnly(file: string): boolean {
  const first = source(file).statements.find((s) => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)));
  return (
    first !== undefined &&
    ts.isImportDeclaration(first) &&
    first.importClause === undefined &&
    (first.moduleSpecifier as ts.StringLiteral).text === "server-only"
  );
}

/** The TypeScript sources under `dir` (relative to the root), tests and declaration files left out. */
export function sourcesUnder(dir: string): string[] {
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(d, e.name);
      if (e.isDirectory()) return e.name === "node_modules" || e.name === "migrations" ? [] : walk(p);
      return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
    });
  return walk(path.join(ROOT, dir));
}

export const rel = (file: string) => path.relative(ROOT, file);
