import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { logUnexpected } from "@/lib/errors";
import { asLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { verifyCode } from "./otp";
import { endSession, startSession } from "./sessions";
import { PatientSignInInput, StaffSignInInput } from "./schemas";
import { verifyStaffSignIn } from "./staff";

type Headers = Record<string, string | string[] | undefined> | undefined;

function header(headers: Headers, name: string): string | undefined {
  const v = headers?.[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Set by the server in scripts/start.ts from the socket (or a trusted proxy), never taken from the client. */
export function clientIp(headers: Headers): string {
  return header(headers, "x-dsr-client-ip") || "unknown";
}

function localeFrom(headers: Headers) {
  const cookie = header(headers, "cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`));
  return asLocale(match?.[1] ? decodeURIComponent(match[1]) : undefined);
}

/** A refusal the user can act on: its code reaches the sign-in form. */
class SignInRefusal extends Error {}

/** Known refusals pass through as codes; anything else is logged and only its reference id reaches the user. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SignInRefusal) throw new Error(e.message, { cause: e });
    throw new Error(`unexpected:${logUnexpected(e, { action: "signIn" })}`, { cause: e });
  }
}

/** Errors travel to the sign-in form as codes; the form translates them. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 3600 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      id: "patient-otp",
      name: "SMS code",
      credentials: { phone: { type: "tel" }, code: { type: "text" } },
      authorize: (credentials, req) =>
        guarded(async () => {
          const parsed = PatientSignInInput.safeParse(credentials);
          if (!parsed.success) throw new SignInRefusal("invalid_input");
          const result = await verifyCode(await getDb(), {
            ...parsed.data,
            ip: clientIp(req.headers),
            now: new Date(),
            locale: localeFrom(req.headers),
          });
          if (!result.ok) throw new SignInRefusal(result.error === "invalid" ? `code_invalid:${result.attemptsLeft}` : result.error);
          return { id: result.user.id, role: result.user.role, sv: result.user.sessionVersion, name: result.user.phone };
        }),
    }),
    Credentials({
      id: "staff-password",
      name: "Staff",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials, req) =>
        guarded(async () => {
          const parsed = StaffSignInInput.safeParse(credentials);
          if (!parsed.success) throw new SignInRefusal("invalid_input");
          const result = await verifyStaffSignIn(await getDb(), { ...parsed.data, ip: clientIp(req.headers), now: new Date() });
          if (!result.ok)
            throw new SignInRefusal(result.error === "throttled" ? `locked:${Math.ceil(result.retryAfterSeconds / 60)}` : "staff_invalid");
          return { id: result.user.id, role: result.user.role, sv: result.user.sessionVersion, name: result.user.displayName };
        }),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: Role; sv: number };
        token.sub = u.id;
        token.role = u.role;
        token.sv = u.sv;
        // Each sign-in is a session of its own on the server, which signing out or idling ends.
        token.sid = await startSession(await getDb(), u.id, new Date());
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { ...session.user, id: token.sub!, role: token.role as Role, sv: token.sv ?? 0, sid: token.sid ?? "" };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await endSession(await getDb(), token.sid, new Date());
    },
  },
};
