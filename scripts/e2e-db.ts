/**
 * Creates (prints its URL) or drops a scratch database on the server of DATABASE_URL, for the browser tests.
 *   e2e-db create           → postgres://…/dsr_e2e_<random>
 *   e2e-db drop             (DATABASE_URL is the scratch database's URL)
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("e2e-db: DATABASE_URL is not set");
  process.exit(2);
}
const command = process.argv[2];
const target = new URL(url);
const admin = new URL(url);
admin.pathname = "/postgres";
const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
try {
  if (command === "create") {
    const name = `dsr_e2e_${randomBytes(4).toString("hex")}`;
    await sql.unsafe(`create database "${name}"`);
    target.pathname = `/${name}`;
    console.log(target.toString());
  } else if (command === "drop") {
    const name = decodeURIComponent(target.pathname.slice(1));
    if (!/^dsr_e2e_[0-9a-f]{8}$/.test(name)) throw new Error(`refusing to drop "${name}": not a scratch database`);
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } else {
    console.error("usage: e2e-db create|drop");
    process.exitCode = 2;
  }
} finally {
  await sql.end({ timeout: 5 });
}
