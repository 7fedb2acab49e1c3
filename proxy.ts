import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Redirects signed-out visitors to the right sign-in page. It only redirects: every page, action and route
 * handler checks the role itself on the server (lib/auth/session.ts).
 */
export default async function proxy(req: NextRequest) {
  const token = await getToken({ req });
  if (token) return NextResponse.next();
  const patientArea = req.nextUrl.pathname.startsWith("/requests") || req.nextUrl.pathname.startsWith("/api/downloads");
  const url = new URL(patientArea ? "/signin" : "/staff/signin", req.url);
  url.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/requests/:path*", "/api/downloads/:path*", "/queue/:path*", "/dashboard/:path*", "/admin/:path*"],
};
