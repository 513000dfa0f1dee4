import type { MatrixRow } from './personas';

export const REPORT_ROUTES: Record<string, MatrixRow> = {};
