import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { parseInput } from '../shared/validate.ts';
import { articleFields, articleWriteError, plainArticle } from './article-fields.ts';

const createArticleInput = z.object({
  ...articleFields,
  unit: articleFields.unit.default('szt.'),
  vatRate: articleFields.vatRate.default('23'),
  active: articleFields.active.default(true),
});
export type CreateArticleInput = z.input<typeof createArticleInput>;

export async function createArticle(db: Db | Tx, _actor: Actor, input: unknown) {
  const data = parseInput(createArticleInput, input);
  // code is citext: "abc-1" and "ABC-1" collide in the unique index.
  const article = await db.article.create({ data }).catch((error: unknown) => {
    throw articleWriteError(error, data.code);
  });
  return plainArticle(article);
}
