/** Documents by stage and kind, counted in the database at scrape time (every hub replica agrees). */
import { QueryTypes } from 'sequelize';
import type { Database } from '../../server/db/connect';
import type { StageCounts } from '../../server/observability/metrics';

export function documentStageCounts(db: Database): StageCounts {
  return async () => {
    const rows = await db.sequelize.query<{ stage: string; kind: string; count: number | string }>(
      'SELECT stage, kind, COUNT(*) AS count FROM orders GROUP BY stage, kind',
      { type: QueryTypes.SELECT },
    );
    // PostgreSQL's COUNT is a bigint, which pg hands over as a string.
    return rows.map((r) => ({ stage: r.stage, kind: r.kind, count: Number(r.count) }));
  };
}
