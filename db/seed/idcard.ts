/**
 * PRC resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character. The seed makes valid-format
 * numbers for fictional people; they are not taken from anyone.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = "10X98765432";

export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("the first 17 characters must be digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? "";
}

/** `birthDate` "YYYY-MM-DD"; `sequence` 0–999, its parity fixed to the gender. */
export function makeResidentId(region: string, birthDate: string, sequence: number, gender: "male" | "female"): string {
  if (!/^\d{6}$/.test(region)) throw new RangeError("region code must be 6 digits");
  let seq = Math.abs(Math.trunc(sequence)) % 1000;
  const wantOdd = gender === "male";
  if ((seq % 2 === 1) !== wantOdd) seq = seq === 999 ? 998 : seq + 1;
  const first17 = `${region}${birthDate.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

/** Format and check character valid, and the embedded birth date a real date. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return false;
  const d = birthDateOfResidentId(id);
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

export function birthDateOfResidentId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
