import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { articleFields, articleWriteError, plainArticle } from './article-fields.ts';

const updateArticleInput = z.object(articleFields).partial().extend({ id });
export type UpdateArticleInput = z.input<typeof updateArticleInput>;

/** Partial update. Documents already issued keep their own copy of name, unit, price and VAT. */
export async function updateArticle(db: Db | Tx, _actor: Actor, input: unknown) {
  const { id, ...changes } = parseInput(updateArticleInput, input);
  const exists = await db.article.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw notFound('article', id);
  const article = await db.article.update({ where: { id }, data: changes }).catch((error: unknown) => {
    throw articleWriteError(error, changes.code);
  });
  return plainArticle(article);
}
