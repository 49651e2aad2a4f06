/** What an optional component's child workflow reports to the bring-up. */
export interface ComponentResult {
  created: Record<string, string>;
  warnings: string[];
  serial?: string;
  address: string;
}
