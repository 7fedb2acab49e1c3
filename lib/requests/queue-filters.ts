/**
 * The staff queue's filters, as they travel in the URL (a GET form): parsed leniently — a value that is not
 * understood (a forged status, a malformed date, page -1) is dropped and named, never a crash.
 */
import { REQUEST_STATUSES, REQUEST_TYPES, type RequestStatus, type RequestType } from "@/lib/domain";
import { UUID_PATTERN } from "@/lib/domain";
import { isSafeLine } from "@/lib/text/safe-text";
import { isShanghaiDate, type ShanghaiDate } from "@/lib/sla";

export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_MAX_PAGE = 2000;
export const QUEUE_SLA_STATES = ["on_track", "at_risk", "overdue"] as const;
export type QueueSlaState = (typeof QUEUE_SLA_STATES)[number];
/** What the SLA filter takes: one state, or `attention` — at risk or overdue (the built-in view "my at-risk"). */
export const QUEUE_SLA_FILTERS = [...QUEUE_SLA_STATES, "attention"] as const;
export type QueueSlaFilter = (typeof QUEUE_SLA_FILTERS)[number];
export const QUEUE_SORTS = ["due", "received", "updated", "type", "status", "assignee"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_DIRS = ["asc", "desc"] as const;
export type QueueDir = (typeof QUEUE_DIRS)[number];
/** Each sort's own direction: the most urgent deadline first, the newest receipt or update first, the rest A→Z. */
export const DEFAULT_DIR: Record<QueueSort, QueueDir> = {
  due: "asc",
  received: "desc",
  updated: "desc",
  type: "asc",
  status: "asc",
  assignee: "asc",
};
/** "open" (the default) or "all", or one status. */
export type QueueStatusFilter = "open" | "all" | RequestStatus;

export type QueueFilters = {
  status: QueueStatusFilter;
  type?: RequestType;
  sla?: QueueSlaFilter;
  /** "mine", "unassigned" or a staff user's id. */
  assignee?: string;
  from?: ShanghaiDate;
  to?: ShanghaiDate;
  acting: boolean;
  provisional: boolean;
  repeat: boolean;
  /** Requests with a recipient's deletion notice still awaiting its confirmation. */
  recipients: boolean;
  /** Requests whose requester or relationship is not verified yet (待核验). */
  unverified: boolean;
  q?: string;
  sort: QueueSort;
  /** Always set: the sort's own direction (DEFAULT_DIR) unless the URL asks for the other. */
  dir: QueueDir;
  page: number;
};

export const DEFAULT_QUEUE_FILTERS: QueueFilters = {
  status: "open",
  acting: false,
  provisional: false,
  repeat: false,
  recipients: false,
  unverified: false,
  sort: "due",
  dir: "asc",
  page: 1,
};

/** The URL parameters the queue understands. */
export const QUEUE_PARAMS = [
  "status",
  "type",
  "sla",
  "assignee",
  "from",
  "to",
  "acting",
  "provisional",
  "repeat",
  "recipients",
  "unverified",
  "q",
  "sort",
  "dir",
  "page",
] as const;
export type QueueParam = (typeof QUEUE_PARAMS)[number];

const MAX_SEARCH = 100;
/** Received-date filters outside these years are not dates anyone means (and 0000-01-01 is not one PostgreSQL takes). */
export const QUEUE_FIRST_DATE = "2000-01-01";
export const QUEUE_LAST_DATE = "2100-12-31";

type RawParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

const oneOf = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

/** Parses the queue's URL parameters; `ignored` names each parameter whose value was not understood. */
export function parseQueueFilters(params: RawParams): { filters: QueueFilters; ignored: QueueParam[] } {
  const f: QueueFilters = { ...DEFAULT_QUEUE_FILTERS };
  const ignored: QueueParam[] = [];
  const flag = (name: "acting" | "provisional" | "repeat" | "recipients" | "unverified") => {
    const v = first(params[name]);
    if (v === undefined) return;
    if (v === "1" || v === "true" || v === "on") f[name] = true;
    else if (v !== "0" && v !== "false") ignored.push(name);
  };

  const status = first(params.status);
  if (status !== undefined) {
    if (status === "open" || status === "all" || oneOf(REQUEST_STATUSES, status)) f.status = status;
    else ignored.push("status");
  }
  const type = first(params.type);
  if (type !== undefined) {
    if (oneOf(REQUEST_TYPES, type)) f.type = type;
    else ignored.push("type");
  }
  const sla = first(params.sla);
  if (sla !== undefined) {
    if (oneOf(QUEUE_SLA_FILTERS, sla)) f.sla = sla;
    else ignored.push("sla");
  }
  const assignee = first(params.assignee);
  if (assignee !== undefined) {
    if (assignee === "mine" || assignee === "unassigned" || UUID_PATTERN.test(assignee)) f.assignee = assignee.toLowerCase();
    else ignored.push("assignee");
  }
  for (const name of ["from", "to"] as const) {
    const v = first(params[name]);
    if (v === undefined) continue;
    if (isShanghaiDate(v) && v >= QUEUE_FIRST_DATE && v <= QUEUE_LAST_DATE) f[name] = v;
    else ignored.push(name);
  }
  if (f.from && f.to && f.from > f.to) {
    delete f.from;
    delete f.to;
    ignored.push("from", "to");
  }
  flag("acting");
  flag("provisional");
  flag("repeat");
  flag("recipients");
  flag("unverified");
  const q = first(params.q);
  if (q !== undefined) {
    // The same rule as what patients may type: no NUL or other controls (PostgreSQL refuses NUL), no bidi overrides.
    if (q.length <= MAX_SEARCH && isSafeLine(q)) f.q = q;
    else ignored.push("q");
  }
  const sort = first(params.sort);
  if (sort !== undefined) {
    if (oneOf(QUEUE_SORTS, sort)) f.sort = sort;
    else ignored.push("sort");
  }
  f.dir = DEFAULT_DIR[f.sort];
  const dir = first(params.dir);
  if (dir !== undefined) {
    if (oneOf(QUEUE_DIRS, dir)) f.dir = dir;
    else ignored.push("dir");
  }
  const page = first(params.page);
  if (page !== undefined) {
    const n = /^\d{1,6}$/.test(page) ? Number(page) : NaN;
    if (n >= 1 && n <= QUEUE_MAX_PAGE) f.page = n;
    else ignored.push("page");
  }
  return { filters: f, ignored };
}

/**
 * The view a column header links to: sorted by that column, its own direction first and the other on a second
 * click, from the first page.
 */
export function sortedBy(filters: QueueFilters, sort: QueueSort): Partial<QueueFilters> {
  const dir = filters.sort === sort ? (filters.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[sort];
  return { sort, dir, page: 1 };
}

/** The query string of a queue view (defaults left out), with some filters overridden: for links and paging. */
export function queueQueryString(filters: QueueFilters, overrides: Partial<QueueFilters> = {}): string {
  const f = { ...filters, ...overrides };
  const p = new URLSearchParams();
  if (f.status !== DEFAULT_QUEUE_FILTERS.status) p.set("status", f.status);
  if (f.type) p.set("type", f.type);
  if (f.sla) p.set("sla", f.sla);
  if (f.assignee) p.set("assignee", f.assignee);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.acting) p.set("acting", "1");
  if (f.provisional) p.set("provisional", "1");
  if (f.repeat) p.set("repeat", "1");
  if (f.recipients) p.set("recipients", "1");
  if (f.unverified) p.set("unverified", "1");
  if (f.q) p.set("q", f.q);
  if (f.sort !== DEFAULT_QUEUE_FILTERS.sort) p.set("sort", f.sort);
  if (f.dir !== DEFAULT_DIR[f.sort]) p.set("dir", f.dir);
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
