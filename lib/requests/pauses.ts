/** The pauses of a request's clock, from its events: each "paused" until the next "resumed" (or the closing). */
export function pausesOf(
  events: { kind: string; reason: string | null; data: Record<string, unknown>; occurredAt: Date }[],
  request: { closedAt: Date | null },
): { at: Date; until: Date | null; reason: string | null }[] {
  const out: { at: Date; until: Date | null; reason: string | null }[] = [];
  for (const e of events) {
    if (e.kind === "paused") {
      const reason = e.reason ?? (typeof e.data?.pauseReason === "string" ? e.data.pauseReason : null);
      out.push({ at: e.occurredAt, until: null, reason });
    } else if (e.kind === "resumed") {
      const open = out.findLast((p) => p.until === null);
      if (open) open.until = e.occurredAt;
    }
  }
  const open = out.findLast((p) => p.until === null);
  if (open && request.closedAt) open.until = request.closedAt;
  return out;
}
