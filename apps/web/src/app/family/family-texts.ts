import type { CaseLevel } from '@stafett/domain';
import type { MessageKey } from '../core/i18n/messages';

/** What a level means, for the family, in plain words. */
export const familyLevelLabel = (level: CaseLevel): MessageKey => `familyCase.level.${level}`;
