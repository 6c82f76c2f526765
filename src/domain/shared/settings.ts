/** Company-wide settings the domain needs; built from Config in main.ts / cli.ts. */
export type DomainSettings = {
  /** Decides the calendar year and month of contact and document numbers. */
  timeZone: string;
};

export const DEFAULT_SETTINGS: DomainSettings = { timeZone: 'Europe/Warsaw' };
