import { byTestId, textOf } from './concerns';

/** The answer's headers when another page follows at `url`, as the API sends them. */
export const nextPageAt = (url: string) => ({ headers: { Link: `<${url}>; rel="next"` } });

/** The "Vis flere" button under a paged list, or null when there is none. */
export const showMoreButton = (root: HTMLElement) => byTestId(root, 'show-more') as HTMLButtonElement | null;

/** What the polite status under a paged list says (empty when a list fits one page). */
export const pagingStatus = (root: HTMLElement) => textOf(root, 'show-more-status');
