/** Types of console-bundle-size.mjs for the budget test. */
export declare const FIRST_VISIT: string[];
export declare function firstVisitJavaScript(dir?: string): {
  gzip: number;
  bytes: number;
  chunks: { file: string; bytes: number; gzip: number }[];
  lazy: string[];
};
