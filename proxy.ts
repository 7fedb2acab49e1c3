import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Redirects signed-out visitors to the right sign-in page. It only redirects: every page, action and route
 * handler checks the role itself on the server (lib/auth/session.ts).
 */
export default async function proxy(req: NextRequest) {
  const token = await getToken({ req });
  if (token) return NextResponse.next();
  const download = req.nextUrl.pathname.startsWith("/api/downloads");
  const patientArea = download || req.nextUrl.pathname.startsWith("/requests");
  const url = new URL(patientArea ? "/signin" : "/staff/signin", req.url);
  // A download link leads, after signing in, to the patient's requests, where the result is offered again: the
  // sign-in page navigates within the app, and a file is not a page.
  url.searchParams.set("callbackUrl", download ? "/requests" : req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/requests/:path*", "/api/downloads/:path*", "/queue/:path*", "/dashboard/:path*", "/admin/:path*"],
};
