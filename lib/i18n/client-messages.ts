/**
 * Which catalogs each area's client components read, so a page ships only those (the server keeps the full
 * catalog). Names are top-level keys of messages/index.ts, or one level down ("portal.detail"). Patient pages list exactly what they read (their
 * first-load size is a goal, scripts/bench-js.ts); staff, manager and admin pages leave out what they never read.
 * Add a name here when a client component starts using it: a missing one shows as the message key on the page.
 */
type Scope = { only: readonly string[] } | { except: readonly string[] };

/** Every page: the header's buttons, error texts, the error boundary. */
const BASE = ["common", "errors", "errorPage"] as const;

/** What no staff or manager client component reads (each is a server text, a patient's or an admin's page's). */
const NOT_STAFF = ["portal", "home", "signin", "contact", "sms", "smsDelivery", "schedules", "export", "admin", "dataMap"] as const;

export const CLIENT_NAMESPACES = {
  base: { only: [] },
  signin: { only: ["signin"] },
  staffSignin: { only: ["staffSignin"] },
  /** The request form (components/portal/request-form). */
  patient: {
    only: ["portal", "categories", "types", "statuses", "relationships", "patientRelationships", "proofKinds", "weekdays", "contact"],
  },
  /** A request's page: the reply, fee and withdraw forms and the file upload (components/portal/request-actions.tsx). */
  patientRequest: { only: ["portal.detail", "portal.form", "portal.files"] },
  /** Staff and manager pages: every staff form's texts, none of the patients' portal, the admin's or the outgoing messages'. */
  staff: { except: [...NOT_STAFF, "dashboard"] },
  manager: { except: NOT_STAFF },
  admin: { except: ["dashboard", "portal"] },
} as const satisfies Record<string, Scope>;

export type ClientArea = keyof typeof CLIENT_NAMESPACES;

/** The part of `messages` an area's client components read (the base namespaces included). */
export function clientMessages<M extends Record<string, unknown>>(messages: M, area: ClientArea): Partial<M> {
  const scope: Scope = CLIENT_NAMESPACES[area];
  const picked: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(messages)) {
    if ((BASE as readonly string[]).includes(k) || ("only" in scope ? scope.only.includes(k) : !scope.except.includes(k))) picked[k] = v;
    else if ("only" in scope) {
      // Parts of a namespace: "portal.detail" sends messages.portal.detail alone.
      const parts = scope.only.filter((n) => n.startsWith(`${k}.`)).map((n) => n.slice(k.length + 1));
      if (parts.length > 0 && v && typeof v === "object") picked[k] = Object.fromEntries(Object.entries(v).filter(([sub]) => parts.includes(sub)));
    }
  }
  return picked as Partial<M>;
}
