"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

/**
 * "3 new requests since this page loaded · Refresh": asks GET /api/queue/new-count every `intervalMs` (and when the
 * tab comes back into view) how many requests were received since the page rendered (`since`) that the page's
 * filters (`query`) would show. A polite live region: screen readers hear the count change without losing their place.
 */
export function QueueNewCount({ since, query, intervalMs = 30_000 }: { since: string; query: string; intervalMs?: number }) {
  const t = useTranslations("staff.queue");
  const router = useRouter();
  const [count, setCount] = useState<{ n: number; capped: boolean }>({ n: 0, capped: false });
  const [pending, start] = useTransition();

  useEffect(() => {
    let stopped = false;
    const url = `/api/queue/new-count?${new URLSearchParams(query)}${query ? "&" : ""}since=${encodeURIComponent(since)}`;
    const poll = async () => {
      if (document.hidden) return;
      try {
        const res = await fetch(url, { cache: "no-store" });
        if (!res.ok) return;
        const body = (await res.json()) as { count: number; capped: boolean };
        if (!stopped) setCount({ n: body.count, capped: body.capped });
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    };
    const timer = setInterval(poll, intervalMs);
    const onVisible = () => {
      if (!document.hidden) void poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [since, query, intervalMs]);

  return (
    <p className="queue-new-count" aria-live="polite" data-testid="new-count">
      {count.n > 0 && (
        <>
          {t(count.capped ? "newSinceCapped" : "newSince", { count: count.n })}
          {" · "}
          <button type="button" className="btn link" disabled={pending} onClick={() => start(() => router.refresh())}>
            {t("newSinceRefresh")}
          </button>
        </>
      )}
    </p>
  );
}
