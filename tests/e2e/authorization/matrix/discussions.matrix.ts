import type { MatrixRow } from './personas';

export const DISCUSSION_ROUTES: Record<string, MatrixRow> = {};
