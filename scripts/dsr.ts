/**
 * Operations command line, using the same code as the app:
 *   dsr due --type <type> --received <ISO-8601 instant>   the deadlines of a request received then
 *   dsr calendar --year <year>                            the year's non-standard days
 *   dsr audit checkpoint [--file F]                       appends a signed checkpoint of the audit log to F
 *   dsr audit verify [--file F]                           checks the hash chain, and against F's newest checkpoint
 *   dsr retention purge [--apply]                         deletes restricted records past their retention, proof documents
 *                                                         PROOF_RETENTION_DAYS after their request closed, uploads never filed
 *                                                         (after 24 h) and the text of expired sign-in codes
 */
import { parseArgs } from "node:util";
import { REQUEST_TYPES, type RequestType } from "../db/schema/enums";
import { loadWorkingDayIndex } from "../lib/calendar/queries";
import { loadSlaPolicies } from "../lib/calendar/policies";
import { listCalendarYear } from "../lib/calendar/year";
import { computeDeadline, formatShanghaiInstant } from "../lib/sla";
import { appendFile, readFile } from "node:fs/promises";
import { makeCheckpoint, newestCheckpoint, newestHeadId } from "../lib/audit/checkpoint";
import { auditKey } from "../lib/audit/key";
import { verifyAuditChain } from "../lib/audit/verify";
import { ENDED_SESSION_DAYS, purgeEndedSessions } from "../lib/auth/sessions";
import { purgeExpiredRetention } from "../lib/fulfilment/retention";
import { purgeAbandonedUploads, purgeProofDocuments } from "../lib/uploads/proof-retention";
import { OTP_TTL_SECONDS } from "../lib/auth/otp-rules";
import { redactExpiredSignInCodes } from "../lib/sms/redact";
import { env } from "../lib/env";
import { openDbForCli, usageError } from "./lib/open-db";

const USAGE =
  "usage: dsr due --type <type> --received <ISO-8601 instant> | dsr calendar --year <year> | dsr audit checkpoint [--file F] | dsr audit verify [--file F] | dsr retention purge [--apply]";
/** Where checkpoints go unless --file says: a file the operator ships off the database host (README). */
const CHECKPOINT_FILE = process.env.AUDIT_CHECKPOINT_FILE || ".data/audit-checkpoints.jsonl";
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        type: { type: "string" },
        received: { type: "string" },
        year: { type: "string" },
        apply: { type: "boolean" },
        file: { type: "string" },
      },
    });
  } catch (e) {
    usageError(`dsr: ${(e as Error).message}. ${USAGE}`);
  }
}

const { positionals, values } = parse(process.argv.slice(2));
const command = positionals[0];

