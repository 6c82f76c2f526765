// Offline SQL diffs with Prisma's schema engine compiled to WebAssembly.
//
// The native schema engine cannot be downloaded on every machine, so `npm run db:diff` and the
// drift test use @prisma/schema-engine-wasm instead. Diffing datamodel → datamodel needs no
// database: the engine only asks for the server version when it starts, which `offlineAdapter`
// answers; any other query fails loudly.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

type WasmModule = typeof import('@prisma/schema-engine-wasm');
export type SchemaFile = { path: string; content: string };

const POSTGRES_VERSION_NUM = 150000;

function offlineAdapter() {
  const refuse = async (query: unknown) => {
    throw new Error(`schema engine is offline; refused query ${JSON.stringify(query)}`);
  };
  const adapter = {
    provider: 'postgres' as const,
    adapterName: '@prisma/adapter-pg',
    queryRaw: async (query: { sql: string }) => {
      if (query.sql.includes('server_version_num')) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [5 /* Boolean */, 7 /* Text */, 0 /* Int32 */],
          rows: [[true, 'PostgreSQL (offline)', POSTGRES_VERSION_NUM]],
        };
      }
      return refuse(query);
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  } as never);
}

let wasmPromise: Promise<WasmModule> | undefined;

/** Instantiates the wasm module by hand, so no `--experimental-wasm-modules` flag is needed. */
function loadWasm(): Promise<WasmModule> {
  wasmPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@prisma/schema-engine-wasm');
    const dir = entry.slice(0, entry.lastIndexOf('/') + 1);
    const bindings = await import(`${dir}schema_engine_bg.js`);
    const bytes = await readFile(`${dir}schema_engine_bg.wasm`);
    // The lib typings target Node without DOM, which leaves WebAssembly untyped.
    const wasmApi = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: object } }> } }).WebAssembly;
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bindings as WasmModule;
  })();
  return wasmPromise;
}

/**
 * SQL that turns a database shaped like `from` into one shaped like `to`
 * (`null` = empty database). Returns '' when there is nothing to do.
 */
export async function diffSchemas(from: SchemaFile | null, to: SchemaFile): Promise<string> {
  const wasm = await loadWasm();
  const engine = await wasm.SchemaEngine.new({ datamodels: [[to.path, to.content]] }, () => {}, offlineAdapter());
  try {
    const result = await engine.diff({
      from: from ? { tag: 'schemaDatamodel', files: [from] } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [to] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? '';
    return sql.includes('This is an empty migration') ? '' : sql;
  } finally {
    engine.free();
  }
}
