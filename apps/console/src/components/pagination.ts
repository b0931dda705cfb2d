/** Rows per page of every list: the API's default window is larger, but 20 rows fit a laptop screen. */
export const PAGE_SIZE = 20;

/** The API's window for a 1-based page number from the address. */
export const windowOf = (page: number | undefined): { limit: number; offset: number } => ({
  limit: PAGE_SIZE,
  offset: ((page ?? 1) - 1) * PAGE_SIZE,
});
