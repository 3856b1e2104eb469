import type { CodeSystemId } from './scanner/tokens';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

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
  /** the code as written */
  code: string;
  system: CodeSystemId;
  message: string;
  fixes?: Fix[];
  related?: Related[];
  /** rule-specific facts for quick fixes and tooling (e.g. candidate codes) */
  data?: Record<string, unknown>;
}
