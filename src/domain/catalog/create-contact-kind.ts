import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { requiredText } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { nameWriteError } from './catalog-errors.ts';

export const contactKindFields = {
  name: requiredText(100),
  /** Chance of winning (0–100) the forecast uses for contacts of this kind without their own. */
  defaultProbability: z.number().int().min(0).max(100),
  active: z.boolean(),
};

const createContactKindInput = z.object({
  ...contactKindFields,
  defaultProbability: contactKindFields.defaultProbability.default(50),
  active: contactKindFields.active.default(true),
});
export type CreateContactKindInput = z.input<typeof createContactKindInput>;

export async function createContactKind(db: Db | Tx, _actor: Actor, input: unknown) {
  const data = parseInput(createContactKindInput, input);
  return db.contactKind.create({ data }).catch((error: unknown) => {
    throw nameWriteError(error, data.name);
  });
}
