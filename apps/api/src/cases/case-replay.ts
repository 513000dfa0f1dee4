import { replayThrough } from '../http/idempotency';
import { CasesService } from './cases.service';

/**
 * How a retried create of a case or of a part of one (goal, measure, meeting, log entry, team,
 * baton, …) is answered: the case read again as `GET /api/cases/{id}` reads it, so a caller who
 * has lost access since gets 404.
 */
export const CASE_REPLAY = replayThrough('case', CasesService, (cases, ctx, id) => cases.get(ctx, id));
