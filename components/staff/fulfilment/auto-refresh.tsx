"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Renders the page again every few seconds while a background job it shows is running (and stops with it). */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
