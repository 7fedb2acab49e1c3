import type { Db, Tx } from "@/db/client";

class Undo extends Error {}

/** Runs `fn` in a transaction that is then rolled back, so a test can tamper with rows and leave none of it behind. */
export async function inRolledBackTransaction(db: Db, fn: (tx: Tx) => Promise<void>): Promise<void> {
  await db
    .transaction(async (tx) => {
      await fn(tx);
      throw new Undo();
    })
    .catch((e) => {
      if (!(e instanceof Undo)) throw e;
    });
}
