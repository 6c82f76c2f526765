// The Slack side of "one error type, mapped once per channel": AppError → the ephemeral text a
// person reads. Anything else is our fault: logged with a reference the person can quote.
import { randomBytes } from 'node:crypto';
import { isAppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Translator } from '../../views/i18n/messages.ts';

export function errorText(error: unknown, t: Translator, logger: Logger): string {
  if (isAppError(error)) {
    switch (error.code) {
      case 'NOT_FOUND': return t('slErrNotFound', { message: error.message });
      case 'VALIDATION': return t('slErrValidation', { message: Object.values(error.details.fields ?? {}).join('; ') || error.message });
      case 'CONFLICT': return t('slErrConflict', { message: error.message });
      case 'FORBIDDEN': return t('slErrForbidden', { message: error.message });
      case 'TOO_LARGE': return t('slErrTooLarge', { message: error.message });
    }
  }
  const ref = randomBytes(4).toString('hex');
  logger.error({ err: error, ref }, 'slack: unexpected error');
  return t('slErrInternal', { ref });
}
