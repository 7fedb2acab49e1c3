import { notFound } from "next/navigation";
import { env } from "@/lib/env";

/** Browser tests only (E2E_FIXTURES): a page that fails, so a test can see what app/error.tsx shows the user. */
export default async function FailingPage() {
  if (env().E2E_FIXTURES !== "1") notFound();
  throw new Error("e2e: a page that fails on purpose (app/dev/error-boundary)");
}
