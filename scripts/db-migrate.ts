import { openDbForCli } from "./lib/open-db";

const handle = await openDbForCli();
console.log(`Migrations applied (${handle.kind === "pglite" ? `embedded database at ${handle.location}` : handle.location}).`);
await handle.close();
