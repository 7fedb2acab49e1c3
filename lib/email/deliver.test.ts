import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { parseEnv } from "@/lib/env";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { deliverEmail, EmailDeliveryError } from "./deliver";
import { queueEmail } from "./sender";
import { mailerFromEnv } from "./transport";

const now = testNow();
let db: Db;
let cleanup: () => Promise<void>;
type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let refuseNext = 0;
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  // A local SMTP server that keeps what it is given, and refuses a recipient when told to (as a full mailbox would).
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuseNext > 0) {
        refuseNext -= 1;
        return cb(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (c: string) => (raw += c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await cleanup();
});

async function queued(to: string) {
  await db.transaction((tx) =>
    queueEmail(tx, { to, kind: "at_risk", subject: "【临近期限】申请 DSR-2026-000001 还剩 1 个工作日", text: "王芳，您好：\n\n正文", at: now }),
  );
  const [row] = await db.select().from(outbox).where(eq(outbox.recipient, to));
  return row!;
}

describe("staff e-mail over SMTP", () => {
  it("is sent to the SMTP server SMTP_URL names, from MAIL_FROM, and marked sent", async () => {
    const mailer = mailerFromEnv(parseEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Portal <portal@xiaolu.example>" }))!;
    const row = await queued("agent-a@test.example");
    expect(row).toMatchObject({ channel: "email", status: "pending", template: "at_risk" });
    expect(await deliverEmail(db, mailer, row.id, { retryCount: 0, retryLimit: 5 }, now)).toBe("sent");
    const got = received.find((m) => m.to.includes("agent-a@test.example"))!;
    expect(got.from).toBe("portal@xiaolu.example");
    expect(got.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const [after] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ status: "sent", provider: "smtp", attempts: 1 });
    expect(after!.providerMessageId).toBeTruthy();
    // Sent once: a second run of the same job sends nothing.
    expect(await deliverEmail(db, mailer, row.id, { retryCount: 1, retryLimit: 5 }, now)).toBe("skipped");
    expect(received.filter((m) => m.to.includes("agent-a@test.example"))).toHaveLength(1);
  });

  it("a refusal is retried, and after the last try the message is failed with the server's answer", async () => {
    const mailer = mailerFromEnv(parseEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` }))!;
    const row = await queued("agent-b@test.example");
    refuseNext = 2;
    const first = deliverEmail(db, mailer, row.id, { retryCount: 0, retryLimit: 1 }, now);
    await expect(first).rejects.toBeInstanceOf(EmailDeliveryError);
    await expect(first).rejects.toMatchObject({ final: false });
    let [after] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ status: "pending", attempts: 1 });
    expect(after!.lastError).toMatch(/550/);
    await expect(deliverEmail(db, mailer, row.id, { retryCount: 1, retryLimit: 1 }, now)).rejects.toMatchObject({ final: true });
    [after] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("an unreachable server fails the try, never the caller's transaction", async () => {
    const mailer = mailerFromEnv(parseEnv({ SMTP_URL: "smtp://127.0.0.1:1" }))!;
    const row = await queued("agent-c@test.example");
    await expect(deliverEmail(db, mailer, row.id, { retryCount: 0, retryLimit: 5 }, now)).rejects.toMatchObject({ final: false });
    const [after] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after!.lastError).toMatch(/ECONNREFUSED/);
  });

  it("without SMTP_URL the outbox is the delivery (the demo), and a wrong SMTP_URL stops the start naming it", async () => {
    expect(mailerFromEnv(parseEnv({}))).toBeNull();
    const row = await queued("agent-d@test.example");
    expect(await deliverEmail(db, null, row.id, { retryCount: 0, retryLimit: 5 }, now)).toBe("sent");
    expect(() => parseEnv({ SMTP_URL: "mail.example:25" })).toThrow(
      'Invalid environment: SMTP_URL must be an smtp:// or smtps:// URL (got "mail.example:25")',
    );
  });
});
