/**
 * The job queues. Created (with their retry policy) when the database is migrated, as the tables' owner: pg-boss
 * gives each queue its own partition table, which the app's restricted role could not create.
 */
export const JOB_SCHEMA = "pgboss";

export const QUEUES = {
  /** One text message out of `dsr.outbox` through the configured provider (lib/sms/deliver.ts). */
  smsDeliver: {
    name: "sms-deliver",
    // 6 tries: at once, then about 10 s, 20 s, 40 s, 80 s and 160 s later (pg-boss doubles the delay, with jitter).
    options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 60, retentionMinutes: 60 * 24 },
  },
  /** One staff e-mail out of `dsr.outbox` over SMTP (lib/email/deliver.ts), retried like SMS. */
  emailDeliver: {
    name: "email-deliver",
    options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 60, retentionMinutes: 60 * 24 },
  },
  /**
   * Builds an access or portability package staff asked for (lib/fulfilment/package-job.ts). Not retried: a failure
   * is recorded on the request, where staff see it and ask again.
   */
  packageBuild: {
    name: "package-build",
    options: { retryLimit: 0, expireInSeconds: 15 * 60, retentionMinutes: 60 * 24 },
  },
  /** Asks the provider whether a sent message arrived (its delivery report). */
  smsStatus: {
    name: "sms-status",
    options: { retryLimit: 6, retryDelay: 60, retryBackoff: true, expireInSeconds: 60, retentionMinutes: 60 * 24 },
  },
} as const;

/**
 * The scheduled jobs' queues (lib/jobs/schedules.ts says when each runs and what it does): two more tries, five
 * minutes apart; a run that still fails stays failed on the admin page and the next day's run tries again.
 */
export const SCHEDULED_QUEUES = [
  "retention-purge",
  "retention-preview",
  "proof-documents-purge",
  "abandoned-uploads-purge",
  "packages-purge",
  "audit-checkpoint",
  "sla-reminders",
  "daily-digest",
  "dashboard-fold",
] as const;
export type ScheduledQueue = (typeof SCHEDULED_QUEUES)[number];
export const SCHEDULED_QUEUE_OPTIONS = { retryLimit: 2, retryDelay: 300, expireInSeconds: 15 * 60, retentionMinutes: 60 * 24 * 7 };
