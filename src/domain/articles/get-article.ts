import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { plainArticle } from './article-fields.ts';

export async function getArticle(db: Db | Tx, id: number) {
  const article = await db.article.findUnique({ where: { id } });
  if (!article) throw notFound('article', id);
  return plainArticle(article);
}
