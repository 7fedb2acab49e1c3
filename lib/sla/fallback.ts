/**
 * Holidays fixed by law, used for years whose State Council notice is not loaded:
 * 《全国年节及纪念日放假办法》 (2024 revision), art. 2 — 元旦 1 Jan; 春节 Spring Festival eve and lunar 1/1–1/3;
 * 清明节 the Qingming solar-term day; 劳动节 1–2 May; 端午节 lunar 5/5; 中秋节 lunar 8/15; 国庆节 1–3 Oct.
 * The rules of the 2024 revision are applied to every year (also earlier ones); no make-up days are invented.
 * Lunar and solar-term dates come from `lunar-javascript` (Beijing time, as the Chinese calendar is defined).
 */
import { Lunar } from "lunar-javascript";
import { dayNumber, fromDayNumber, type ShanghaiDate } from "./shanghai";

export type StatutoryHoliday = { date: ShanghaiDate; name: string };

const cache = new Map<number, readonly StatutoryHoliday[]>();

/** Statutory days off of `year`, sorted by date; a date shared by two festivals has both names ("中秋节、国庆节"). */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2099) {
    throw new RangeError(`statutoryHolidays: year must be an integer in 1901–2099, got ${year}`);
  }
  let list = cache.get(year);
  if (!list) {
    list = computeStatutoryHolidays(year);
    cache.set(year, list);
  }
  return list.map((h) => ({ ...h }));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function computeStatutoryHolidays(year: number): StatutoryHoliday[] {
  const byDate = new Map<number, string[]>();
  const add = (n: number, name: string) => {
    const names = byDate.get(n);
    if (!names) byDate.set(n, [name]);
    else if (!names.includes(name)) names.push(name);
  };
  const solar = (m: number, d: number) => dayNumber(`${year}-${pad2(m)}-${pad2(d)}`);

  add(solar(1, 1), "元旦");

  // Spring Festival: the day before lunar 1/1 (除夕, 腊月廿九 or 三十) and lunar 1/1–1/3.
  const newYear = dayNumber(Lunar.fromYmd(year, 1, 1).getSolar().toYmd());
  for (let i = -1; i <= 2; i++) add(newYear + i, "春节");

  const qingming = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"];
  if (!qingming || qingming.getYear() !== year) throw new Error(`No Qingming solar term found for ${year}`);
  add(dayNumber(qingming.toYmd()), "清明节");

  add(solar(5, 1), "劳动节");
  add(solar(5, 2), "劳动节");

  add(dayNumber(Lunar.fromYmd(year, 5, 5).getSolar().toYmd()), "端午节");
  add(dayNumber(Lunar.fromYmd(year, 8, 15).getSolar().toYmd()), "中秋节");

  for (let d = 1; d <= 3; d++) add(solar(10, d), "国庆节");

  return [...byDate.entries()].sort((a, b) => a[0] - b[0]).map(([n, names]) => ({ date: fromDayNumber(n), name: names.join("、") }));
}
