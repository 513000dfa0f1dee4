/** RFC 9457 problem details, the one error shape the API sends. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Correlates the response with the server's log line. */
  requestId?: string;
  /** For validation problems: which fields, and what is wrong with each (for a register file, on which line). */
  errors?: Array<{ field: string; messages: string[]; line?: number }>;
  /** For readiness: which dependency is down (no internals, just up/down). */
  checks?: Record<string, { status: string }>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** A stable `type` URI per status, so clients can branch on it without parsing text. */
export function typeFor(status: number): string {
  return status === 400 ? 'https://stafett.no/problems/validation' : `https://stafett.no/problems/${status}`;
}
