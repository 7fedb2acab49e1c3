/**
 * Operations command line, using the same code as the app:
 *   dsr due --type <type> --received <ISO-8601 instant>   the deadlines of a request received then
 *   dsr calendar --year <year>                            the year's non-standard days
 *   dsr audit verify                                      checks the audit log's hash chain
 *   dsr retention purge [--apply]                         deletes restricted records past their retention
 */
import { parseArgs } from "node:util";
import { REQUEST_TYPES, type RequestType } from "../db/schema/enums";
import { loadWorkingDayIndex } from "../lib/calendar/queries";
import { loadSlaPolicies } from "../lib/calendar/policies";
import { listCalendarYear } from "../lib/calendar/year";
import { computeDeadline, formatShanghaiInstant } from "../lib/sla";
import { verifyAuditChain } from "../lib/audit/verify";
import { purgeExpiredRetention } from "../lib/fulfilment/retention";
import { openDbForCli, usageError } from "./lib/open-db";

const USAGE = "usage: dsr due --type <type> --received <ISO-8601 instant> | dsr calendar --year <year> | dsr audit verify | dsr retention purge [--apply]";
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { type: { type: "string" }, received: { type: "string" }, year: { type: "string" }, apply: { type: "boolean" } },
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
} else if (command === "audit" && positionals[1] === "verify") {
  const handle = await openDbForCli();
  const result = await verifyAuditChain(handle.db);
  await handle.close();
  if (result.ok) {
    console.log(`audit log ok: ${result.checked} rows, chain intact`);
  } else {
    console.error(`audit log BROKEN at row ${result.brokenAt} (${result.problem}); ${result.checked} rows before it verified`);
    process.exit(1);
  }
} else if (command === "retention" && positionals[1] === "purge") {
  const handle = await openDbForCli();
  const report = await purgeExpiredRetention(handle.db, { apply: Boolean(values.apply), now: new Date() });
  await handle.close();
  const counts = `${report.consultations.length} consultations, ${report.photos.length} photos, ${report.prescriptions.length} prescriptions, ${report.transcripts.length} transcripts`;
  console.log(report.applied ? `retention purge: deleted ${counts} (retention ended before ${report.today})` : `retention purge (dry run): would delete ${counts}; run with --apply to act`);
  console.log(JSON.stringify(report));
} else {
  usageError(command ? `dsr: unknown command "${command}". ${USAGE}` : USAGE);
}
