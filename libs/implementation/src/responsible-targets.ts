import type { DataSource, EntityManager } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { sqlRows } from '#rally/core';

export interface ResponsibleTarget {
  targetId: string;
  targetName: string;
  forRecommendation: boolean;
}

/**
 * Who answers for each recommendation in a country on a day, from the targets' responsibility table. Read, not
 * stored: responsibilities are effective-dated and keep their own history, so a copy here would go stale at the next
 * reshuffle. A holder named for the recommendation itself is shown instead of the focus area's, being the closer
 * answer; overarching recommendations (no focus area) have none.
 */
export async function responsibleTargets(
  db: DataSource | EntityManager,
  scope: OrgScope,
  country: string,
  day: string,
  recommendations: { id: string; code: string; focusArea: string | null }[],
): Promise<Map<string, ResponsibleTarget[]>> {
  const areas = [...new Set(recommendations.flatMap((r) => (r.focusArea ? [r.focusArea] : [])))];
  const result = new Map<string, ResponsibleTarget[]>(recommendations.map((r) => [r.id, []]));
  if (areas.length === 0) return result;
  const rows = await sqlRows<{
    target_id: string;
    name: string;
    focus_area: string;
    recommendation_code: string | null;
  }>(
    db,
    `SELECT tr.target_id, t.name, tr.focus_area, tr.recommendation_code
     FROM target_responsibilities tr JOIN targets t ON t.id = tr.target_id
     WHERE tr.organization_id = $1 AND tr.country = $2 AND tr.focus_area = ANY($4::text[])
       AND tr.valid_from <= $3::date AND (tr.valid_until IS NULL OR tr.valid_until >= $3::date)
     ORDER BY t.name, tr.target_id`,
    [scope.organisationId, country, day, areas],
  );
  for (const r of recommendations) {
    if (!r.focusArea) continue;
    const inArea = rows.filter((row) => row.focus_area === r.focusArea);
    const own = inArea.filter((row) => row.recommendation_code === r.code);
    const chosen = own.length > 0 ? own : inArea.filter((row) => row.recommendation_code === null);
    result.set(
      r.id,
      chosen.map((row) => ({ targetId: row.target_id, targetName: row.name, forRecommendation: own.length > 0 })),
    );
  }
  return result;
}
