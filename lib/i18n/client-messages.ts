import type { Formats } from "next-intl";
import { SIGN_IN_ONLY_CODES, STAFF_ONLY_CODES } from "@/lib/actions/codes";

/**
 * Which catalogs each area's client components read, so a page ships only those (the server keeps the full
 * catalog). Names are top-level keys of messages/index.ts or dotted paths into them ("portal.detail",
 * "portal.form.chars"). Patient pages list exactly what they read (their first-load size is a goal,
 * scripts/bench-js.ts); staff, manager and admin pages leave out what they never read.
 * Add a name here when a client component starts using it: a missing one shows as the message key on the page.
 */
/** `only` these names; or every catalog `except` these, `also` with these parts of the excepted ones. */
type Scope = ({ only: readonly string[] } | { except: readonly string[]; also?: readonly string[] }) & {
  /**
   * A patients' area: `errors` without the codes only staff screens receive (STAFF_ONLY_CODES); "portal" also without
   * those only the sign-in receives (SIGN_IN_ONLY_CODES).
   */
  patientErrors?: "signin" | "portal";
  /** No client component of the area formats a date (useFormatter): the date formats are not sent. */
  noDateFormats?: true;
};

/**
 * Every page: the header's buttons (components/layout) and the error texts; the error boundary's come from the root
 * layout (components/layout/error-texts.tsx). Staff, manager and admin areas get all of `common`.
 */
const BASE = ["common.language", "common.signOut", "common.signOutEverywhere", "errors"] as const;

/** What no staff or manager client component reads (each is a server text, a patient's or an admin's page's). */
const NOT_STAFF = ["portal", "home", "signin", "contact", "sms", "smsDelivery", "schedules", "export", "admin", "dataMap"] as const;

/** The file picker (components/portal/file-upload.tsx), which staff use too (logging a request). */
const FILE_UPLOAD = ["portal.files", "portal.form.filesHint"] as const;

export const CLIENT_NAMESPACES = {
  base: { only: [], patientErrors: "portal", noDateFormats: true },
  signin: { only: ["signin"], patientErrors: "signin", noDateFormats: true },
  staffSignin: { only: ["staffSignin"] },
  /** The request form (components/portal/request-form, with the file picker and the policy's clauses it quotes). */
  patient: {
    only: [
      ...[
        "form",
        "review",
        "files",
        "fields",
        "genders",
        "photoKinds",
        "categoryHints",
        "grounds",
        "consentKeys",
        "decisionKinds",
        "blockers",
        "clauses",
      ].map((part) => `portal.${part}`),
      ...["categories", "types", "statuses", "relationships", "patientRelationships", "proofKinds", "weekdays"],
    ],
    patientErrors: "portal",
  },
  /** A request's page: the reply, fee and withdraw forms and the file upload (components/portal/request-actions.tsx). */
  patientRequest: {
    only: [
      ...["answer", "answerHint", "answered", "attachFiles", "cancel", "message", "messageHint", "sendAnswer", "sendMessage", "sending", "sent"],
      ...["feeAccept", "feeAccepted", "feeDecline", "feeDeclineConfirm", "feeDeclined", "withdraw", "withdrawConfirm", "withdrawYes"],
    ]
      .map((key) => `portal.detail.${key}`)
      .concat(["portal.form.chars", "portal.form.optional", ...FILE_UPLOAD]),
    patientErrors: "portal",
    noDateFormats: true,
  },
  /** Staff and manager pages: every staff form's texts, none of the patients' portal, the admin's or the outgoing messages'. */
  staff: { except: [...NOT_STAFF, "dashboard"], also: FILE_UPLOAD },
  manager: { except: NOT_STAFF, also: FILE_UPLOAD },
  admin: { except: ["dashboard", "portal"] },
} as const satisfies Record<string, Scope>;

export type ClientArea = keyof typeof CLIENT_NAMESPACES;

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === "object" && v !== null;

/** The value at `path` ("portal.form.chars") in `tree`, or undefined. */
function at(tree: Tree, path: readonly string[]): unknown {
  let v: unknown = tree;
  for (const key of path) v = isTree(v) && key in v ? v[key] : undefined;
  return v;
}

/**
 * Copies the value at `path` from `from` into `into`, beside what is already there, when it exists. The objects on
 * the way are copied before they are added to, so a catalog object `into` shares is never written to.
 */
function copyPath(from: Tree, into: Tree, path: string) {
  const keys = path.split(".");
  const value = at(from, keys);
  if (value === undefined) return;
  let target = into;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    target = target[key] = isTree(next) ? { ...next } : {};
  }
  target[keys.at(-1)!] = value;
}

/** The date formats an area's provider sends: its own when its client components format dates, else none. */
export function clientFormats(area: ClientArea): Formats | undefined {
  const scope: Scope = CLIENT_NAMESPACES[area];
  return scope.noDateFormats ? {} : undefined;
}

/**
 * The base part of `messages` (BASE, with `errors` in full or a patients' part), one object per catalog and kind:
 * the root layout's provider and a page's area provider then pass the same objects, which React sends to the browser
 * once (the second is a reference to the first).
 */
type BaseKind = "full" | "signin" | "portal";
const basesOf = new WeakMap<Tree, Record<BaseKind, Tree>>();
function basePart(messages: Tree, kind: BaseKind): Tree {
  let bases = basesOf.get(messages);
  if (!bases) {
    const full: Tree = {};
    for (const name of BASE) copyPath(messages, full, name);
    const without = (codes: readonly string[]): Tree => ({
      ...full,
      errors: isTree(full.errors) ? Object.fromEntries(Object.entries(full.errors).filter(([code]) => !codes.includes(code))) : full.errors,
    });
    bases = { full, signin: without(STAFF_ONLY_CODES), portal: without([...STAFF_ONLY_CODES, ...SIGN_IN_ONLY_CODES]) };
    bases.signin.common = bases.portal.common = full.common;
    basesOf.set(messages, bases);
  }
  return bases[kind];
}

/** The part of `messages` an area's client components read (the base namespaces included). */
export function clientMessages<M extends Record<string, unknown>>(messages: M, area: ClientArea): Partial<M> {
  const scope: Scope = CLIENT_NAMESPACES[area];
  if (!("only" in scope)) {
    const picked: Tree = {};
    for (const name of [...Object.keys(messages).filter((k) => !scope.except.includes(k)), ...(scope.also ?? [])]) copyPath(messages, picked, name);
    return picked as Partial<M>;
  }
  // The base objects are shared: the area's own names are other catalogs, copied beside them, never into them.
  const picked: Tree = { ...basePart(messages, scope.patientErrors ?? "full") };
  for (const name of scope.only) copyPath(messages, picked, name);
  return picked as Partial<M>;
}
