import type { Role } from "@/db/schema/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; sv: number; sid: string; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
    /** The dsr.sessions row this token belongs to (lib/auth/sessions.ts). */
    sid?: string;
  }
}
