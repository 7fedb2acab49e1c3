import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "db", "messages", "i18n", "types", "proxy.ts", "next.config.ts", "package-lock.json", "tsconfig.json"];
const SKIP = /(^|\/)(node_modules|\.next|\.data)(\/|$)|\.test\.ts$/;

/** A hash of everything the Next.js build reads, so `npm start` rebuilds only when a source changed. */
export function sourcesHash(root: string): string {
  const hash = createHash("sha256");
  const visit = (rel: string) => {
    const abs = path.join(root, rel);
    if (SKIP.test(rel) || !fs.existsSync(abs)) return;
    const stat = fs.statSync(abs);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) visit(path.join(rel, name));
    } else {
      hash.update(rel).update("\0").update(fs.readFileSync(abs)).update("\0");
    }
  };
  INPUTS.forEach(visit);
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "source-hash");

export function readBuiltHash(root: string): string | null {
  try {
    if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return null;
    return fs.readFileSync(stampFile(root), "utf8").trim();
  } catch {
    return null;
  }
}

export function writeBuiltHash(root: string, hash: string) {
  fs.writeFileSync(stampFile(root), hash);
}
