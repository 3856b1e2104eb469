import type { CellSpan } from './delimited';
import type { ColumnKind } from './columns';

/** A table cell, delimited record cell or X12 element/component: its text and extent, and what its column holds. */
export interface Cell extends CellSpan {
  kind: ColumnKind;
  col: number;
  /** for description cells: the column of the code this description belongs to */
  describes?: number;
  /** X12: cells of one composite element (SV101 HC:code:modifiers) share its start; modifiers belong to its code */
  group?: number;
}
