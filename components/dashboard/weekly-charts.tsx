"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartWeek = { label: string; received: number; closed: number; onTimePercent: number | null };

const HEIGHT = 260;
const INITIAL = { width: 520, height: HEIGHT };

/**
 * The weekly trends as pictures. They are hidden from assistive technology: the same numbers are in the table next
 * to each chart (components/dashboard/dashboard-view.tsx).
 */
export function ReceivedClosedChart({ weeks, labels }: { weeks: ChartWeek[]; labels: { received: string; closed: string } }) {
  return (
    <div className="dash-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <BarChart accessibilityLayer={false} data={weeks} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} />
          <Tooltip />
          <Legend />
          <Bar dataKey="received" name={labels.received} fill="#2f6b4f" isAnimationActive={false} />
          <Bar dataKey="closed" name={labels.closed} fill="#c98a1a" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function OnTimeChart({ weeks, labels }: { weeks: ChartWeek[]; labels: { onTime: string } }) {
  return (
    <div className="dash-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <LineChart accessibilityLayer={false} data={weeks} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(1)}%` : String(v ?? ""))} />
          <Legend />
          <Line
            type="monotone"
            dataKey="onTimePercent"
            name={labels.onTime}
            stroke="#2f6b4f"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
