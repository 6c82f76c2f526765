// Recognises a unique-constraint violation (P2002) on one column (for a composite key: its last
// column). Used by the master-data areas and by items (one source reference per contact).
import { Prisma } from '../../db.ts';

type ViolationMeta = {
  /** Classic query engine: the constrained fields. */
  target?: string[] | string;
  /** Driver adapters (our adapter-pg): only the index name, e.g. "Company_code_key". */
  driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } };
};

export function isUniqueViolation(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  const meta = (error.meta ?? {}) as ViolationMeta;
  if (Array.isArray(meta.target)) return meta.target.includes(field);
  if (typeof meta.target === 'string') return meta.target.endsWith(`_${field}_key`);
  const constraint = meta.driverAdapterError?.cause?.constraint;
  if (constraint?.fields) return constraint.fields.some((f) => f.replace(/"/g, '') === field);
  return constraint?.index?.endsWith(`_${field}_key`) ?? false;
}
