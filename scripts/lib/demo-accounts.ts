import { DEMO_ACCOUNTS } from "../../db/seed";

/** The demo accounts, as `npm start` and `npm run db:seed` print them (also listed in the README). */
export function printDemoAccounts(log: (line: string) => void = console.log) {
  log("\nDemo accounts");
  log("  Staff (sign in at /staff/signin with email and password):");
  for (const s of DEMO_ACCOUNTS.staff) log(`    ${s.role.padEnd(8)} ${s.email.padEnd(26)} ${s.password}   ${s.name}`);
  log("  Patients (sign in at /signin with phone and the SMS code shown at /dev/outbox):");
  const patients = DEMO_ACCOUNTS.patients;
  for (let i = 0; i < patients.length; i += 4) {
    log(
      `    ${patients
        .slice(i, i + 4)
        .map((p) => `${p.phone} ${p.name}`)
        .join("   ")}`,
    );
  }
}
