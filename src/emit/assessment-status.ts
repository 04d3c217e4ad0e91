import type { ObjectStatus } from './report.js';

export const ASSESSMENT_STATUSES = ['converted', 'converted with warnings', 'needs manual work', 'not supported'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The one place the convert report's statuses become assessment statuses. */
export function assessmentStatus(s: ObjectStatus): AssessmentStatus {
  switch (s) {
    case 'converted': return 'converted';
    case 'converted with warnings': return 'converted with warnings';
    case 'manual': case 'not converted yet': return 'needs manual work';
    case 'skipped': return 'not supported';
    default: return s satisfies never;
  }
}
