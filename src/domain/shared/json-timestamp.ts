// Timestamps inside JSON built by PostgreSQL (json_build_object, json_agg): our columns are
// timestamp(3) without a zone holding UTC, so the JSON text ("2027-03-24T11:00:00.123") has no
// zone either and must be read as UTC, not as the process's local time.

/** The instant a timestamp column's JSON text stands for. */
export const timestampFromJson = (text: string): Date => new Date(`${text}Z`);
