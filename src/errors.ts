// One error type for the whole domain. Each channel maps AppError.code once:
// HTTP status in the web app, an ephemeral message in Slack, a triage reason in mail.

export const ERROR_CODES = ['NOT_FOUND', 'VALIDATION', 'CONFLICT', 'FORBIDDEN', 'TOO_LARGE'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-field messages for VALIDATION; the current values for CONFLICT. */
    readonly details: { fields?: Record<string, string>; current?: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string | number) => new AppError('NOT_FOUND', `${what} ${id} not found`);

export const validation = (fields: Record<string, string>, message = 'Invalid input') =>
  new AppError('VALIDATION', `${message}: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, { fields });

export const conflict = (message: string, current?: unknown) => new AppError('CONFLICT', message, { current });

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const isAppError = (e: unknown, code?: ErrorCode): e is AppError =>
  e instanceof AppError && (code === undefined || e.code === code);