if (command === "due") {
  const type = values.type;
  if (!type || !(REQUEST_TYPES as readonly string[]).includes(type)) {
    usageError(`dsr due: --type must be one of ${REQUEST_TYPES.join(", ")}`);
  }
  const received = values.received;
  const receivedAt = received && INSTANT.test(received) ? new Date(received) : undefined;
  if (!receivedAt || Number.isNaN(receivedAt.getTime())) {
    usageError("dsr due: --received must be an ISO-8601 instant with an offset or Z, e.g. 2026-02-13T18:30:00+08:00");
  }
  const handle = await openDbForCli();
  const [index, policies] = await Promise.all([loadWorkingDayIndex(handle.db), loadSlaPolicies(handle.db)]);
  let deadline;
  try {
    deadline = computeDeadline(receivedAt, policies[type as RequestType], index);
  } catch (e) {
    await handle.close();
    usageError(`dsr due: ${(e as Error).message}`);
  }
  console.log(
    JSON.stringify({
      type,
      receivedAt: formatShanghaiInstant(receivedAt),
      targetDate: deadline.targetDate,
      dueDate: deadline.dueDate,
      dueAt: formatShanghaiInstant(deadline.dueAt),
      provisional: deadline.provisional,
    }),
  );
  await handle.close();
} else if (command === "calendar") {
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2060) usageError("dsr calendar: --year must be a year between 2000 and 2060");
  const handle = await openDbForCli();
  const result = await listCalendarYear(handle.db, year);
  console.log(JSON.stringify(result, null, 2));
  await handle.close();
} else if (command === "audit" && positionals[1] === "checkpoint") {
  const file = values.file ?? CHECKPOINT_FILE;
  const handle = await openDbForCli();
  const checkpoint = await makeCheckpoint(handle.db, auditKey(), new Date());
  await handle.close();
  if (!checkpoint) {
    console.log("audit log is empty: no checkpoint written");
  } else {
    await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
    console.log(
      `audit checkpoint: up to row ${newestHeadId(checkpoint)}, ${checkpoint.count} rows in ${checkpoint.heads.length} chain(s), appended to ${file}`,
    );
  }
} else if (command === "audit" && positionals[1] === "verify") {
  const file = values.file ?? CHECKPOINT_FILE;
  const text = await readFile(file, "utf8").catch(() => "");
  const checkpoint = newestCheckpoint(text, auditKey());
  if (text.trim() && !checkpoint) console.error(`${file}: no checkpoint there is signed with this audit key`);
  const handle = await openDbForCli();
  const result = await verifyAuditChain(handle.db, { checkpoint });
  await handle.close();
  if (result.ok) {
    const against =
      result.checkpoint === "matched"
        ? `; matches the checkpoint of ${checkpoint!.at} (up to row ${newestHeadId(checkpoint!)})`
        : "; no checkpoint to compare with";
    console.log(`audit log ok: ${result.checked} rows, chain intact${against}`);
  } else {
    const what = {
      hash_mismatch: "a row was changed (content, id or time)",
      chain_break: "a row was removed or inserted",
      downgraded: "a rewritten row was disguised as a legacy row",
      truncated: "rows were cut since the last checkpoint",
      rewritten: "the log was rewritten and re-hashed since the last checkpoint",
    }[result.problem];
    console.error(`audit log BROKEN at row ${result.brokenAt ?? "?"} (${result.problem}: ${what}); ${result.checked} rows before it verified`);
    process.exit(1);
  }
} else if (command === "retention" && positionals[1] === "purge") {
  const handle = await openDbForCli();
  const now = new Date();
  const report = await purgeExpiredRetention(handle.db, { apply: Boolean(values.apply), now });
  const proofs = await purgeProofDocuments(handle.db, { apply: Boolean(values.apply), now, days: env().PROOF_RETENTION_DAYS });
  const uploads = await purgeAbandonedUploads(handle.db, { apply: Boolean(values.apply), now });
  const codes = values.apply ? await redactExpiredSignInCodes(handle.db, now, OTP_TTL_SECONDS) : 0;
  const endedSessions = await purgeEndedSessions(handle.db, { apply: Boolean(values.apply), now });
  await handle.close();
  const counts = `${report.consultations.length} consultations, ${report.photos.length} photos, ${report.prescriptions.length} prescriptions, ${report.orders.length} orders, ${report.transcripts.length} transcripts, ${report.browsing_logs.length} browsing logs over a month old, ${proofs.attachments.length} proof documents, ${uploads.attachments.length} abandoned uploads, ${endedSessions} sessions ended over ${ENDED_SESSION_DAYS} days ago${values.apply ? `, ${codes} expired sign-in codes` : ""}`;
  console.log(
    report.applied
      ? `retention purge: deleted ${counts} (retention ended before ${report.today})`
      : `retention purge (dry run): would delete ${counts}; run with --apply to act`,
  );
  console.log(JSON.stringify({ ...report, proofDocuments: proofs, abandonedUploads: uploads }));
} else {
  usageError(command ? `dsr: unknown command "${command}". ${USAGE}` : USAGE);
}
