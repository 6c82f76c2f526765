-- Contact search reads the trigram indexes of "searchText" and "itemWords". Each update of a
-- contact (every new item rewrites "itemWords") lands in the GIN index's pending list, which every
-- index scan reads in full until VACUUM or the list's limit (4 MB by default, ~500 pages) flushes
-- it. Measured: a word's scan of the itemWords index took 15 ms with 503 pending pages and 0.1 ms
-- after the flush. A 256 kB limit flushes in small batches on write and bounds what a search reads.
ALTER INDEX "Contact_searchText_idx" SET (gin_pending_list_limit = 256);
ALTER INDEX "Contact_itemWords_idx" SET (gin_pending_list_limit = 256);
SELECT gin_clean_pending_list('"Contact_searchText_idx"'::regclass), gin_clean_pending_list('"Contact_itemWords_idx"'::regclass);
