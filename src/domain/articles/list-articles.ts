import type { Db, Tx } from '../../db.ts';
import { plainArticle } from './article-fields.ts';

/** Options for listArticles. */
export type ListArticlesOptions = {
  /** Part of the code or name, case-insensitive. */
  search?: string;
  active?: boolean;
  /** At most 500; 100 by default. */
  limit?: number;
  /** Rows to skip (the panel's "more" pages). */
  offset?: number;
};

/** Articles ordered by code. */
export async function listArticles(db: Db | Tx, options: ListArticlesOptions = {}) {
  const search = options.search?.trim();
  const articles = await db.article.findMany({
    where: {
      active: options.active,
      ...(search && {
        OR: [{ code: { contains: search, mode: 'insensitive' } }, { name: { contains: search, mode: 'insensitive' } }],
      }),
    },
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
    take: Math.min(Math.max(options.limit ?? 100, 1), 500),
    skip: Math.max(Math.trunc(options.offset ?? 0), 0),
  });
  return articles.map(plainArticle);
}
