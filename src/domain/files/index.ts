// Public API of the file store. Callers import from here, not from the individual files.
export {
  MAX_STORABLE_BYTES,
  blobPath,
  createFileStore,
  isSha256,
  openFile,
  type FileStore,
  type FileStoreOptions,
} from './file-store.ts';
export { MAX_FILE_NAME_BYTES, sanitizeFileName } from './sanitize-file-name.ts';
export { storeFile, storeFiles, type StoreFileInput, type StoreFileResult, type StoredFileInfo } from './store-file.ts';
