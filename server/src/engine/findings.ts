import type { CodeSystemId } from './scanner/tokens';

/** Finding severities, most severe first. The one list: CLI, SARIF, settings and package.json (gen:rules) read it. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** What a user may set per rule: a severity, or 'off' to disable the rule. */
export const SEVERITY_SETTINGS = [...SEVERITIES, 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export function isSeveritySetting(v: unknown): v is SeveritySetting {
  return typeof v === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(v);
}

/** "error, warning, info, hint or off", for messages. */
export const SEVERITY_SETTINGS_TEXT = `${SEVERITY_SETTINGS.slice(0, -1).join(', ')} or ${SEVERITY_SETTINGS[SEVERITY_SETTINGS.length - 1]}`;

export interface Fix {
  title: string;
  /** replaced range (offsets) and its new text */
  start: number;
  end: number;
  newText: string;
  /** the best fix of several */
  preferred?: boolean;
}

export interface Related {
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  start: number;
  end: number;
  /** the code (or claim field) as written */
  code: string;
  /** the code system of a token finding; claim and document findings have none */
  system?: CodeSystemId;
  /** delimited and X12 files: the claim and service line the finding is on */
  claim?: { id: string; line?: number };
  message: string;
  fixes?: Fix[];
  related?: Related[];
  /** rule-specific facts for quick fixes and tooling (e.g. candidate codes) */
  data?: Record<string, unknown>;
}
