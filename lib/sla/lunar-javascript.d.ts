/**
 * Minimal typings for the parts of `lunar-javascript` (1.7.x, untyped CommonJS) used by lib/sla/fallback.ts.
 * Only pure date arithmetic is declared; `Solar.fromDate` is deliberately left out because it reads the
 * process time zone (local Date getters).
 */
declare module "lunar-javascript" {
  export interface Solar {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    /** "YYYY-MM-DD" */
    toYmd(): string;
    getLunar(): Lunar;
  }
  export interface Lunar {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    getSolar(): Solar;
    /** Solar term of this day ("清明", …) or "" */
    getJieQi(): string;
    /** Solar terms around this lunar year, keyed by name ("清明", …). */
    getJieQiTable(): Record<string, Solar>;
  }
  export const Solar: {
    fromYmd(year: number, month: number, day: number): Solar;
  };
  export const Lunar: {
    /** Lunar year, month (negative = leap month), day. */
    fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): Lunar;
  };
}
